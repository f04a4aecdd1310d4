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
    /// <summary>Measured iterations per case: more with the CPU clock, whose fastest iteration is reported.</summary>
    private static int Iterations(bool cpuClock) => cpuClock ? 15 : 5;

    /// <summary>What a reported time is, for results.md ("Every time is ...").</summary>
    public static string Describe(bool dry, bool cpuClock) => dry
        ? "BenchmarkDotNet's median from a Dry job (one unwarmed iteration: a smoke test only)"
        : cpuClock
            ? $"the fastest of {Iterations(true)} measured iterations of about 100 ms in one short BenchmarkDotNet run (in-process, 1 launch, " +
              "3 warm-up iterations, MemoryDiagnoser), timed with the process's CPU time (`--clock cpu`) instead of the wall clock, " +
              "because the machine was shared: other work only ever slows an iteration down, so the fastest is the least disturbed " +
              "(with this clock, ONNX Runtime's default-threads rows count the CPU time of all its threads: its cost, not its latency)"
            : $"BenchmarkDotNet's median from one short run (in-process, 1 launch, 3 warm-up and {Iterations(false)} measured iterations " +
              "of about 100 ms, MemoryDiagnoser, wall clock)";

    /// <param name="artifactsPath">BenchmarkDotNet's working folder.</param>
    /// <param name="dry">One unwarmed iteration per case (smoke test).</param>
    /// <param name="cpuClock">Time with <see cref="ProcessCpuClock"/> instead of the wall clock (a loaded, shared machine).</param>
    public static IConfig Create(string artifactsPath, bool dry, bool cpuClock)
    {
        Job job = dry
            ? Job.Dry
            : Job.Default
                .WithLaunchCount(1)
                .WithWarmupCount(3)
                .WithIterationCount(Iterations(cpuClock))
                .WithIterationTime(TimeInterval.FromMilliseconds(100));
        if (cpuClock)
        {
            job = job.WithClock(ProcessCpuClock.Instance);
        }
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
