using EdgeLstm.Model;
using EdgeLstm.Reference;

namespace EdgeLstm.Cells;

/// <summary>
/// The LSTM cell in ONNX's form (docs/cell-semantics.md), with optional peepholes, clip and coupled input-forget gate,
/// and PyTorch's projection:
/// <code>
/// i  = f(x Wi' + h Ri' + Pi . c_prev + Wbi + Rbi)
/// f  = f(x Wf' + h Rf' + Pf . c_prev + Wbf + Rbf)      (input_forget: f = 1 - i)
/// c~ = g(x Wc' + h Rc' + Wbc + Rbc)
/// c  = f . c_prev + i . c~
/// o  = f(x Wo' + h Ro' + Po . c + Wbo + Rbo)            (peephole on the new cell state)
/// h  = o . h(c)                                        (proj_size P: h = W_hr (o . h(c)), P values; R is [4H, P])
/// </code>
/// </summary>
internal sealed class LstmReference : ReferenceCell
{
    private readonly bool _inputForget;
    private readonly bool _projects;
    private readonly double[] _input, _forget, _candidate, _output, _unprojected;

    public LstmReference(RecurrentLayer layer, DirectionWeights weights)
        : base(layer, weights)
    {
        _inputForget = layer.InputForget;
        _input = new double[layer.Hidden];
        _forget = new double[layer.Hidden];
        _candidate = new double[layer.Hidden];
        _output = new double[layer.Hidden];
        _projects = layer.HasProjection;
        _unprojected = new double[_projects ? layer.Hidden : 0];
    }

    public override void Step(double[] x, CellState state)
    {
        ActivationFunction f = Activations[0], g = Activations[1], h = Activations[2];
        double[] hPrev = state.Hidden, c = state.Cell;
        GateWeights w = Weights;

        for (int j = 0; j < Hidden; j++)
        {
            _input[j] = f.Apply(Clip(
                w.FromInput(LstmCell.Input, j, x) + w.FromHidden(LstmCell.Input, j, hPrev)
                + w.Peephole(LstmCell.PeepholeInput, j) * c[j]));

            _forget[j] = _inputForget
                ? 1.0 - _input[j]
                : f.Apply(Clip(
                    w.FromInput(LstmCell.Forget, j, x) + w.FromHidden(LstmCell.Forget, j, hPrev)
                    + w.Peephole(LstmCell.PeepholeForget, j) * c[j]));

            _candidate[j] = g.Apply(Clip(
                w.FromInput(LstmCell.Candidate, j, x) + w.FromHidden(LstmCell.Candidate, j, hPrev)));
        }

        // c is updated before o because the output gate's peephole looks at the new cell state.
        for (int j = 0; j < Hidden; j++)
        {
            c[j] = _forget[j] * c[j] + _input[j] * _candidate[j];
        }

        // Every gate reads the previous h, so h is overwritten only once all of them are known.
        for (int j = 0; j < Hidden; j++)
        {
            _output[j] = f.Apply(Clip(
                w.FromInput(LstmCell.Output, j, x) + w.FromHidden(LstmCell.Output, j, hPrev)
                + w.Peephole(LstmCell.PeepholeOutput, j) * c[j]));
        }
        if (!_projects)
        {
            for (int j = 0; j < Hidden; j++)
            {
                hPrev[j] = _output[j] * h.Apply(c[j]);
            }
            return;
        }
        for (int j = 0; j < Hidden; j++)
        {
            _unprojected[j] = _output[j] * h.Apply(c[j]);
        }
        for (int k = 0; k < Outputs; k++)
        {
            hPrev[k] = w.Project(k, _unprojected);
        }
    }
}
