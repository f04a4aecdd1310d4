using System;
using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;
using EdgeLstm.Benchmarks.Models;

namespace EdgeLstm.Benchmarks.Generated;

// The multi-stream forms of some benchmark models: eight independent streams stepped together.
[RecurrentModel("models/lstm_h64.onnx", Streams = 8)] public sealed partial class Lstm64x8;
[RecurrentModel("models/gru_h64.onnx", Streams = 8)] public sealed partial class Gru64x8;
[RecurrentModel("models/lstm_h128.onnx", Streams = 8)] public sealed partial class Lstm128x8;
[RecurrentModel("models/gru_h128.onnx", Streams = 8)] public sealed partial class Gru128x8;

/// <summary>
/// One multi-stream model beside eight single-stream instances of the same weights: <c>Step</c> of
/// <c>[RecurrentModel(..., Streams = 8)]</c> (one row per stream) against eight single-stream <c>Step</c> calls.
/// </summary>
public sealed class MultiStreamCase
{
    public const int Streams = 8;

    // Interfaces with static abstract members cannot be type arguments, so the models are held as delegates.
    private readonly StepFunction _multi;
    private readonly StepFunction[] _singles;

    private delegate void StepFunction(ReadOnlySpan<float> inputs, Span<float> outputs);

    private MultiStreamCase(string name, StepFunction multi, Func<StepFunction> single)
    {
        Name = name;
        _multi = multi;
        _singles = new StepFunction[Streams];
        for (int s = 0; s < Streams; s++) _singles[s] = single();
    }

    public string Name { get; }

    public static MultiStreamCase Create(string name) => name switch
    {
        "lstm_h64" => new(name, new Lstm64x8().Step, () => new Lstm64().Step),
        "gru_h64" => new(name, new Gru64x8().Step, () => new Gru64().Step),
        "lstm_h128" => new(name, new Lstm128x8().Step, () => new Lstm128().Step),
        "gru_h128" => new(name, new Gru128x8().Step, () => new Gru128().Step),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no multi-stream form of this model"),
    };

    public static readonly string[] Names = ["lstm_h64", "gru_h64", "lstm_h128", "gru_h128"];

    /// <summary>
    /// Which of the generated multi-stream kernels this process runs, by the tests their dispatch makes. On AVX-512 the
    /// 16-lane ones take about half the time per step of the 8-lane ones, so a row means little without it.
    /// </summary>
    public static string KernelForm
        => Vector512.IsHardwareAccelerated
            ? "16-lane `Vector512` (AVX-512: the product register-tiled, 4 gate slots of 4 units per vector times each stream's input broadcast, then the update on two hidden units of all 8 streams per vector; the dense head two rows of all 8 streams per vector); `DOTNET_EnableAVX512=0` runs the 8-lane ones an AVX2 machine takes"
            : Vector256.IsHardwareAccelerated
                ? "8-lane `Vector256` (8 streams per vector: no AVX-512 here, or `DOTNET_EnableAVX512=0`)"
                : Vector128.IsHardwareAccelerated ? "4-lane `Vector128`" : "scalar";

    public void StepStreams(ReadOnlySpan<float> inputs, Span<float> outputs) => _multi(inputs, outputs);

    public void StepSingles(ReadOnlySpan<float> inputs, Span<float> outputs)
    {
        for (int s = 0; s < Streams; s++)
        {
            _singles[s](inputs.Slice(s * BenchModel.InputSize, BenchModel.InputSize), outputs.Slice(s * BenchModel.OutputSize, BenchModel.OutputSize));
        }
    }
}

/// <summary>Eight streams per step: the multi-stream form against eight single-stream calls (delegate calls: ~1–2 ns each, on both sides).</summary>
public class MultiStreamBenchmarks
{
    private readonly float[] _inputs = SensorSignal.Create(MultiStreamCase.Streams);
    private readonly float[] _outputs = new float[MultiStreamCase.Streams * BenchModel.OutputSize];
    private MultiStreamCase _case = null!;

    [Params("lstm_h64", "gru_h64", "lstm_h128", "gru_h128")]
    public string Model { get; set; } = "";

    [GlobalSetup]
    public void Setup() => _case = MultiStreamCase.Create(Model);

    [Benchmark]
    public void EightSingleSteps() => _case.StepSingles(_inputs, _outputs);

    [Benchmark]
    public void OneStepOfEightStreams() => _case.StepStreams(_inputs, _outputs);
}
