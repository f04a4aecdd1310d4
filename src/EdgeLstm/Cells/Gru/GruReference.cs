using EdgeLstm.Model;
using EdgeLstm.Reference;

namespace EdgeLstm.Cells;

/// <summary>
/// The GRU cell in ONNX's form (docs/cell-semantics.md), both placements of the reset gate:
/// <code>
/// z = f(x Wz' + h Rz' + Wbz + Rbz)
/// r = f(x Wr' + h Rr' + Wbr + Rbr)
/// linear_before_reset = 0:  n = g(x Wn' + (r . h) Rn' + Rbn + Wbn)
/// linear_before_reset = 1:  n = g(x Wn' + r . (h Rn' + Rbn) + Wbn)      (PyTorch, Keras reset_after=True)
/// h = (1 - z) . n + z . h_prev
/// </code>
/// </summary>
internal sealed class GruReference : ReferenceCell
{
    private readonly bool _linearBeforeReset;
    private readonly double[] _update, _reset, _candidate, _resetHidden;

    public GruReference(RecurrentLayer layer, DirectionWeights weights)
        : base(layer, weights)
    {
        _linearBeforeReset = layer.LinearBeforeReset;
        _update = new double[layer.Hidden];
        _reset = new double[layer.Hidden];
        _candidate = new double[layer.Hidden];
        _resetHidden = new double[layer.Hidden];
    }

    public override void Step(double[] x, CellState state)
    {
        ActivationFunction f = Activations[0], g = Activations[1];
        double[] hPrev = state.Hidden;
        GateWeights w = Weights;

        for (int j = 0; j < Hidden; j++)
        {
            _update[j] = f.Apply(Clip(w.FromInput(GruCell.Update, j, x) + w.FromHidden(GruCell.Update, j, hPrev)));
            _reset[j] = f.Apply(Clip(w.FromInput(GruCell.Reset, j, x) + w.FromHidden(GruCell.Reset, j, hPrev)));
        }

        if (_linearBeforeReset)
        {
            for (int j = 0; j < Hidden; j++)
            {
                _candidate[j] = g.Apply(Clip(
                    w.FromInput(GruCell.New, j, x) + _reset[j] * w.FromHidden(GruCell.New, j, hPrev)));
            }
        }
        else
        {
            // The reset gate scales h before the recurrent product, so the whole vector r . h is needed first.
            for (int j = 0; j < Hidden; j++)
            {
                _resetHidden[j] = _reset[j] * hPrev[j];
            }
            for (int j = 0; j < Hidden; j++)
            {
                _candidate[j] = g.Apply(Clip(
                    w.FromInput(GruCell.New, j, x) + w.FromHidden(GruCell.New, j, _resetHidden)));
            }
        }

        for (int j = 0; j < Hidden; j++)
        {
            hPrev[j] = (1.0 - _update[j]) * _candidate[j] + _update[j] * hPrev[j];
        }
    }
}
