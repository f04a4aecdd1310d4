using EdgeLstm.Model;

namespace EdgeLstm.Reference;

/// <summary>
/// Read access to one direction's weights by (gate, unit), in the canonical gate order of <see cref="GateLayout"/>,
/// so that the cells can be written as the equations in docs/cell-semantics.md.
/// </summary>
internal sealed class GateWeights
{
    private readonly float[] _inputWeights;
    private readonly float[] _recurrentWeights;
    private readonly float[] _inputBias;
    private readonly float[] _recurrentBias;
    private readonly float[] _peepholes;
    private readonly int _inputs;

    public GateWeights(DirectionWeights weights, int inputs, int hidden)
    {
        _inputWeights = weights.InputWeights.AsArray();
        _recurrentWeights = weights.RecurrentWeights.AsArray();
        _inputBias = weights.InputBias.AsArray();
        _recurrentBias = weights.RecurrentBias.AsArray();
        _peepholes = weights.Peepholes.AsArray();
        _inputs = inputs;
        Hidden = hidden;
    }

    public int Hidden { get; }

    /// <summary>x W_gate' + Wb_gate for one unit: the input's contribution to the gate's pre-activation.</summary>
    public double FromInput(int gate, int unit, double[] x)
    {
        int row = gate * Hidden + unit;
        return Dot(_inputWeights, row, _inputs, x) + _inputBias[row];
    }

    /// <summary>h R_gate' + Rb_gate for one unit: the previous hidden state's contribution to the gate's pre-activation.</summary>
    public double FromHidden(int gate, int unit, double[] h)
    {
        int row = gate * Hidden + unit;
        return Dot(_recurrentWeights, row, Hidden, h) + _recurrentBias[row];
    }

    /// <summary>The LSTM peephole weight P_which[unit] (<see cref="GateLayout.PeepholeInput"/> etc.), 0 without peepholes.</summary>
    public double Peephole(int which, int unit) => _peepholes.Length == 0 ? 0.0 : _peepholes[which * Hidden + unit];

    private static double Dot(float[] matrix, int row, int columns, double[] vector)
    {
        double sum = 0.0;
        int start = row * columns;
        for (int k = 0; k < columns; k++)
        {
            sum += matrix[start + k] * vector[k];
        }
        return sum;
    }
}
