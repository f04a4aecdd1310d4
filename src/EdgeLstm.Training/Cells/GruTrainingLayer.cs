using System;
using EdgeLstm.Training.Network;
using EdgeLstm.Training.Numerics;

namespace EdgeLstm.Training.Cells;

/// <summary>
/// The GRU cell in PyTorch's form (ONNX linear_before_reset = 1; gate rows r, z, n as PyTorch stores them):
/// <code>
/// r = σ(W_ir x + b_ir + W_hr h_prev + b_hr)
/// z = σ(W_iz x + b_iz + W_hz h_prev + b_hz)
/// n = tanh(W_in x + b_in + r · (W_hn h_prev + b_hn))
/// h = (1 - z) · n + z · h_prev
/// </code>
/// Backward, with δh = ∂L/∂h_t and m = W_hn h_prev + b_hn:
/// <code>
/// δn = δh · (1 - z)    δz = δh · (h_prev - n)    δh_prev (direct) = δh · z
/// δa_n = δn · (1 - n²)    δr = δa_n · m    δm = δa_n · r
/// δa_r = δr · r(1-r)    δa_z = δz · z(1-z)
/// </code>
/// The input projection receives (δa_r, δa_z, δa_n); the hidden projection (δa_r, δa_z, δm), because the reset gate
/// multiplies the new gate's hidden product after it is formed.
/// </summary>
internal sealed class GruTrainingLayer : RecurrentTrainingLayer
{
    private const int ResetGate = 0, UpdateGate = 1, NewGate = 2;

    // Per step: the activated gates r, z, n [batch, 3H] and the new gate's hidden product m [batch, H].
    private double[] _gates = Array.Empty<double>();
    private double[] _newHidden = Array.Empty<double>();
    private double[] _hiddenPart = Array.Empty<double>();
    private double[] _hiddenGradient = Array.Empty<double>();
    private double[] _directGradient = Array.Empty<double>();
    private double[] _inputDelta = Array.Empty<double>();
    private double[] _hiddenDelta = Array.Empty<double>();

    public GruTrainingLayer(int inputs, int hidden, ParameterSet parameters, int layer)
        : base(inputs, hidden, gates: 3, parameters, layer)
    {
    }

    protected override void Allocate(int steps, int batch)
    {
        Grow(ref _gates, steps * batch * Rows);
        Grow(ref _newHidden, steps * batch * Hidden);
        Grow(ref _hiddenPart, batch * Rows);
        Grow(ref _hiddenGradient, batch * Hidden);
        Grow(ref _directGradient, batch * Hidden);
        Grow(ref _inputDelta, batch * Rows);
        Grow(ref _hiddenDelta, batch * Rows);
    }

    protected override void ForwardStep(int t)
    {
        Span<double> gates = _gates.AsSpan(t * Batch * Rows, Batch * Rows);
        ProjectInput(t, gates);
        ProjectHidden(t, _hiddenPart);
        int H = Hidden;
        for (int b = 0; b < Batch; b++)
        {
            Span<double> a = gates.Slice(b * Rows, Rows);
            ReadOnlySpan<double> hidden = _hiddenPart.AsSpan(b * Rows, Rows);
            ReadOnlySpan<double> hPrevious = PreviousHidden(t, b);
            Span<double> h = HiddenAt(t, b);
            int state = (t * Batch + b) * H;
            for (int j = 0; j < H; j++)
            {
                double r = Kernels.Sigmoid(a[ResetGate * H + j] + hidden[ResetGate * H + j]);
                double z = Kernels.Sigmoid(a[UpdateGate * H + j] + hidden[UpdateGate * H + j]);
                double m = hidden[NewGate * H + j];
                double n = Math.Tanh(a[NewGate * H + j] + r * m);
                a[ResetGate * H + j] = r;
                a[UpdateGate * H + j] = z;
                a[NewGate * H + j] = n;
                _newHidden[state + j] = m;
                h[j] = (1.0 - z) * n + z * hPrevious[j];
            }
        }
    }

    protected override void BeginBackward() => Array.Clear(_hiddenGradient, 0, Batch * Hidden);

    protected override void BackwardStep(int t, double[] outputGradient, double[]? inputGradient)
    {
        ReadOnlySpan<double> gates = _gates.AsSpan(t * Batch * Rows, Batch * Rows);
        Span<double> inputDelta = _inputDelta.AsSpan(0, Batch * Rows);
        Span<double> hiddenDelta = _hiddenDelta.AsSpan(0, Batch * Rows);
        int H = Hidden;
        for (int b = 0; b < Batch; b++)
        {
            ReadOnlySpan<double> gate = gates.Slice(b * Rows, Rows);
            ReadOnlySpan<double> hPrevious = PreviousHidden(t, b);
            Span<double> di = inputDelta.Slice(b * Rows, Rows);
            Span<double> dh = hiddenDelta.Slice(b * Rows, Rows);
            int state = (t * Batch + b) * H;
            for (int j = 0; j < H; j++)
            {
                double r = gate[ResetGate * H + j], z = gate[UpdateGate * H + j], n = gate[NewGate * H + j];
                double m = _newHidden[state + j];
                double delta = outputGradient[state + j] + _hiddenGradient[b * H + j];

                double dn = delta * (1.0 - z) * (1.0 - n * n);
                double dr = dn * m * r * (1.0 - r);
                double dz = delta * (hPrevious[j] - n) * z * (1.0 - z);
                _directGradient[b * H + j] = delta * z;

                di[ResetGate * H + j] = dh[ResetGate * H + j] = dr;
                di[UpdateGate * H + j] = dh[UpdateGate * H + j] = dz;
                di[NewGate * H + j] = dn;
                dh[NewGate * H + j] = dn * r;
            }
        }
        AccumulateInputGradients(t, inputDelta, inputGradient);
        AccumulateHiddenGradients(t, hiddenDelta, _hiddenGradient);
        for (int k = 0; k < Batch * H; k++)
        {
            _hiddenGradient[k] += _directGradient[k];
        }
    }
}
