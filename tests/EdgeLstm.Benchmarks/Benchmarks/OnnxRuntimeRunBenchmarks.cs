using System;
using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using EdgeLstm.Benchmarks.Models;
using EdgeLstm.Benchmarks.OnnxRuntime;

namespace EdgeLstm.Benchmarks.Benchmarks;

/// <summary>A whole sequence of <see cref="Sequence.Steps"/> steps in ONNX Runtime, with one thread and with its default threads.</summary>
public class OnnxRuntimeRunBenchmarks
{
    private OnnxSequenceRunner _runner = null!;

    [ParamsSource(nameof(Models))]
    public string Model { get; set; } = string.Empty;

    [Params(OrtThreads.One, OrtThreads.Default)]
    public OrtThreads Threads { get; set; }

    public static IEnumerable<string> Models => BenchModel.Names;

    [GlobalSetup]
    public void Setup()
    {
        _runner = new OnnxSequenceRunner(BenchModel.Get(Model), Sequence.Steps, Threads);
        SensorSignal.Create(Sequence.Steps).AsSpan().CopyTo(_runner.Inputs);
    }

    // Disposing joins the default-threads session's worker threads, so they do not spin beside the next benchmark.
    [GlobalCleanup]
    public void Cleanup() => _runner.Dispose();

    [Benchmark]
    public void Run() => _runner.Run();
}
