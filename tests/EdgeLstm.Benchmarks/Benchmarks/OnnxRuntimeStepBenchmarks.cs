using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using EdgeLstm.Benchmarks.Models;
using EdgeLstm.Benchmarks.OnnxRuntime;

namespace EdgeLstm.Benchmarks.Benchmarks;

/// <summary>One streaming step in ONNX Runtime: the one-step graph, one thread, state buffers swapped by binding.</summary>
public class OnnxRuntimeStepBenchmarks
{
    private readonly StepInputs _inputs = new();
    private OnnxStepRunner _runner = null!;

    [ParamsSource(nameof(Models))]
    public string Model { get; set; } = string.Empty;

    public static IEnumerable<string> Models => BenchModel.Names;

    [GlobalSetup]
    public void Setup() => _runner = new OnnxStepRunner(BenchModel.Get(Model), OrtThreads.One);

    [GlobalCleanup]
    public void Cleanup() => _runner.Dispose();

    [Benchmark]
    public void Step()
    {
        _inputs.Next().CopyTo(_runner.Input);
        _runner.Step();
    }
}
