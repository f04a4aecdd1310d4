using BenchmarkDotNet.Attributes;
using EdgeLstm.Benchmarks.Benchmarks;
using EdgeLstm.Benchmarks.Models;

namespace EdgeLstm.Benchmarks.Generated;

/// <summary>One streaming step of the generated code: what a device does per sensor sample.</summary>
/// <remarks>Closed over every model in <see cref="GeneratedModelCatalog"/> by Program.</remarks>
public class GeneratedStepBenchmarks<TModel> where TModel : struct, IGeneratedModel<TModel>
{
    private readonly StepInputs _inputs = new();
    private readonly float[] _output = new float[BenchModel.OutputSize];
    private TModel _model;

    [GlobalSetup]
    public void Setup() => _model = TModel.Create();

    [Benchmark]
    public void Step() => _model.Step(_inputs.Next(), _output);
}

/// <summary>A whole sequence of <see cref="Sequence.Steps"/> steps from the zero state, as ONNX Runtime's sequence graph runs it.</summary>
public class GeneratedRunBenchmarks<TModel> where TModel : struct, IGeneratedModel<TModel>
{
    private readonly float[] _inputs = SensorSignal.Create(Sequence.Steps);
    private readonly float[] _outputs = new float[Sequence.Steps * BenchModel.OutputSize];
    private TModel _model;

    [GlobalSetup]
    public void Setup() => _model = TModel.Create();

    [Benchmark]
    public void Run()
    {
        _model.Reset();
        _model.Run(_inputs, _outputs);
    }
}
