using EdgeLstm.Model;
using EdgeLstm.Reference;

namespace EdgeLstm.Cells;

/// <summary>The Elman RNN cell: <c>h = f(x Wi' + h Ri' + Wbi + Rbi)</c> (f = tanh by default, relu for PyTorch nonlinearity='relu').</summary>
internal sealed class RnnReference : ReferenceCell
{
    private readonly double[] _next;

    public RnnReference(RecurrentLayer layer, DirectionWeights weights)
        : base(layer, weights)
    {
        _next = new double[layer.Hidden];
    }

    public override void Step(double[] x, CellState state)
    {
        ActivationFunction f = Activations[0];
        double[] hPrev = state.Hidden;
        for (int j = 0; j < Hidden; j++)
        {
            _next[j] = f.Apply(Clip(Weights.FromInput(0, j, x) + Weights.FromHidden(0, j, hPrev)));
        }
        // Every unit reads the previous h, so it is overwritten only once all of them are known.
        System.Array.Copy(_next, hPrev, Hidden);
    }
}
