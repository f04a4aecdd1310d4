using System.Globalization;
using EdgeLstm.Cells;

namespace EdgeLstm.Model;

/// <summary>
/// Checks a freshly imported model before anything runs it: tensor lengths against the declared sizes,
/// sizes of consecutive layers, activation choices per layer kind, and finite weights. Every importer calls
/// <see cref="Validate"/> last, so a model that exists is a model that can be computed.
/// </summary>
public static class ModelValidator
{
    /// <summary>Largest input or hidden size accepted; beyond it a file is more likely hostile than real.</summary>
    public const int MaxDimension = 1 << 16;

    /// <summary>Largest number of layers accepted.</summary>
    public const int MaxLayers = 64;

    public static NetworkModel Validate(NetworkModel model, string file)
    {
        if (model.Layers.Count == 0)
        {
            throw new ModelFormatException(file, string.Empty, "the model has no layers; expected at least one recurrent layer.");
        }
        if (model.Layers.Count > MaxLayers)
        {
            throw new ModelFormatException(file, string.Empty, $"the model has {model.Layers.Count} layers; at most {MaxLayers} are supported.");
        }
        if (model.Layers[0] is not RecurrentLayer)
        {
            throw new ModelFormatException(file, "layer 0", "the first layer must be recurrent (LSTM, GRU or RNN).");
        }

        for (int index = 0; index < model.Layers.Count; index++)
        {
            Layer layer = model.Layers[index];
            string where = $"layer {index}";
            CheckDimension(file, where, "input size", layer.InputSize);
            CheckDimension(file, where, "output size", layer.OutputSize);
            if (index > 0 && model.Layers[index - 1].OutputSize != layer.InputSize)
            {
                throw new ModelFormatException(file, where,
                    $"input size {layer.InputSize} does not match the previous layer's output size {model.Layers[index - 1].OutputSize}.");
            }

            switch (layer)
            {
                case RecurrentLayer recurrent:
                    ValidateRecurrent(recurrent, file, where);
                    break;
                case DenseLayer dense:
                    ValidateDense(dense, file, where, isLast: index == model.Layers.Count - 1);
                    break;
                default:
                    throw new ModelFormatException(file, where, $"a {layer.GetType().Name} is not a layer EdgeLstm can compute.");
            }
        }

        if (model.Normalization is { } normalization)
        {
            CheckTensor(file, "input normalisation", "mean", normalization.Mean, model.InputSize);
            CheckTensor(file, "input normalisation", "std", normalization.Std, model.InputSize);
            for (int i = 0; i < normalization.Std.Count; i++)
            {
                if (!(normalization.Std[i] > 0f))
                {
                    throw new ModelFormatException(file, "input normalisation",
                        $"std[{i}] is {Format(normalization.Std[i])}; every standard deviation must be positive.");
                }
            }
        }

        return model;
    }

