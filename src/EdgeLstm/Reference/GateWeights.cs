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
    private readonly float[] _projection;
    private readonly int _inputs;
    private readonly int _outputs;

    /// <param name="weights">One direction's weights.</param>
    /// <param name="inputs">Values of x.</param>
    /// <param name="hidden">Hidden units.</param>
    /// <param name="outputs">Values of h: the columns of the recurrent weights (the projection size, or the hidden size).</param>
    public GateWeights(DirectionWeights weights, int inputs, int hidden, int outputs)
    {
        _inputWeights = weights.InputWeights.AsArray();
        _recurrentWeights = weights.RecurrentWeights.AsArray();
        _inputBias = weights.InputBias.AsArray();
        _recurrentBias = weights.RecurrentBias.AsArray();
        _peepholes = weights.Peepholes.AsArray();
        _projection = weights.ProjectionWeights.AsArray();
        _inputs = inputs;
        _outputs = outputs;
        Hidden = hidden;
    }

    public int Hidden { get; }

    /// <summary>x W_gate' + Wb_gate for one unit: the input's contribution to the gate's pre-activation.</summary>
    public double FromInput(int gate, int unit, double[] x)
    {
        int row = gate * Hidden + unit;
        return Dot(_inputWeights, row, _inputs, x) + _inputBias[row];
    }

    /// <summary>h R_gate' + Rb_gate for one unit: the previous hidden state's contribution to the gate's pre-activation (h has O values).</summary>
    public double FromHidden(int gate, int unit, double[] h)
    {
        int row = gate * Hidden + unit;
        return Dot(_recurrentWeights, row, _outputs, h) + _recurrentBias[row];
    }

    /// <summary>W_hr[output] m: the projected h of an LSTM with proj_size, from m = o ⊙ h(c).</summary>
    public double Project(int output, double[] m) => Dot(_projection, output, Hidden, m);

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
