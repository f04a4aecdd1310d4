using System;
using System.Collections.Generic;
using EdgeLstm.Model;

namespace EdgeLstm.Import.Json;

/// <summary>
/// Reads the JSON that RTNeural's Keras exporter writes (<c>model_utils.py</c> <c>save_model</c>) and that RTNeural's
/// <c>json_parser::parseJson</c> loads: <c>{"in_shape": [null, null, N], "layers": [{"type", "activation", "shape",
/// "weights"}]}</c>, weights as Keras' <c>layer.get_weights()</c>.
/// </summary>
/// <remarks>
/// <para>Keras stores kernels transposed (<c>(inputs, gates × units)</c>) with gates LSTM i, f, c, o and GRU z, r, h:
/// the same order as <see cref="GateLayout"/>, so rows only need transposing. Keras LSTM has a single bias, which
/// becomes the input bias (the recurrent bias is zero). A GRU bias of shape (2, 3H) is Keras' reset_after=True form
/// (input bias, recurrent bias; <see cref="RecurrentLayer.LinearBeforeReset"/>); a flat (3H) bias is reset_after=False.</para>
/// <para>RTNeural runs every LSTM and GRU with Keras' defaults (sigmoid gates, tanh candidate) whatever the file's
/// "activation" says, so a recurrent layer that declares another activation is refused rather than guessed.
/// Members RTNeural does not read (for example "name") are ignored, as RTNeural ignores them.</para>
/// Shared source: compiled into the runtime (net10.0) and the generator (netstandard2.0).
/// </remarks>
public static class RtNeuralJsonImporter
{
    /// <summary>Reads and validates an RTNeural model.</summary>
    /// <param name="text">The whole JSON document.</param>
    /// <param name="file">The file's name as the user knows it; every error message starts with it.</param>
    /// <exception cref="ModelFormatException">The text is not valid JSON, uses a layer EdgeLstm cannot run (the message
    /// names the layer index and type), or its tensors do not have the shapes the layer sizes imply.</exception>
    public static NetworkModel Import(string text, string file)
    {
        if (text is null) throw new ArgumentNullException(nameof(text));
        if (file is null) throw new ArgumentNullException(nameof(file));
        return Import(text, ImportMeter.For(text.Length, file));
    }

