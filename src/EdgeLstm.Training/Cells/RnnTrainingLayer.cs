using System;
using EdgeLstm.Model;
using EdgeLstm.Training.Network;

namespace EdgeLstm.Training.Cells;

/// <summary>
/// The Elman RNN cell: <c>h = act(W_ih x + b_ih + W_hh h_prev + b_hh)</c> with act = tanh or relu (PyTorch's
/// <c>nonlinearity</c>). Backward: δa = δh · (1 - h²) for tanh, δh · [h &gt; 0] for relu (PyTorch's relu passes no
/// gradient at 0).
/// </summary>
internal sealed class RnnTrainingLayer : RecurrentTrainingLayer
{
    private readonly bool _relu;
    private double[] _hiddenPart = Array.Empty<double>();
    private double[] _preActivation = Array.Empty<double>();
    private double[] _hiddenGradient = Array.Empty<double>();
    private double[] _delta = Array.Empty<double>();

    public RnnTrainingLayer(int inputs, int hidden, ActivationKind nonlinearity, ParameterSet parameters, int layer)
        : base(inputs, hidden, gates: 1, parameters, layer)
    {
        _relu = nonlinearity == ActivationKind.Relu;
    }

    protected override void Allocate(int steps, int batch)
    {
        Grow(ref _hiddenPart, batch * Rows);
        Grow(ref _preActivation, batch * Rows);
        Grow(ref _hiddenGradient, batch * Hidden);
        Grow(ref _delta, batch * Rows);
    }

    protected override void ForwardStep(int t)
    {
        ProjectInput(t, _preActivation);
        ProjectHidden(t, _hiddenPart);
        for (int b = 0; b < Batch; b++)
        {
            Span<double> h = HiddenAt(t, b);
            for (int j = 0; j < Hidden; j++)
            {
                double a = _preActivation[b * Hidden + j] + _hiddenPart[b * Hidden + j];
                h[j] = _relu ? Math.Max(a, 0.0) : Math.Tanh(a);
            }
        }
    }

    protected override void BeginBackward() => Array.Clear(_hiddenGradient, 0, Batch * Hidden);

    protected override void BackwardStep(int t, double[] outputGradient, double[]? inputGradient)
    {
        Span<double> delta = _delta.AsSpan(0, Batch * Rows);
        for (int b = 0; b < Batch; b++)
        {
            ReadOnlySpan<double> h = HiddenAt(t, b);
            int state = (t * Batch + b) * Hidden;
            for (int j = 0; j < Hidden; j++)
            {
                double dh = outputGradient[state + j] + _hiddenGradient[b * Hidden + j];
                delta[b * Hidden + j] = _relu ? (h[j] > 0.0 ? dh : 0.0) : dh * (1.0 - h[j] * h[j]);
            }
        }
        AccumulateInputGradients(t, delta, inputGradient);
        AccumulateHiddenGradients(t, delta, _hiddenGradient);
    }
}
