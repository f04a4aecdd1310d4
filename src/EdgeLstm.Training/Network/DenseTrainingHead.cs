using System;
using EdgeLstm.Training.Numerics;

namespace EdgeLstm.Training.Network;

/// <summary>
/// The linear head applied to every step's hidden state: <c>y = W h + b</c> (<c>nn.Linear</c>, no activation).
/// Backward: δW += δy hᵀ, δb += δy, δh = Wᵀ δy.
/// </summary>
internal sealed class DenseTrainingHead
{
    private readonly Parameter _weight, _bias;
    private double[] _input = Array.Empty<double>();
    private double[] _output = Array.Empty<double>();
    private int _rows;

    public DenseTrainingHead(int inputs, int outputs, ParameterSet parameters)
    {
        Inputs = inputs;
        Outputs = outputs;
        _weight = parameters[StateDictNames.HeadWeight];
        _bias = parameters[StateDictNames.HeadBias];
    }

    public int Inputs { get; }

    public int Outputs { get; }

    /// <summary>[rows, Outputs] from the last forward pass.</summary>
    public double[] Output => _output;

    /// <summary>Applies the head to <paramref name="rows"/> rows of <paramref name="input"/>, kept for <see cref="Backward"/>.</summary>
    public void Forward(double[] input, int rows)
    {
        _input = input;
        _rows = rows;
        if (_output.Length < rows * Outputs)
        {
            _output = new double[rows * Outputs];
        }
        double[] weight = _weight.Values, bias = _bias.Values;
        for (int row = 0; row < rows; row++)
        {
            ReadOnlySpan<double> h = input.AsSpan(row * Inputs, Inputs);
            for (int o = 0; o < Outputs; o++)
            {
                _output[row * Outputs + o] = bias[o] + Kernels.Dot(weight.AsSpan(o * Inputs, Inputs), h);
            }
        }
    }

    /// <summary>Adds the head's gradients for ∂L/∂y = <paramref name="outputGradient"/> and writes ∂L/∂h into <paramref name="inputGradient"/>.</summary>
    public void Backward(double[] outputGradient, double[] inputGradient)
    {
        double[] weight = _weight.Values, weightGradient = _weight.Gradient, biasGradient = _bias.Gradient;
        Array.Clear(inputGradient, 0, _rows * Inputs);
        for (int row = 0; row < _rows; row++)
        {
            ReadOnlySpan<double> h = _input.AsSpan(row * Inputs, Inputs);
            Span<double> dh = inputGradient.AsSpan(row * Inputs, Inputs);
            for (int o = 0; o < Outputs; o++)
            {
                double g = outputGradient[row * Outputs + o];
                biasGradient[o] += g;
                Kernels.Axpy(g, h, weightGradient.AsSpan(o * Inputs, Inputs));
                Kernels.Axpy(g, weight.AsSpan(o * Inputs, Inputs), dh);
            }
        }
    }
}
