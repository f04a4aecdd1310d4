using System;
using EdgeLstm.Model;

namespace EdgeLstm.Reference;

/// <summary>One time step of one direction of a recurrent layer: reads x and the state, writes the new state.</summary>
internal abstract class RecurrentCell
{
    private readonly double _clip;

    protected RecurrentCell(RecurrentLayer layer, DirectionWeights weights)
    {
        Weights = new GateWeights(weights, layer.Input, layer.Hidden);
        Activations = weights.Activations.AsArray();
        _clip = layer.Clip is { } clip ? clip : double.PositiveInfinity;
    }

    protected GateWeights Weights { get; }

    /// <summary>ONNX's f, g (and h for LSTM), in that order.</summary>
    protected ActivationFunction[] Activations { get; }

    protected int Hidden => Weights.Hidden;

    public static RecurrentCell Create(RecurrentLayer layer, DirectionWeights weights) => layer.Cell switch
    {
        CellKind.Lstm => new LstmCell(layer, weights),
        CellKind.Gru => new GruCell(layer, weights),
        CellKind.Rnn => new RnnCell(layer, weights),
        _ => throw new ArgumentException($"Unknown cell kind {layer.Cell}.", nameof(layer)),
    };

    /// <summary>Advances <paramref name="state"/> by one step on input row <paramref name="x"/>.</summary>
    public abstract void Step(double[] x, CellState state);

    /// <summary>
    /// ONNX <c>clip</c>, applied to the pre-activation of every gate and of the candidate. As in ONNX Runtime it does
    /// not touch the cell state before the output activation h(c): clipping there too misses the
    /// onnx_lstm_clip_i2_h8 golden output by 7e-2, while this form matches it to 7e-8.
    /// </summary>
    protected double Clip(double preActivation) => Math.Max(-_clip, Math.Min(_clip, preActivation));
}
