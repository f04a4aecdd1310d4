using System;
using EdgeLstm.Model;

namespace EdgeLstm.Reference;

/// <summary>
/// One time step of one direction of a recurrent layer in double precision: reads x and the state, writes the new
/// state. Each cell's equations live beside its definition (Cells/Lstm/LstmReference.cs, ...).
/// </summary>
internal abstract class ReferenceCell
{
    private readonly double _clip;

    protected ReferenceCell(RecurrentLayer layer, DirectionWeights weights)
    {
        Weights = new GateWeights(weights, layer.Input, layer.Hidden, layer.OutputsPerDirection);
        Activations = weights.Activations.AsArray();
        _clip = layer.Clip is { } clip ? clip : double.PositiveInfinity;
        Outputs = layer.OutputsPerDirection;
        HasCellState = layer.Definition.HasCellState;
    }

    protected GateWeights Weights { get; }

    /// <summary>ONNX's f, g (and h for LSTM), in that order.</summary>
    protected ActivationFunction[] Activations { get; }

    protected int Hidden => Weights.Hidden;

    /// <summary>Values of h: the hidden size, or the projection size.</summary>
    protected int Outputs { get; }

    private bool HasCellState { get; }

    /// <summary>A zero state for this direction.</summary>
    public CellState NewState() => new(Outputs, HasCellState ? Hidden : 0);

    /// <summary>Advances <paramref name="state"/> by one step on input row <paramref name="x"/>.</summary>
    public abstract void Step(double[] x, CellState state);

    /// <summary>
    /// ONNX <c>clip</c>, applied to the pre-activation of every gate and of the candidate. As in ONNX Runtime it does
    /// not touch the cell state before the output activation h(c): clipping there too misses the
    /// onnx_lstm_clip_i2_h8 golden output by 7e-2, while this form matches it to 7e-8.
    /// </summary>
    protected double Clip(double preActivation) => Math.Max(-_clip, Math.Min(_clip, preActivation));
}
