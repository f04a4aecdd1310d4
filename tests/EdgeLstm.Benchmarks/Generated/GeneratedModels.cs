using System;

namespace EdgeLstm.Benchmarks.Generated;

// The benchmark models, baked by the EdgeLstm source generator exactly as a user's project would declare them.
[RecurrentModel("models/lstm_h8.onnx")] public sealed partial class Lstm8;
[RecurrentModel("models/lstm_h16.onnx")] public sealed partial class Lstm16;
[RecurrentModel("models/lstm_h32.onnx")] public sealed partial class Lstm32;
[RecurrentModel("models/lstm_h64.onnx")] public sealed partial class Lstm64;
[RecurrentModel("models/lstm_h128.onnx")] public sealed partial class Lstm128;
[RecurrentModel("models/lstm_h256.onnx")] public sealed partial class Lstm256;
[RecurrentModel("models/gru_h8.onnx")] public sealed partial class Gru8;
[RecurrentModel("models/gru_h16.onnx")] public sealed partial class Gru16;
[RecurrentModel("models/gru_h32.onnx")] public sealed partial class Gru32;
[RecurrentModel("models/gru_h64.onnx")] public sealed partial class Gru64;
[RecurrentModel("models/gru_h128.onnx")] public sealed partial class Gru128;
[RecurrentModel("models/gru_h256.onnx")] public sealed partial class Gru256;
[RecurrentModel("models/lstm2_h64.onnx")] public sealed partial class Lstm2x64;

/// <summary>
/// A generated model seen through a struct. The benchmark classes are generic over it, and a struct type argument
/// makes the JIT compile them once per model with a direct call into the sealed generated class; a class type
/// argument would share one compiled body between all models and call through an interface.
/// </summary>
public interface IGeneratedModel<TSelf> where TSelf : struct, IGeneratedModel<TSelf>
{
    /// <summary>The model's file stem under models/.</summary>
    static abstract string Name { get; }

    static abstract TSelf Create();

    void Step(ReadOnlySpan<float> input, Span<float> output);

    void Run(ReadOnlySpan<float> inputs, Span<float> outputs);

    void Reset();
}

public readonly struct Lstm8Model : IGeneratedModel<Lstm8Model>
{
    private readonly Lstm8 _model;
    private Lstm8Model(Lstm8 model) => _model = model;
    public static string Name => "lstm_h8";
    public static Lstm8Model Create() => new(new Lstm8());
    public void Step(ReadOnlySpan<float> input, Span<float> output) => _model.Step(input, output);
    public void Run(ReadOnlySpan<float> inputs, Span<float> outputs) => _model.Run(inputs, outputs);
    public void Reset() => _model.Reset();
}

public readonly struct Lstm16Model : IGeneratedModel<Lstm16Model>
{
    private readonly Lstm16 _model;
    private Lstm16Model(Lstm16 model) => _model = model;
    public static string Name => "lstm_h16";
    public static Lstm16Model Create() => new(new Lstm16());
    public void Step(ReadOnlySpan<float> input, Span<float> output) => _model.Step(input, output);
    public void Run(ReadOnlySpan<float> inputs, Span<float> outputs) => _model.Run(inputs, outputs);
    public void Reset() => _model.Reset();
}

public readonly struct Lstm32Model : IGeneratedModel<Lstm32Model>
{
    private readonly Lstm32 _model;
    private Lstm32Model(Lstm32 model) => _model = model;
    public static string Name => "lstm_h32";
    public static Lstm32Model Create() => new(new Lstm32());
    public void Step(ReadOnlySpan<float> input, Span<float> output) => _model.Step(input, output);
    public void Run(ReadOnlySpan<float> inputs, Span<float> outputs) => _model.Run(inputs, outputs);
    public void Reset() => _model.Reset();
}

public readonly struct Lstm64Model : IGeneratedModel<Lstm64Model>
{
    private readonly Lstm64 _model;
    private Lstm64Model(Lstm64 model) => _model = model;
    public static string Name => "lstm_h64";
    public static Lstm64Model Create() => new(new Lstm64());
    public void Step(ReadOnlySpan<float> input, Span<float> output) => _model.Step(input, output);
    public void Run(ReadOnlySpan<float> inputs, Span<float> outputs) => _model.Run(inputs, outputs);
    public void Reset() => _model.Reset();
}

