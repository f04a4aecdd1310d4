using System;
using EdgeLstm.Model;

namespace EdgeLstm.Reference;

/// <summary>A fully connected layer, row by row: <c>y = act(W x + b)</c>; softmax normalises the whole row.</summary>
internal sealed class DenseLayerRunner : LayerRunner
{
    private readonly DenseLayer _layer;
    private readonly float[] _weights;
    private readonly float[] _bias;

    public DenseLayerRunner(DenseLayer layer)
    {
        _layer = layer;
        _weights = layer.Weights.AsArray();
        _bias = layer.Bias.AsArray();
    }

    public override int InputSize => _layer.Inputs;

    public override int OutputSize => _layer.Outputs;

    public override void Reset()
    {
        // Stateless.
    }

    public override void Run(double[] inputs, double[] outputs, int steps)
    {
        int n = _layer.Inputs, m = _layer.Outputs;
        for (int t = 0; t < steps; t++)
        {
            int inRow = t * n, outRow = t * m;
            for (int o = 0; o < m; o++)
            {
                double sum = _bias[o];
                for (int k = 0; k < n; k++)
                {
                    sum += _weights[o * n + k] * inputs[inRow + k];
                }
                outputs[outRow + o] = sum;
            }

            if (_layer.Activation.Kind == ActivationKind.Softmax)
            {
                Softmax(outputs, outRow, m);
            }
            else
            {
                for (int o = 0; o < m; o++)
                {
                    outputs[outRow + o] = _layer.Activation.Apply(outputs[outRow + o]);
                }
            }
        }
    }

    // exp(v - max) / sum: subtracting the maximum keeps exp from overflowing and does not change the result.
    private static void Softmax(double[] values, int start, int count)
    {
        double max = double.NegativeInfinity;
        for (int o = 0; o < count; o++)
        {
            max = Math.Max(max, values[start + o]);
        }
        double sum = 0.0;
        for (int o = 0; o < count; o++)
        {
            values[start + o] = Math.Exp(values[start + o] - max);
            sum += values[start + o];
        }
        for (int o = 0; o < count; o++)
        {
            values[start + o] /= sum;
        }
    }
}
