using System;
using EdgeLstm.Training.Network;
using EdgeLstm.Training.Numerics;

namespace EdgeLstm.Training.Cells;

/// <summary>
/// One recurrent layer that can be trained: a forward pass over a batch of windows that keeps what the backward pass
/// needs, and backpropagation through time over the same windows. Every window starts from the zero state.
/// </summary>
/// <remarks>
/// Layout: time-major, row-major. Inputs are [steps, batch, Inputs], outputs (the hidden states h_t) [steps, batch,
/// Hidden], pre-activations [batch, Gates·Hidden] per step. The weights keep PyTorch's layout and gate order
/// (<c>weight_ih</c> [G·H, I], <c>weight_hh</c> [G·H, H], <c>bias_ih</c> and <c>bias_hh</c> [G·H]), so that a
/// parameter and its gradient can be compared with PyTorch's by name. This base class holds the two matrix products
/// every cell shares; the cells hold the gate arithmetic.
/// </remarks>
internal abstract class RecurrentTrainingLayer
{
    private readonly Parameter _inputWeights, _recurrentWeights, _inputBias, _recurrentBias;
    private readonly double[] _zeroState;
    private double[] _input = Array.Empty<double>();
    private double[] _output = Array.Empty<double>();

    protected RecurrentTrainingLayer(int inputs, int hidden, int gates, ParameterSet parameters, int layer)
    {
        Inputs = inputs;
        Hidden = hidden;
        Rows = gates * hidden;
        _inputWeights = parameters[StateDictNames.InputWeights(layer)];
        _recurrentWeights = parameters[StateDictNames.RecurrentWeights(layer)];
        _inputBias = parameters[StateDictNames.InputBias(layer)];
        _recurrentBias = parameters[StateDictNames.RecurrentBias(layer)];
        _zeroState = new double[hidden];
    }

    public int Inputs { get; }

    public int Hidden { get; }

    /// <summary>Gates × Hidden: the rows of both weight matrices.</summary>
    protected int Rows { get; }

    protected int Steps { get; private set; }

    protected int Batch { get; private set; }

    /// <summary>h_t for every step of the last forward pass, [steps, batch, Hidden].</summary>
    public double[] Output => _output;

    /// <summary>Runs the layer over <paramref name="input"/> ([steps, batch, Inputs]), which must stay unchanged until <see cref="Backward"/>.</summary>
    public void Forward(double[] input, int steps, int batch)
    {
        _input = input;
        Steps = steps;
        Batch = batch;
        Grow(ref _output, steps * batch * Hidden);
        Allocate(steps, batch);
        for (int t = 0; t < steps; t++)
        {
            ForwardStep(t);
        }
    }

    /// <summary>
    /// Adds this layer's parameter gradients for ∂loss/∂h_t = <paramref name="outputGradient"/> ([steps, batch,
    /// Hidden]) and writes ∂loss/∂x_t into <paramref name="inputGradient"/> when it is not null.
    /// </summary>
    public void Backward(double[] outputGradient, double[]? inputGradient)
    {
        if (inputGradient is not null)
        {
            Array.Clear(inputGradient, 0, Steps * Batch * Inputs);
        }
        BeginBackward();
        for (int t = Steps - 1; t >= 0; t--)
        {
            BackwardStep(t, outputGradient, inputGradient);
        }
    }

    /// <summary>Sizes the cell's per-step stores for a pass of <paramref name="steps"/> × <paramref name="batch"/>.</summary>
    protected abstract void Allocate(int steps, int batch);

    /// <summary>Computes h_t (and the cell's stores) from x_t and h_{t-1}.</summary>
    protected abstract void ForwardStep(int t);

    /// <summary>Clears the gradients that flow back from step t+1 before the last step is visited.</summary>
    protected abstract void BeginBackward();

    /// <summary>Backpropagates step t: ∂loss/∂h_t is the output gradient plus what flowed back from step t+1.</summary>
    protected abstract void BackwardStep(int t, double[] outputGradient, double[]? inputGradient);

    /// <summary>h_{t-1} of window <paramref name="b"/>: the zero state before the first step.</summary>
    protected ReadOnlySpan<double> PreviousHidden(int t, int b)
        => t == 0 ? _zeroState : _output.AsSpan(((t - 1) * Batch + b) * Hidden, Hidden);

    /// <summary>Where h_t of window <paramref name="b"/> goes.</summary>
    protected Span<double> HiddenAt(int t, int b) => _output.AsSpan((t * Batch + b) * Hidden, Hidden);

