using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using EdgeLstm.Benchmarks.Models;

namespace EdgeLstm.Benchmarks.Benchmarks;

/// <summary>One streaming step of EdgeLstm's double-precision reference implementation (plain loops, no SIMD).</summary>
public class ReferenceStepBenchmarks
{
    private readonly StepInputs _inputs = new();
    private readonly float[] _output = new float[BenchModel.OutputSize];
    private ReferenceModel _model = null!;

    [ParamsSource(nameof(Models))]
    public string Model { get; set; } = string.Empty;

    public static IEnumerable<string> Models => BenchModel.Names;

    [GlobalSetup]
    public void Setup() => _model = ReferenceModel.Load(BenchModel.Get(Model).SequenceGraphPath);

    [Benchmark]
    public void Step() => _model.Step(_inputs.Next(), _output);
}
