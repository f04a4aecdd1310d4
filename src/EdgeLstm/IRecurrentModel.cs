using System;

namespace EdgeLstm;

/// <summary>
/// A recurrent model with sizes known at compile time. Generated models implement it so that generic code
/// (<c>where TModel : IRecurrentModel</c>) is specialised per model by the JIT or Native AOT, with no virtual call
/// per sample.
/// </summary>
public interface IRecurrentModel
{
    /// <summary>Features per input row.</summary>
    static abstract int InputSize { get; }

    /// <summary>Features per output row.</summary>
    static abstract int OutputSize { get; }

    /// <summary>True when the model can be stepped one sample at a time (every recurrent layer runs forward).
    /// Such models also implement <see cref="IStreamingModel"/>.</summary>
    static abstract bool IsStreaming { get; }

    /// <summary>
    /// Runs T = inputs.Length / InputSize steps over row-major [T, InputSize] and writes [T, OutputSize].
    /// A streaming model continues from its current state; a model with a reverse or bidirectional layer treats
    /// every call as one whole window, starting from the zero state.
    /// </summary>
    /// <exception cref="ArgumentException">The span lengths are not whole rows of matching counts; no state changes.</exception>
    void Run(ReadOnlySpan<float> inputs, Span<float> outputs);

    /// <summary>Returns the recurrent state to zero.</summary>
    void Reset();
}

/// <summary>A recurrent model that runs one time step per call, keeping its state between calls.</summary>
public interface IStreamingModel : IRecurrentModel
{
    /// <summary>Consumes one input row and writes one output row.</summary>
    /// <exception cref="ArgumentException">input is not InputSize long or output is not OutputSize long; no state changes.</exception>
    void Step(ReadOnlySpan<float> input, Span<float> output);
}

/// <summary>
/// Several independent streams (channels, machines) of one model stepped together, as generated for
/// <c>[RecurrentModel(path, Streams = N)]</c>: each weight is read once per step for all streams, and stream s gives
/// exactly the floats a single-stream instance would give for the rows stream s has seen.
/// </summary>
public interface IMultiStreamModel
{
    /// <summary>Features per input row of one stream.</summary>
    static abstract int InputSize { get; }

    /// <summary>Features per output row of one stream.</summary>
    static abstract int OutputSize { get; }

    /// <summary>Streams stepped together, fixed at build time.</summary>
    static abstract int Streams { get; }

    /// <summary>Consumes one row per stream, row-major [Streams, InputSize], and writes [Streams, OutputSize].</summary>
    /// <exception cref="ArgumentException">A span has the wrong length; no state changes.</exception>
    void Step(ReadOnlySpan<float> inputs, Span<float> outputs);

    /// <summary>Returns every stream's state to zero.</summary>
    void Reset();

    /// <summary>Returns one stream's state to zero; the others carry on.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="stream"/> is not in [0, Streams).</exception>
    void Reset(int stream);
}