public readonly struct Lstm128Model : IGeneratedModel<Lstm128Model>
{
    private readonly Lstm128 _model;
    private Lstm128Model(Lstm128 model) => _model = model;
    public static string Name => "lstm_h128";
    public static Lstm128Model Create() => new(new Lstm128());
    public void Step(ReadOnlySpan<float> input, Span<float> output) => _model.Step(input, output);
    public void Run(ReadOnlySpan<float> inputs, Span<float> outputs) => _model.Run(inputs, outputs);
    public void Reset() => _model.Reset();
}

public readonly struct Lstm256Model : IGeneratedModel<Lstm256Model>
{
    private readonly Lstm256 _model;
    private Lstm256Model(Lstm256 model) => _model = model;
    public static string Name => "lstm_h256";
    public static Lstm256Model Create() => new(new Lstm256());
    public void Step(ReadOnlySpan<float> input, Span<float> output) => _model.Step(input, output);
    public void Run(ReadOnlySpan<float> inputs, Span<float> outputs) => _model.Run(inputs, outputs);
    public void Reset() => _model.Reset();
}

public readonly struct Gru8Model : IGeneratedModel<Gru8Model>
{
    private readonly Gru8 _model;
    private Gru8Model(Gru8 model) => _model = model;
    public static string Name => "gru_h8";
    public static Gru8Model Create() => new(new Gru8());
    public void Step(ReadOnlySpan<float> input, Span<float> output) => _model.Step(input, output);
    public void Run(ReadOnlySpan<float> inputs, Span<float> outputs) => _model.Run(inputs, outputs);
    public void Reset() => _model.Reset();
}

public readonly struct Gru16Model : IGeneratedModel<Gru16Model>
{
    private readonly Gru16 _model;
    private Gru16Model(Gru16 model) => _model = model;
    public static string Name => "gru_h16";
    public static Gru16Model Create() => new(new Gru16());
    public void Step(ReadOnlySpan<float> input, Span<float> output) => _model.Step(input, output);
    public void Run(ReadOnlySpan<float> inputs, Span<float> outputs) => _model.Run(inputs, outputs);
    public void Reset() => _model.Reset();
}

public readonly struct Gru32Model : IGeneratedModel<Gru32Model>
{
    private readonly Gru32 _model;
    private Gru32Model(Gru32 model) => _model = model;
    public static string Name => "gru_h32";
    public static Gru32Model Create() => new(new Gru32());
    public void Step(ReadOnlySpan<float> input, Span<float> output) => _model.Step(input, output);
    public void Run(ReadOnlySpan<float> inputs, Span<float> outputs) => _model.Run(inputs, outputs);
    public void Reset() => _model.Reset();
}

public readonly struct Gru64Model : IGeneratedModel<Gru64Model>
{
    private readonly Gru64 _model;
    private Gru64Model(Gru64 model) => _model = model;
    public static string Name => "gru_h64";
    public static Gru64Model Create() => new(new Gru64());
    public void Step(ReadOnlySpan<float> input, Span<float> output) => _model.Step(input, output);
    public void Run(ReadOnlySpan<float> inputs, Span<float> outputs) => _model.Run(inputs, outputs);
    public void Reset() => _model.Reset();
}

public readonly struct Gru128Model : IGeneratedModel<Gru128Model>
{
    private readonly Gru128 _model;
    private Gru128Model(Gru128 model) => _model = model;
    public static string Name => "gru_h128";
    public static Gru128Model Create() => new(new Gru128());
    public void Step(ReadOnlySpan<float> input, Span<float> output) => _model.Step(input, output);
    public void Run(ReadOnlySpan<float> inputs, Span<float> outputs) => _model.Run(inputs, outputs);
    public void Reset() => _model.Reset();
}

public readonly struct Gru256Model : IGeneratedModel<Gru256Model>
{
    private readonly Gru256 _model;
    private Gru256Model(Gru256 model) => _model = model;
    public static string Name => "gru_h256";
    public static Gru256Model Create() => new(new Gru256());
    public void Step(ReadOnlySpan<float> input, Span<float> output) => _model.Step(input, output);
    public void Run(ReadOnlySpan<float> inputs, Span<float> outputs) => _model.Run(inputs, outputs);
    public void Reset() => _model.Reset();
}

public readonly struct Lstm2x64Model : IGeneratedModel<Lstm2x64Model>
{
    private readonly Lstm2x64 _model;
    private Lstm2x64Model(Lstm2x64 model) => _model = model;
    public static string Name => "lstm2_h64";
    public static Lstm2x64Model Create() => new(new Lstm2x64());
    public void Step(ReadOnlySpan<float> input, Span<float> output) => _model.Step(input, output);
    public void Run(ReadOnlySpan<float> inputs, Span<float> outputs) => _model.Run(inputs, outputs);
    public void Reset() => _model.Reset();
}