    /// <summary>[batch, Rows] ← bias_ih + weight_ih · x_t, for every window.</summary>
    protected void ProjectInput(int t, Span<double> destination)
    {
        double[] weights = _inputWeights.Values, bias = _inputBias.Values;
        for (int b = 0; b < Batch; b++)
        {
            ReadOnlySpan<double> x = _input.AsSpan((t * Batch + b) * Inputs, Inputs);
            Span<double> row = destination.Slice(b * Rows, Rows);
            for (int r = 0; r < Rows; r++)
            {
                row[r] = bias[r] + Kernels.Dot(weights.AsSpan(r * Inputs, Inputs), x);
            }
        }
    }

    /// <summary>[batch, Rows] ← bias_hh + weight_hh · h_{t-1}, for every window.</summary>
    protected void ProjectHidden(int t, Span<double> destination)
    {
        double[] weights = _recurrentWeights.Values, bias = _recurrentBias.Values;
        for (int b = 0; b < Batch; b++)
        {
            ReadOnlySpan<double> h = PreviousHidden(t, b);
            Span<double> row = destination.Slice(b * Rows, Rows);
            for (int r = 0; r < Rows; r++)
            {
                row[r] = bias[r] + (t == 0 ? 0.0 : Kernels.Dot(weights.AsSpan(r * Hidden, Hidden), h));
            }
        }
    }

    /// <summary>
    /// Given ∂loss/∂(input projection) at step t ([batch, Rows]): adds x_t's outer product to weight_ih's gradient,
    /// the rows to bias_ih's, and (when asked) weight_ihᵀ · gradient to ∂loss/∂x_t.
    /// </summary>
    protected void AccumulateInputGradients(int t, ReadOnlySpan<double> gradient, double[]? inputGradient)
    {
        double[] weights = _inputWeights.Values, weightGradient = _inputWeights.Gradient, biasGradient = _inputBias.Gradient;
        for (int b = 0; b < Batch; b++)
        {
            int at = (t * Batch + b) * Inputs;
            ReadOnlySpan<double> x = _input.AsSpan(at, Inputs);
            ReadOnlySpan<double> row = gradient.Slice(b * Rows, Rows);
            for (int r = 0; r < Rows; r++)
            {
                double g = row[r];
                biasGradient[r] += g;
                Kernels.Axpy(g, x, weightGradient.AsSpan(r * Inputs, Inputs));
                if (inputGradient is not null)
                {
                    Kernels.Axpy(g, weights.AsSpan(r * Inputs, Inputs), inputGradient.AsSpan(at, Inputs));
                }
            }
        }
    }

    /// <summary>
    /// Given ∂loss/∂(hidden projection) at step t ([batch, Rows]): adds h_{t-1}'s outer product to weight_hh's
    /// gradient and the rows to bias_hh's, and overwrites <paramref name="previousHiddenGradient"/> ([batch, Hidden])
    /// with weight_hhᵀ · gradient, the part of ∂loss/∂h_{t-1} that flows through this product.
    /// </summary>
    protected void AccumulateHiddenGradients(int t, ReadOnlySpan<double> gradient, Span<double> previousHiddenGradient)
    {
        double[] weights = _recurrentWeights.Values, weightGradient = _recurrentWeights.Gradient, biasGradient = _recurrentBias.Gradient;
        previousHiddenGradient.Slice(0, Batch * Hidden).Clear();
        for (int b = 0; b < Batch; b++)
        {
            ReadOnlySpan<double> h = PreviousHidden(t, b);
            ReadOnlySpan<double> row = gradient.Slice(b * Rows, Rows);
            Span<double> dh = previousHiddenGradient.Slice(b * Hidden, Hidden);
            for (int r = 0; r < Rows; r++)
            {
                double g = row[r];
                biasGradient[r] += g;
                // h_{-1} is the constant zero state: nothing to learn from it, nothing to pass back.
                if (t > 0)
                {
                    Kernels.Axpy(g, h, weightGradient.AsSpan(r * Hidden, Hidden));
                    Kernels.Axpy(g, weights.AsSpan(r * Hidden, Hidden), dh);
                }
            }
        }
    }

    /// <summary>Makes <paramref name="buffer"/> at least <paramref name="length"/> long; contents are not kept.</summary>
    protected static void Grow(ref double[] buffer, int length)
    {
        if (buffer.Length < length)
        {
            buffer = new double[length];
        }
    }
}
