using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using Perfolizer.Horology;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using BenchmarkDotNet.Validators;

namespace EdgeLstm.Benchmarks;

/// <summary>
/// The short configuration behind <c>./build.sh bench</c>: about 80 benchmark cases must finish in minutes on two
/// shared cores, so each gets one launch, a few 100 ms iterations, and runs in this process (no per-case project
/// build or process start). Every case is still warmed up past tiered JIT compilation before it is measured.
/// </summary>
public static class BenchConfig
{
    public static string Describe(bool dry) => dry
        ? "BenchmarkDotNet Dry job: one unwarmed iteration, a smoke test only"
        : "in-process, 1 launch, 3 warm-up and 5 measured iterations of about 100 ms, MemoryDiagnoser";

    public static IConfig Create(string artifactsPath, bool dry)
    {
        Job job = dry
            ? Job.Dry
            : Job.Default
                .WithLaunchCount(1)
                .WithWarmupCount(3)
                .WithIterationCount(5)
                .WithIterationTime(TimeInterval.FromMilliseconds(100));
        return ManualConfig.CreateEmpty()
            .AddJob(job.WithToolchain(InProcessEmitToolchain.Instance).WithId(dry ? "Dry" : "Short"))
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddColumn(StatisticColumn.Median)
            .AddLogger(ConsoleLogger.Default)
            .AddExporter(MarkdownExporter.GitHub)
            .AddValidator(JitOptimizationsValidator.FailOnError)
            .WithArtifactsPath(artifactsPath);
    }
}
