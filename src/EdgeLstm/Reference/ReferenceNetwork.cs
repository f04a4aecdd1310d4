using System;
using EdgeLstm.Model;

namespace EdgeLstm.Reference;

/// <summary>
/// The reference implementation of a <see cref="NetworkModel"/>: double precision and plain loops that read like the
/// equations in docs/cell-semantics.md. It is the oracle the generated code is checked against (the generator calls
/// it to compute each model's self-test outputs), so clarity beats speed here.
/// </summary>
/// <remarks>
/// Shared source (runtime and generator): arrays, not spans, so that it compiles for netstandard2.0.
/// A streaming model (every recurrent layer runs forward) keeps its state between calls: <see cref="Step"/> and
/// <see cref="Run"/> continue where the previous call stopped. A model with a reverse or bidirectional layer needs the
/// whole window: every <see cref="Run"/> starts from the zero state and <see cref="Step"/> is refused.
/// </remarks>
public sealed class ReferenceNetwork
{
    /// <summary>Why <see cref="Step"/> is refused for a model that is not streaming (shared with the float wrapper).</summary>
    internal const string WholeWindowMessage =
        "The model has a reverse or bidirectional recurrent layer, so each output depends on later inputs: it needs the whole window. Call Run with all the window's rows instead of Step.";

    private readonly LayerRunner[] _layers;
    private readonly double[] _mean;
    private readonly double[] _std;

    /// <summary>Prepares <paramref name="model"/> to run from the zero state.</summary>
    /// <exception cref="ArgumentException">The model does not pass <see cref="ModelValidator"/>.</exception>
    public ReferenceNetwork(NetworkModel model)
    {
        if (model is null) throw new ArgumentNullException(nameof(model));
        string name = model.Metadata?.SourceFile ?? model.Metadata?.Name ?? "model";
        try
        {
            // Importers already validate; hand-built models must pass the same checks so that every loop below stays in bounds.
            ModelValidator.Validate(model, name);
        }
        catch (ModelFormatException e)
        {
            throw new ArgumentException($"The model is not valid: {e.Message}", nameof(model), e);
        }

        Model = model;
        _layers = new LayerRunner[model.Layers.Count];
        for (int i = 0; i < _layers.Length; i++)
        {
            _layers[i] = LayerRunner.Create(model.Layers[i]);
        }
        _mean = ToDoubles(model.Normalization?.Mean);
        _std = ToDoubles(model.Normalization?.Std);
    }

    /// <summary>The model this network computes.</summary>
    public NetworkModel Model { get; }

    /// <summary>Features per input row.</summary>
    public int InputSize => Model.InputSize;

    /// <summary>Features per output row.</summary>
    public int OutputSize => Model.OutputSize;

    /// <summary>True when every recurrent layer runs forward, so that <see cref="Step"/> is allowed.</summary>
    public bool IsStreaming => Model.IsStreaming;

    /// <summary>Returns every layer to the zero state.</summary>
    public void Reset()
    {
        foreach (LayerRunner layer in _layers)
        {
            layer.Reset();
        }
    }

    /// <summary>One step of a streaming model: input [InputSize] to output [OutputSize], continuing from the current state.</summary>
    /// <exception cref="InvalidOperationException">The model has a reverse or bidirectional layer.</exception>
    /// <exception cref="ArgumentException">A length is wrong; the state is unchanged.</exception>
    public void Step(double[] input, double[] output)
    {
        if (!IsStreaming)
        {
            throw new InvalidOperationException(WholeWindowMessage);
        }
        CheckLength(input, InputSize, nameof(input));
        CheckLength(output, OutputSize, nameof(output));
        Compute(input, output, 1);
    }

    /// <summary>
    /// Runs <paramref name="steps"/> steps over row-major [steps, InputSize] and writes [steps, OutputSize]. A streaming
    /// model continues from its current state; any other model treats the call as one whole window from the zero state.
    /// </summary>
    /// <exception cref="ArgumentException">A length is wrong; the state is unchanged.</exception>
    public void Run(double[] inputs, double[] outputs, int steps)
    {
        if (steps < 0) throw new ArgumentOutOfRangeException(nameof(steps), steps, "The number of steps cannot be negative.");
        CheckLength(inputs, (long)steps * InputSize, nameof(inputs));
        CheckLength(outputs, (long)steps * OutputSize, nameof(outputs));
        if (!IsStreaming)
        {
            Reset();
        }
        Compute(inputs, outputs, steps);
    }

    private void Compute(double[] inputs, double[] outputs, int steps)
    {
        double[] current = Normalize(inputs, steps);
        foreach (LayerRunner layer in _layers)
        {
            double[] next = new double[steps * layer.OutputSize];
            layer.Run(current, next, steps);
            current = next;
        }
        Array.Copy(current, outputs, current.Length);
    }

    // x' = (x - mean) / std per channel; a copy, so that the caller's inputs are never modified.
    private double[] Normalize(double[] inputs, int steps)
    {
        double[] normalized = new double[steps * InputSize];
        Array.Copy(inputs, normalized, normalized.Length);
        if (_mean.Length == 0)
        {
            return normalized;
        }
        for (int t = 0; t < steps; t++)
        {
            for (int k = 0; k < InputSize; k++)
            {
                int at = t * InputSize + k;
                normalized[at] = (normalized[at] - _mean[k]) / _std[k];
            }
        }
        return normalized;
    }

    private static void CheckLength(double[] values, long expected, string name)
    {
        if (values is null) throw new ArgumentNullException(name);
        if (values.Length != expected)
        {
            throw new ArgumentException($"{name} has {values.Length} values; expected {expected}.", name);
        }
    }

    private static double[] ToDoubles(EquatableArray<float>? values)
    {
        if (values is not { } array) return Array.Empty<double>();
        double[] result = new double[array.Count];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = array[i];
        }
        return result;
    }
}