    private static void ValidateRecurrent(RecurrentLayer layer, string file, string where)
    {
        int expectedDirections = layer.Direction == Direction.Bidirectional ? 2 : 1;
        if (layer.Directions.Count != expectedDirections)
        {
            throw new ModelFormatException(file, where,
                $"a {layer.Direction} layer needs {expectedDirections} weight set(s), found {layer.Directions.Count}.");
        }
        if (layer.Clip is { } clip && !(clip > 0f && !float.IsInfinity(clip)))
        {
            throw new ModelFormatException(file, where, $"clip is {Format(clip)}; it must be a positive finite number.");
        }
        if (!System.Enum.IsDefined(typeof(CellKind), layer.Cell))
        {
            throw new ModelFormatException(file, where, $"cell kind {(int)layer.Cell} is not one EdgeLstm defines.");
        }
        CellDefinition cell = layer.Definition;
        cell.ValidateOptions(layer, file, where);
        if (layer.HasProjection)
        {
            CheckDimension(file, where, "projection size", layer.ProjectionSize);
        }
        else if (layer.ProjectionSize != 0)
        {
            throw new ModelFormatException(file, where, $"projection size {layer.ProjectionSize} is negative; it is 0 for none or the length of h.");
        }

        long rows = (long)layer.GateCount * layer.Hidden;
        for (int d = 0; d < layer.Directions.Count; d++)
        {
            DirectionWeights weights = layer.Directions[d];
            string direction = d == 0 && layer.Direction != Direction.Reverse ? "forward" : "reverse";
            string at = $"{where} ({layer.Cell}, {direction})";
            CheckTensor(file, at, "input weights", weights.InputWeights, rows * layer.Input);
            CheckTensor(file, at, "recurrent weights", weights.RecurrentWeights, rows * layer.OutputsPerDirection);
            CheckTensor(file, at, "input bias", weights.InputBias, rows);
            CheckTensor(file, at, "recurrent bias", weights.RecurrentBias, rows);
            if (!weights.Peepholes.IsEmpty)
            {
                CheckTensor(file, at, "peepholes", weights.Peepholes, 3L * layer.Hidden);
            }
            CheckTensor(file, at, "projection weights", weights.ProjectionWeights, layer.HasProjection ? (long)layer.ProjectionSize * layer.Hidden : 0);
            if (weights.Peepholes.IsEmpty != layer.Directions[0].Peepholes.IsEmpty)
            {
                throw new ModelFormatException(file, at, "peepholes are given for one direction only; give them for both or neither.");
            }
            int activations = cell.ActivationCount;
            if (weights.Activations.Count != activations)
            {
                throw new ModelFormatException(file, at,
                    $"a {layer.Cell} direction takes {activations} activation function(s), found {weights.Activations.Count}.");
            }
            foreach (ActivationFunction activation in weights.Activations)
            {
                if (activation.Kind is ActivationKind.Softmax or ActivationKind.Identity)
                {
                    throw new ModelFormatException(file, at, $"activation {activation.Kind} is not supported inside a recurrent cell.");
                }
                CheckFinite(file, at, "activation alpha", activation.Alpha);
                CheckFinite(file, at, "activation beta", activation.Beta);
            }
        }
    }

    private static void ValidateDense(DenseLayer layer, string file, string where, bool isLast)
    {
        CheckTensor(file, where, "dense weights", layer.Weights, (long)layer.Inputs * layer.Outputs);
        CheckTensor(file, where, "dense bias", layer.Bias, layer.Outputs);
        if (layer.Activation.Kind == ActivationKind.Softmax && !isLast)
        {
            throw new ModelFormatException(file, where, "softmax is supported on the last layer only.");
        }
        CheckFinite(file, where, "activation alpha", layer.Activation.Alpha);
        CheckFinite(file, where, "activation beta", layer.Activation.Beta);
    }

    private static void CheckDimension(string file, string where, string what, int value)
    {
        if (value <= 0 || value > MaxDimension)
        {
            throw new ModelFormatException(file, where, $"{what} {value} is outside 1..{MaxDimension}.");
        }
    }

    private static void CheckTensor(string file, string where, string what, EquatableArray<float> tensor, long expectedLength)
    {
        if (tensor.Count != expectedLength)
        {
            throw new ModelFormatException(file, where, $"{what} has {tensor.Count} values; expected {expectedLength}.");
        }
        float[] values = tensor.AsArray();
        for (int i = 0; i < values.Length; i++)
        {
            if (float.IsNaN(values[i]) || float.IsInfinity(values[i]))
            {
                throw new ModelFormatException(file, where, $"{what}[{i}] is {Format(values[i])}; weights must be finite.");
            }
        }
    }

    private static void CheckFinite(string file, string where, string what, float value)
    {
        if (float.IsNaN(value) || float.IsInfinity(value))
        {
            throw new ModelFormatException(file, where, $"{what} is {Format(value)}; it must be finite.");
        }
    }

    private static string Format(float value) => value.ToString("R", CultureInfo.InvariantCulture);
}