    /// <summary>Reads and validates an RTNeural model within <paramref name="meter"/>'s budget.</summary>
    internal static NetworkModel Import(string text, ImportMeter meter)
    {
        string file = meter.File;
        JsonNode root = JsonNode.ParseRoot(text, meter).ExpectObject();
        int size = LastDimension(root.Required("in_shape"));
        JsonNode layersNode = root.Required("layers").ExpectArray();
        if (layersNode.Count == 0 || layersNode.Count > ModelValidator.MaxLayers)
        {
            throw layersNode.Error($"expected 1..{ModelValidator.MaxLayers} layers, found {layersNode.Count}.");
        }

        var layers = new List<Layer>();
        for (int i = 0; i < layersNode.Count; i++)
        {
            JsonNode node = layersNode.Item(i);
            JsonNode typeNode = node.Required("type");
            string type = typeNode.AsString();
            switch (type)
            {
                case "lstm":
                case "gru":
                    layers.Add(ReadRecurrent(node, type == "lstm" ? CellKind.Lstm : CellKind.Gru, size));
                    break;
                case "dense":
                case "time-distributed-dense":
                    layers.Add(ReadDense(node, size));
                    break;
                case "activation":
                    MergeActivation(node, layers, i);
                    break;
                default:
                    throw typeNode.Error(
                        $"layer {i} has type {FileText.Quote(type, '"')}, which EdgeLstm does not support; supported: lstm, gru, dense, time-distributed-dense, activation.");
            }
            if (layers.Count > 0) size = layers[layers.Count - 1].OutputSize;
        }

        var metadata = new ModelMetadata(null, file, "rtneural-json", null, EquatableArray<MetadataEntry>.Empty);
        return ModelValidator.Validate(new NetworkModel(layers.ToArray(), null, metadata), file);
    }

    private static RecurrentLayer ReadRecurrent(JsonNode node, CellKind cell, int input)
    {
        int hidden = LastDimension(node.Required("shape"));
        if (node.Optional("activation") is { } activationNode && activationNode.AsString() is not ("" or "tanh"))
        {
            throw activationNode.Error(
                $"RTNeural always runs a recurrent layer with tanh, but this one declares {FileText.Quote(activationNode.AsString(), '"')}, " +
                "so Keras and RTNeural disagree on what it computes; re-export it with activation='tanh'.");
        }

        int gates = GateLayout.GateCount(cell);
        int rows = gates * hidden;
        JsonNode weights = node.Required("weights").ExpectArray(3, "[kernel, recurrent_kernel, bias]");
        string gateText = $"{gates} gates ({(cell == CellKind.Lstm ? "i, f, c, o" : "z, r, h")}) × units {hidden}";
        float[] inputWeights = Transpose(weights.Item(0).AsFloatMatrix(input, rows, $"the kernel (inputs {input}, {gateText})"), input, rows);
        float[] recurrentWeights = Transpose(weights.Item(1).AsFloatMatrix(hidden, rows, $"the recurrent kernel (units {hidden}, {gateText})"), hidden, rows);

        JsonNode biasNode = weights.Item(2).ExpectArray();
        float[] inputBias, recurrentBias;
        bool linearBeforeReset = true;
        if (cell == CellKind.Gru && biasNode.Count == 2 && biasNode.Item(0).Kind == JsonKind.Array)
        {
            // reset_after=True (the TensorFlow 2 default): row 0 is added to x·W, row 1 to h·U inside the reset product.
            inputBias = biasNode.Item(0).AsFloatVector(rows, $"the input bias ({gateText})");
            recurrentBias = biasNode.Item(1).AsFloatVector(rows, $"the recurrent bias ({gateText})");
        }
        else
        {
            inputBias = biasNode.AsFloatVector(rows, cell == CellKind.Gru
                ? $"the bias (a GRU bias is (2, {rows}) for reset_after=True or ({rows}) for reset_after=False)"
                : $"the bias ({gateText})");
            recurrentBias = new float[rows];
            linearBeforeReset = cell != CellKind.Gru;
        }

        ActivationFunction[] activations = cell == CellKind.Lstm
            ? new[] { ActivationFunction.Sigmoid, ActivationFunction.Tanh, ActivationFunction.Tanh }
            : new[] { ActivationFunction.Sigmoid, ActivationFunction.Tanh };
        var direction = new DirectionWeights(inputWeights, recurrentWeights, inputBias, recurrentBias,
            EquatableArray<float>.Empty, activations);
        return new RecurrentLayer(cell, input, hidden, Direction.Forward, new[] { direction },
            LinearBeforeReset: linearBeforeReset);
    }

    private static DenseLayer ReadDense(JsonNode node, int input)
    {
        int output = LastDimension(node.Required("shape"));
        JsonNode weights = node.Required("weights").ExpectArray(2, "[kernel, bias]");
        float[] kernel = weights.Item(0).AsFloatMatrix(input, output, $"the kernel (inputs {input}, outputs {output})");
        float[] bias = weights.Item(1).AsFloatVector(output, $"the bias (outputs {output})");
        ActivationFunction activation = node.Optional("activation") is { } activationNode
            ? DenseActivation(activationNode)
            : ActivationFunction.Identity;
        return new DenseLayer(input, output, Transpose(kernel, input, output), bias, activation);
    }

    /// <summary>
    /// A standalone Keras Activation layer. EdgeLstm attaches activations to dense layers, so it is folded into the
    /// dense layer before it when that one has none; RTNeural applies it to the same values either way.
    /// </summary>
    private static void MergeActivation(JsonNode node, List<Layer> layers, int index)
    {
        JsonNode activationNode = node.Required("activation");
        ActivationFunction activation = DenseActivation(activationNode);
        if (activation.Kind == ActivationKind.Identity) return;
        if (layers.Count == 0 || layers[layers.Count - 1] is not DenseLayer { Activation.Kind: ActivationKind.Identity } dense)
        {
            throw activationNode.Error(
                $"layer {index} (activation {FileText.Quote(activationNode.AsString(), '"')}) must follow a dense layer without an activation of its own; EdgeLstm applies activations only as part of a dense layer.");
        }
        layers[layers.Count - 1] = dense with { Activation = activation };
    }

    private static ActivationFunction DenseActivation(JsonNode node) => node.AsString() switch
    {
        "" or "linear" => ActivationFunction.Identity,
        "sigmoid" => ActivationFunction.Sigmoid,
        "tanh" => ActivationFunction.Tanh,
        "relu" => ActivationFunction.Relu,
        "softmax" => ActivationFunction.Softmax,
        string other => throw node.Error($"activation {FileText.Quote(other, '"')} is not supported; expected \"\", linear, sigmoid, tanh, relu or softmax."),
    };

    /// <summary>The feature count: the last entry of a Keras shape such as [null, null, 16].</summary>
    private static int LastDimension(JsonNode shape)
    {
        shape.ExpectArray();
        if (shape.Count == 0) throw shape.Error("expected a shape such as [null, null, 16], found an empty array.");
        return shape.Item(shape.Count - 1).AsInt(1, ModelValidator.MaxDimension);
    }

    /// <summary>[rows, columns] row-major → [columns, rows] row-major.</summary>
    private static float[] Transpose(float[] values, int rows, int columns)
    {
        var result = new float[values.Length];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                result[(long)c * rows + r] = values[(long)r * columns + c];
            }
        }
        return result;
    }
}
