using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using EdgeLstm.Benchmarks.Benchmarks;
using EdgeLstm.Benchmarks.OnnxRuntime;
using EdgeLstm.Benchmarks.Generated;

namespace EdgeLstm.Benchmarks.Report;

/// <summary>The benchmark results by series and model, read from BenchmarkDotNet's summaries.</summary>
public sealed class ResultSet
{
    private readonly Dictionary<(Series, string), Measurement> _measurements = [];

    private readonly bool _fastest;

    private ResultSet(bool fastest, IReadOnlyList<string> environment)
    {
        _fastest = fastest;
        Environment = environment;
    }

    /// <summary>BenchmarkDotNet's description of the machine, runtime and job.</summary>
    public IReadOnlyList<string> Environment { get; }

    /// <summary>Nanoseconds per 128-bit FMA in <see cref="FmaPeakBenchmarks"/>' fastest iteration, if it ran.</summary>
    public double? NanosecondsPerFma { get; private set; }

    /// <summary>Single-core 128-bit FMA peak in GFLOP/s.</summary>
    public double? PeakGflops => FmaPeakBenchmarks.FlopsPerFma / NanosecondsPerFma;

    /// <summary>Benchmarks that ran but produced no measurement (they threw, or were cut short).</summary>
    public List<string> Failures { get; } = [];

    public Measurement? Get(Series series, string model) => _measurements.GetValueOrDefault((series, model));

    /// <param name="summaries">BenchmarkRunner's results.</param>
    /// <param name="notes">Further lines for the environment description.</param>
    /// <param name="fastest">Report each case's fastest iteration instead of its median (CPU-time runs on a shared machine).</param>
    public static ResultSet From(IEnumerable<Summary> summaries, IEnumerable<string> notes, bool fastest)
    {
        Summary[] all = summaries.ToArray();
        IEnumerable<string> host = all.Length == 0 ? [] : all[0].HostEnvironmentInfo.ToFormattedString();
        ResultSet results = new(fastest, [.. host, $"runtime: {RuntimeInformation.FrameworkDescription}, " +
            $"Vector128 accelerated: {Vector128.IsHardwareAccelerated}, FMA: {Fma.IsSupported || AdvSimd.IsSupported}, " +
            $"AVX2: {Avx2.IsSupported}, AVX-512F: {Avx512F.IsSupported}", .. notes]);
        foreach (Summary summary in all)
        {
            foreach (BenchmarkReport report in summary.Reports)
            {
                results.Add(report);
            }
            // A case that threw in setup may have no report at all.
            foreach (BenchmarkCase missing in summary.BenchmarksCases.Where(c => summary.Reports.All(r => r.BenchmarkCase != c)))
            {
                results.Failures.Add(missing.DisplayInfo);
            }
        }
        return results;
    }

    private void Add(BenchmarkReport report)
    {
        BenchmarkCase benchmark = report.BenchmarkCase;
        if (report.ResultStatistics is null)
        {
            Failures.Add(benchmark.DisplayInfo);
            return;
        }
        Measurement measurement = new(_fastest ? report.ResultStatistics.Min : report.ResultStatistics.Median, report.GcStats.GetBytesAllocatedPerOperation(benchmark));
        Type type = benchmark.Descriptor.Type;
        if (type == typeof(FmaPeakBenchmarks))
        {
            // A peak is the best the core can do, so the fastest iteration, not the median: on a shared machine other
            // work only ever slows an iteration down. This makes the efficiency column conservative.
            NanosecondsPerFma = report.ResultStatistics.Min;
            return;
        }
        (Series series, string model) = Identify(benchmark, type);
        _measurements[(series, model)] = measurement;
    }

    private static (Series, string) Identify(BenchmarkCase benchmark, Type type)
    {
        if (type.IsGenericType)
        {
            Type adapter = type.GetGenericArguments()[0];
            string name = GeneratedModelCatalog.All.Single(h => h.AdapterType == adapter).Name;
            Type definition = type.GetGenericTypeDefinition();
            if (definition == typeof(GeneratedStepBenchmarks<>)) return (Series.EdgeLstmStep, name);
            if (definition == typeof(GeneratedRunBenchmarks<>)) return (Series.EdgeLstmRun, name);
        }
        string model = (string)benchmark.Parameters["Model"];
        if (type == typeof(MultiStreamBenchmarks))
        {
            return (benchmark.Descriptor.WorkloadMethod.Name == nameof(MultiStreamBenchmarks.OneStepOfEightStreams)
                ? Series.OneStepOfEightStreams
                : Series.EightSingleSteps, model);
        }
        if (type == typeof(OnnxRuntimeStepBenchmarks)) return (Series.OnnxRuntimeStep, model);
        if (type == typeof(ReferenceStepBenchmarks)) return (Series.ReferenceStep, model);
        if (type == typeof(OnnxRuntimeRunBenchmarks))
        {
            return ((OrtThreads)benchmark.Parameters["Threads"] == OrtThreads.One
                ? Series.OnnxRuntimeRunOneThread
                : Series.OnnxRuntimeRunDefaultThreads, model);
        }
        throw new InvalidOperationException($"no report series for benchmark '{benchmark.DisplayInfo}'.");
    }
}
