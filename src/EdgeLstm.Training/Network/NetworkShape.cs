using System;
using EdgeLstm.Model;

namespace EdgeLstm.Training.Network;

/// <summary>
/// What a trainable network is: <see cref="Layers"/> stacked recurrent layers of one cell kind (PyTorch's
/// <c>nn.LSTM</c>/<c>nn.GRU</c>/<c>nn.RNN</c> with <c>num_layers</c>), all forward, then one linear head
/// (<c>nn.Linear(Hidden, Outputs)</c>) without activation.
/// </summary>
/// <param name="Cell">LSTM, GRU (PyTorch's form, linear_before_reset = 1) or Elman RNN.</param>
/// <param name="Inputs">Features per step into the first layer.</param>
/// <param name="Hidden">Units per recurrent layer.</param>
/// <param name="Layers">Recurrent layers.</param>
/// <param name="Outputs">Features per step out of the head.</param>
/// <param name="Nonlinearity">The RNN cell's activation: tanh or relu (LSTM and GRU: tanh, as fixed by their cells).</param>
internal sealed record NetworkShape(CellKind Cell, int Inputs, int Hidden, int Layers, int Outputs, ActivationKind Nonlinearity = ActivationKind.Tanh)
{
    /// <summary>Gate blocks per recurrent weight matrix: LSTM 4, GRU 3, RNN 1.</summary>
    public int Gates => GateLayout.GateCount(Cell);

    /// <summary>Features into recurrent layer <paramref name="layer"/>.</summary>
    public int LayerInputs(int layer) => layer == 0 ? Inputs : Hidden;

    public void Validate()
    {
        if (Inputs < 1 || Hidden < 1 || Layers < 1 || Outputs < 1)
        {
            throw new ArgumentException($"Every size must be at least 1: inputs {Inputs}, hidden {Hidden}, layers {Layers}, outputs {Outputs}.");
        }
        if (Nonlinearity is not (ActivationKind.Tanh or ActivationKind.Relu) || (Cell != CellKind.Rnn && Nonlinearity != ActivationKind.Tanh))
        {
            throw new ArgumentException($"A {Cell} cell cannot use {Nonlinearity}; only an RNN chooses between tanh and relu.");
        }
    }
}
