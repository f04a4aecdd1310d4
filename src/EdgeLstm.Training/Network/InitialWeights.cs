using System;
using System.Linq;
using EdgeLstm.Model;

namespace EdgeLstm.Training.Network;

/// <summary>
/// Starting weights taken from an existing model (any format EdgeLstm reads): to continue training a model on the
/// board with the machine's own data, or to start from exactly the weights PyTorch started from. The model must be
/// what the trainer builds: forward recurrent layers of one cell kind and hidden size with PyTorch's activations, then
/// one linear head without activation.
/// </summary>
internal static class InitialWeights
{
    /// <summary>The model's shape and its weights, in PyTorch's layout and gate order.</summary>
    /// <exception cref="TrainingDataException">The model is not one the trainer can continue.</exception>
    public static (NetworkShape Shape, ParameterSet Parameters) Read(NetworkModel model)
    {
        string name = model.Metadata.SourceFile ?? model.Metadata.Name ?? "the initial model";
        RecurrentLayer[] recurrent = model.Layers.OfType<RecurrentLayer>().ToArray();
        if (model.Layers.Count != recurrent.Length + 1 || model.Layers[model.Layers.Count - 1] is not DenseLayer head)
        {
            throw Refuse(name, "expected recurrent layers followed by exactly one dense (linear) head");
        }
        if (head.Activation.Kind != ActivationKind.Identity)
        {
            throw Refuse(name, $"its head applies {head.Activation.Kind}; the trainer fits a linear head (head_activation none)");
        }
        RecurrentLayer first = recurrent[0];
        ActivationKind nonlinearity = first.Cell == CellKind.Rnn ? first.Directions[0].Activations[0].Kind : ActivationKind.Tanh;
        foreach (RecurrentLayer layer in recurrent)
        {
            CheckTrainable(layer, first, nonlinearity, name);
        }

        var shape = new NetworkShape(first.Cell, first.Input, first.Hidden, recurrent.Length, head.Outputs, nonlinearity);
        ParameterSet parameters = ParameterSet.Create(shape);
        for (int k = 0; k < recurrent.Length; k++)
        {
            DirectionWeights weights = recurrent[k].Directions[0];
            int inputs = shape.LayerInputs(k);
            Copy(weights.InputWeights, shape, inputs, parameters[StateDictNames.InputWeights(k)]);
            Copy(weights.RecurrentWeights, shape, shape.Hidden, parameters[StateDictNames.RecurrentWeights(k)]);
            Copy(weights.InputBias, shape, 1, parameters[StateDictNames.InputBias(k)]);
            Copy(weights.RecurrentBias, shape, 1, parameters[StateDictNames.RecurrentBias(k)]);
        }
        Widen(head.Weights.AsArray(), parameters[StateDictNames.HeadWeight].Values);
        Widen(head.Bias.AsArray(), parameters[StateDictNames.HeadBias].Values);
        return (shape, parameters);
    }

    private static void CheckTrainable(RecurrentLayer layer, RecurrentLayer first, ActivationKind nonlinearity, string name)
    {
        if (layer.Cell != first.Cell || layer.Hidden != first.Hidden)
        {
            throw Refuse(name, "its recurrent layers differ in cell or hidden size; the trainer stacks layers of one kind (PyTorch num_layers)");
        }
        if (layer.Direction != Direction.Forward)
        {
            throw Refuse(name, $"it has a {layer.Direction} layer; the trainer fits forward (streaming) layers only");
        }
        if (layer.HasPeepholes || layer.Clip is not null || layer.InputForget || !layer.LinearBeforeReset)
        {
            throw Refuse(name, "it uses ONNX-only cell options (peepholes, clip, input_forget or linear_before_reset = 0); the trainer fits PyTorch's cells");
        }
        ActivationKind[] expected = layer.Cell switch
        {
            CellKind.Lstm => new[] { ActivationKind.Sigmoid, ActivationKind.Tanh, ActivationKind.Tanh },
            CellKind.Gru => new[] { ActivationKind.Sigmoid, ActivationKind.Tanh },
            _ => new[] { nonlinearity },
        };
        ActivationFunction[] actual = layer.Directions[0].Activations.AsArray();
        if (!actual.Select(a => a.Kind).SequenceEqual(expected) || (nonlinearity is not (ActivationKind.Tanh or ActivationKind.Relu)))
        {
            throw Refuse(name, $"its {layer.Cell} activations are {string.Join(", ", actual.Select(a => a.ToString()))}; the trainer fits PyTorch's ({string.Join(", ", expected)})");
        }
    }

    // Canonical gate order (GRU z, r, n) back to PyTorch's (r, z, n): the first two row blocks swap. LSTM and RNN agree.
    private static void Copy(EquatableArray<float> canonical, NetworkShape shape, int rowLength, Parameter destination)
    {
        float[] source = canonical.AsArray();
        int block = shape.Hidden * rowLength;
        for (int gate = 0; gate < shape.Gates; gate++)
        {
            int from = shape.Cell == CellKind.Gru && gate < 2 ? 1 - gate : gate;
            for (int i = 0; i < block; i++)
            {
                destination.Values[gate * block + i] = source[from * block + i];
            }
        }
    }

    private static void Widen(float[] source, double[] destination)
    {
        for (int i = 0; i < source.Length; i++)
        {
            destination[i] = source[i];
        }
    }

    private static TrainingDataException Refuse(string name, string why)
        => new($"{name}: cannot continue training this model: {why}.");
}
