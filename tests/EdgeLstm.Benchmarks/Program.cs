using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using EdgeLstm.Benchmarks;
using EdgeLstm.Benchmarks.Benchmarks;
using EdgeLstm.Benchmarks.Report;
using EdgeLstm.Benchmarks.Verification;
using EdgeLstm.Benchmarks.Generated;

// Usage: EdgeLstm.Benchmarks [--output docs/benchmarks] [--artifacts artifacts/benchmarks] [--dry] [--verify-only] [--filter *Step*]
//                            [--clock cpu|wall] (cpu: the process's CPU time, for a shared machine under load; default wall)
//   1. checks that every implementation computes the same outputs (exit 1 if not: timing wrong code is worthless),
//   2. runs the benchmarks (BenchConfig), 3. writes results.md and step-latency.png into --output.
Options options = Options.Parse(args);
Stopwatch clock = Stopwatch.StartNew();
string loadBefore = MachineLoad.Describe();

Console.WriteLine("Checking that every implementation computes the same outputs:");
if (!OutputAgreement.Check(Console.Out))
{
    Console.Error.WriteLine("bench: implementations disagree; nothing was timed.");
    return 1;
}
Console.WriteLine("Checking that the generated code allocates nothing per call:");
if (!ZeroAllocationCheck.Check(Console.Out))
{
    Console.Error.WriteLine("bench: generated code allocates; nothing was timed.");
    return 1;
}
Console.WriteLine("Checking the multi-stream forms against single-stream models, and their allocations:");
if (!MultiStreamCheck.Check(Console.Out))
{
    Console.Error.WriteLine("bench: a multi-stream form differs from its single-stream models or allocates; nothing was timed.");
    return 1;
}
Console.WriteLine($"Bits the generated code computes ({nameof(OutputFingerprint)}; equal lines mean bit-identical outputs):");
OutputFingerprint.Write(Console.Out);
if (options.VerifyOnly)
{
    return 0;
}

List<Type> benchmarks = [typeof(FmaPeakBenchmarks), typeof(OnnxRuntimeStepBenchmarks), typeof(OnnxRuntimeRunBenchmarks)];
benchmarks.Add(typeof(ReferenceStepBenchmarks));
benchmarks.Add(typeof(MultiStreamBenchmarks));
foreach (GeneratedModelHandle model in GeneratedModelCatalog.All)
{
    benchmarks.Add(typeof(GeneratedStepBenchmarks<>).MakeGenericType(model.AdapterType));
    benchmarks.Add(typeof(GeneratedRunBenchmarks<>).MakeGenericType(model.AdapterType));
}

IConfig config = BenchConfig.Create(options.ArtifactsPath, options.Dry, options.CpuClock);
if (options.Filter is not null)
{
    config = ((ManualConfig)config).AddFilter(new GlobFilter([options.Filter]));
}
Summary[] summaries = BenchmarkRunner.Run(benchmarks.ToArray(), config);

ResultSet results = ResultSet.From(summaries, [$"load average before: {loadBefore}", $"load average after:  {MachineLoad.Describe()}"], fastest: options.CpuClock);
IReadOnlyDictionary<string, long> multiplyAdds = Efficiency.MultiplyAddsPerStep(out string? multiplyAddsProblem);
ResultsMarkdown markdown = new(results, multiplyAdds, multiplyAddsProblem, BenchConfig.Describe(options.Dry, options.CpuClock));
Directory.CreateDirectory(options.OutputPath);
string markdownPath = Path.Combine(options.OutputPath, "results.md");
string chartPath = Path.Combine(options.OutputPath, "step-latency.png");
File.WriteAllText(markdownPath, markdown.Write());
StepLatencyChart.Save(results, chartPath);

Console.WriteLine();
Console.WriteLine(File.ReadAllText(markdownPath));
Console.WriteLine($"bench: wrote {markdownPath} and {chartPath} in {clock.Elapsed.TotalMinutes:0.0} min; " +
                  $"{markdown.MissedTargets.Count} target row(s) missed, {results.Failures.Count} benchmark(s) without a result.");
// Missed targets are findings, not errors; a benchmark that produced no number is an error.
return results.Failures.Count == 0 ? 0 : 1;

/// <summary>Command-line options.</summary>
internal sealed record Options(string OutputPath, string ArtifactsPath, bool Dry, bool VerifyOnly, string? Filter, bool CpuClock)
{
    public static Options Parse(string[] args)
    {
        Options options = new("docs/benchmarks", "artifacts/benchmarks", false, false, null, false);
        for (int i = 0; i < args.Length; i++)
        {
            options = args[i] switch
            {
                "--output" => options with { OutputPath = Value(args, ref i) },
                "--artifacts" => options with { ArtifactsPath = Value(args, ref i) },
                "--filter" => options with { Filter = Value(args, ref i) },
                "--dry" => options with { Dry = true },
                "--clock" => options with { CpuClock = Value(args, ref i) switch
                {
                    "cpu" => true,
                    "wall" => false,
                    string other => throw new ArgumentException($"--clock takes cpu or wall, not '{other}'."),
                } },
                "--verify-only" => options with { VerifyOnly = true },
                _ => throw new ArgumentException($"unknown argument '{args[i]}'; see the usage at the top of Program.cs."),
            };
        }
        return options;
    }

    private static string Value(string[] args, ref int i) =>
        ++i < args.Length ? args[i] : throw new ArgumentException($"'{args[i - 1]}' needs a value.");
}
