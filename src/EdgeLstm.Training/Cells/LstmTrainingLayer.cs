using System;
using EdgeLstm.Training.Network;
using EdgeLstm.Training.Numerics;

namespace EdgeLstm.Training.Cells;

/// <summary>
/// The LSTM cell as PyTorch and the reference implementation compute it (gate rows i, f, g, o):
/// <code>
/// i = σ(a_i)   f = σ(a_f)   g = tanh(a_g)   o = σ(a_o)     a = W_ih x + b_ih + W_hh h_prev + b_hh
/// c = f · c_prev + i · g
/// h = o · tanh(c)
/// </code>
/// Backward, with δh = ∂L/∂h_t (from the output and from step t+1) and δc from step t+1:
/// <code>
/// δc += δh · o · (1 - tanh²c)       δo = δh · tanh c
/// δi = δc · g    δf = δc · c_prev    δg = δc · i    δc_prev = δc · f
/// δa_i = δi · i(1-i)   δa_f = δf · f(1-f)   δa_g = δg · (1-g²)   δa_o = δo · o(1-o)
/// </code>
/// </summary>
internal sealed class LstmTrainingLayer : RecurrentTrainingLayer
{
    private const int InputGate = 0, ForgetGate = 1, CellGate = 2, OutputGate = 3;

    // Per step: the activated gates [batch, 4H], c_t and tanh(c_t) [batch, H].
    private double[] _gates = Array.Empty<double>();
    private double[] _cell = Array.Empty<double>();
    private double[] _cellTanh = Array.Empty<double>();
    private double[] _hiddenPart = Array.Empty<double>();
    // Backward: ∂L/∂h and ∂L/∂c flowing from step t+1 into step t, and the pre-activation gradient of step t.
    private double[] _hiddenGradient = Array.Empty<double>();
    private double[] _cellGradient = Array.Empty<double>();
    private double[] _preActivationGradient = Array.Empty<double>();

    public LstmTrainingLayer(int inputs, int hidden, ParameterSet parameters, int layer)
        : base(inputs, hidden, gates: 4, parameters, layer)
    {
    }

    protected override void Allocate(int steps, int batch)
    {
        Grow(ref _gates, steps * batch * Rows);
        Grow(ref _cell, steps * batch * Hidden);
        Grow(ref _cellTanh, steps * batch * Hidden);
        Grow(ref _hiddenPart, batch * Rows);
        Grow(ref _hiddenGradient, batch * Hidden);
        Grow(ref _cellGradient, batch * Hidden);
        Grow(ref _preActivationGradient, batch * Rows);
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
            Span<double> h = HiddenAt(t, b);
            int state = (t * Batch + b) * H, previous = ((t - 1) * Batch + b) * H;
            for (int j = 0; j < H; j++)
            {
                double i = Kernels.Sigmoid(a[InputGate * H + j] + hidden[InputGate * H + j]);
                double f = Kernels.Sigmoid(a[ForgetGate * H + j] + hidden[ForgetGate * H + j]);
                double g = Math.Tanh(a[CellGate * H + j] + hidden[CellGate * H + j]);
                double o = Kernels.Sigmoid(a[OutputGate * H + j] + hidden[OutputGate * H + j]);
                a[InputGate * H + j] = i;
                a[ForgetGate * H + j] = f;
                a[CellGate * H + j] = g;
                a[OutputGate * H + j] = o;

                double cPrevious = t == 0 ? 0.0 : _cell[previous + j];
                double c = f * cPrevious + i * g;
                double tanhC = Math.Tanh(c);
                _cell[state + j] = c;
                _cellTanh[state + j] = tanhC;
                h[j] = o * tanhC;
            }
        }
    }

    protected override void BeginBackward()
    {
        Array.Clear(_hiddenGradient, 0, Batch * Hidden);
        Array.Clear(_cellGradient, 0, Batch * Hidden);
    }

    protected override void BackwardStep(int t, double[] outputGradient, double[]? inputGradient)
    {
        ReadOnlySpan<double> gates = _gates.AsSpan(t * Batch * Rows, Batch * Rows);
        Span<double> delta = _preActivationGradient.AsSpan(0, Batch * Rows);
        int H = Hidden;
        for (int b = 0; b < Batch; b++)
        {
            ReadOnlySpan<double> gate = gates.Slice(b * Rows, Rows);
            Span<double> d = delta.Slice(b * Rows, Rows);
            int state = (t * Batch + b) * H, previous = ((t - 1) * Batch + b) * H;
            for (int j = 0; j < H; j++)
            {
                double i = gate[InputGate * H + j], f = gate[ForgetGate * H + j];
                double g = gate[CellGate * H + j], o = gate[OutputGate * H + j];
                double tanhC = _cellTanh[state + j];
                double cPrevious = t == 0 ? 0.0 : _cell[previous + j];

                double dh = outputGradient[state + j] + _hiddenGradient[b * H + j];
                double dc = _cellGradient[b * H + j] + dh * o * (1.0 - tanhC * tanhC);
                _cellGradient[b * H + j] = dc * f;

                d[InputGate * H + j] = dc * g * i * (1.0 - i);
                d[ForgetGate * H + j] = dc * cPrevious * f * (1.0 - f);
                d[CellGate * H + j] = dc * i * (1.0 - g * g);
                d[OutputGate * H + j] = dh * tanhC * o * (1.0 - o);
            }
        }
        // Both projections see the same pre-activation, so the same gradient reaches both weight matrices.
        AccumulateInputGradients(t, delta, inputGradient);
        AccumulateHiddenGradients(t, delta, _hiddenGradient);
    }
}
