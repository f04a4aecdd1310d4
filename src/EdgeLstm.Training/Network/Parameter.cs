using System;

namespace EdgeLstm.Training.Network;

/// <summary>One learned tensor under its PyTorch state_dict name, with the gradient accumulated for it.</summary>
internal sealed class Parameter
{
    public Parameter(string name, params int[] shape)
    {
        Name = name;
        Shape = shape;
        int length = 1;
        foreach (int dimension in shape)
        {
            length = checked(length * dimension);
        }
        Values = new double[length];
        Gradient = new double[length];
    }

    /// <summary>The state_dict key, e.g. <c>rnn.weight_ih_l0</c> or <c>head.bias</c>.</summary>
    public string Name { get; }

    /// <summary>PyTorch's shape: [rows, columns] for weights, [rows] for biases.</summary>
    public int[] Shape { get; }

    /// <summary>Row-major values in PyTorch's gate order (LSTM i, f, g, o; GRU r, z, n).</summary>
    public double[] Values { get; }

    /// <summary>∂loss/∂value, same layout; accumulated by the backward pass, cleared before each batch.</summary>
    public double[] Gradient { get; }

    public int Length => Values.Length;

    public void ClearGradient() => Array.Clear(Gradient);
}
