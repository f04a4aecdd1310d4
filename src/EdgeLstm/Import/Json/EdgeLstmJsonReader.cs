using System.Collections.Generic;
using EdgeLstm.Cells;
using EdgeLstm.Model;
using static EdgeLstm.Import.Json.EdgeLstmJsonNames;

namespace EdgeLstm.Import.Json;

/// <summary>
/// Reads the EdgeLstm JSON format (docs/json-format.md) into a <see cref="NetworkModel"/>. Strict: a missing,
/// unknown or mistyped member, a wrong length or an unknown name is an error naming its JSON path, because a
/// silently ignored typo in a hand-written file would change what the network computes.
/// </summary>
internal static class EdgeLstmJsonReader
{
    public static NetworkModel Read(string text, string file)
    {
        JsonNode root = JsonNode.ParseRoot(text, file).ExpectObject(RootMembers);

        JsonNode format = root.Required("format");
        if (format.AsString() != FormatName)
        {
            throw format.Error($"expected \"{FormatName}\", found \"{format.AsString()}\".");
        }
        JsonNode version = root.Required("version");
        int versionNumber = version.AsInt(int.MinValue, int.MaxValue);
        if (versionNumber != Version)
        {
            throw version.Error($"unsupported version {versionNumber}; this EdgeLstm reads version {Version}.");
        }

        ModelMetadata metadata = root.Optional("metadata") is { } metadataNode
            ? ReadMetadata(metadataNode)
            : new ModelMetadata(null, file, "edgelstm-json", null, EquatableArray<MetadataEntry>.Empty);

        JsonNode layersNode = root.Required("layers").ExpectArray();
        if (layersNode.Count == 0 || layersNode.Count > ModelValidator.MaxLayers)
        {
            throw layersNode.Error($"expected 1..{ModelValidator.MaxLayers} layers, found {layersNode.Count}.");
        }
        var layers = new Layer[layersNode.Count];
        for (int i = 0; i < layers.Length; i++)
        {
            layers[i] = ReadLayer(layersNode.Item(i), i == 0 ? null : layers[i - 1].OutputSize);
        }

        InputNormalization? normalization = null;
        if (root.Optional("normalization") is { Kind: not JsonKind.Null } normalizationNode)
        {
            normalization = ReadNormalization(normalizationNode, layers[0].InputSize);
        }

        return ModelValidator.Validate(new NetworkModel(layers, normalization, metadata), file);
    }

    private static Layer ReadLayer(JsonNode node, int? previousOutput)
    {
        string type = node.Required("type").AsString();
        return type switch
        {
            "recurrent" => ReadRecurrent(node.ExpectObject(RecurrentMembers), previousOutput),
            "dense" => ReadDense(node.ExpectObject(DenseMembers), previousOutput),
            _ => throw node.Required("type").Error($"unknown layer type \"{type}\"; expected \"recurrent\" or \"dense\"."),
        };
    }

    private static RecurrentLayer ReadRecurrent(JsonNode node, int? previousOutput)
    {
        CellDefinition cell = ParseCell(node.Required("cell"));
        int input = ReadInputSize(node, previousOutput);
        int hidden = node.Required("hidden_size").AsInt(1, ModelValidator.MaxDimension);
        int projection = 0;
        if (node.Optional("projection_size") is { } projectionNode)
        {
            projection = projectionNode.AsInt(1, ModelValidator.MaxDimension);
            if (!cell.TakesProjection) throw projectionNode.Error($"a projection applies to LSTM layers only; this is a {cell.Id} layer.");
        }
        Direction direction = ParseDirection(node.Required("direction"));
        float? clip = node.Optional("clip")?.AsFloat();
        bool inputForget = node.Optional("input_forget")?.AsBoolean() ?? false;
        bool linearBeforeReset = node.Optional("linear_before_reset")?.AsBoolean() ?? true;

        int directionCount = direction == Direction.Bidirectional ? 2 : 1;
        JsonNode directionsNode = node.Required("directions")
            .ExpectArray(directionCount, $"one weight set per direction of a {Name(direction)} layer");
        var directions = new DirectionWeights[directionCount];
        for (int d = 0; d < directionCount; d++)
        {
            directions[d] = ReadDirection(directionsNode.Item(d).ExpectObject(DirectionMembers), cell, input, hidden, projection);
        }
        return new RecurrentLayer(cell.Kind, input, hidden, direction, directions, clip, inputForget, linearBeforeReset, projection);
    }

    private static DirectionWeights ReadDirection(JsonNode node, CellDefinition cell, int input, int hidden, int projection)
    {
        int rows = cell.GateCount * hidden;
        string gates = $"{cell.GateCount} gates ({cell.DescribeGates()}) × hidden size {hidden}";
        float[] inputWeights = node.Required("input_weights").AsFloatMatrix(rows, input, $"input_weights [{gates}, input size {input}]");
        float[] recurrentWeights = projection > 0
            ? node.Required("recurrent_weights").AsFloatMatrix(rows, projection, $"recurrent_weights [{gates}, projection size {projection}]")
            : node.Required("recurrent_weights").AsFloatMatrix(rows, hidden, $"recurrent_weights [{gates}, hidden size {hidden}]");
        float[] inputBias = node.Required("input_bias").AsFloatVector(rows, $"input_bias [{gates}]");
        float[] recurrentBias = node.Required("recurrent_bias").AsFloatVector(rows, $"recurrent_bias [{gates}]");

        float[] peepholes = System.Array.Empty<float>();
        if (node.Optional("peepholes") is { } peepholeNode)
        {
            if (!cell.TakesPeepholes) throw peepholeNode.Error($"peepholes apply to LSTM layers only; this is a {cell.Id} layer.");
            peepholes = peepholeNode.AsFloatVector(3 * hidden, $"peepholes [3 (i, f, o) × hidden size {hidden}]");
        }

        float[] projectionWeights = System.Array.Empty<float>();
        if (projection > 0)
        {
            projectionWeights = node.Required("projection_weights")
                .AsFloatMatrix(projection, hidden, $"projection_weights [projection size {projection}, hidden size {hidden}]");
        }
        else if (node.Optional("projection_weights") is { } unexpected)
        {
            throw unexpected.Error("projection_weights without a projection_size on the layer.");
        }

        int activationCount = cell.ActivationCount;
        JsonNode activationsNode = node.Required("activations")
            .ExpectArray(activationCount, $"the {activationCount} activation function(s) of a {cell.Id} cell");
        var activations = new ActivationFunction[activationCount];
        for (int i = 0; i < activationCount; i++)
        {
            activations[i] = ReadActivation(activationsNode.Item(i));
        }
        return new DirectionWeights(inputWeights, recurrentWeights, inputBias, recurrentBias, peepholes, activations, projectionWeights);
    }

    private static DenseLayer ReadDense(JsonNode node, int? previousOutput)
    {
        int input = ReadInputSize(node, previousOutput);
        int output = node.Required("output_size").AsInt(1, ModelValidator.MaxDimension);
        float[] weights = node.Required("weights").AsFloatMatrix(output, input, $"weights [output size {output}, input size {input}]");
        float[] bias = node.Required("bias").AsFloatVector(output, $"bias [output size {output}]");
        ActivationFunction activation = ReadActivation(node.Required("activation"));
        return new DenseLayer(input, output, weights, bias, activation);
    }

    private static int ReadInputSize(JsonNode node, int? previousOutput)
    {
        JsonNode sizeNode = node.Required("input_size");
        int size = sizeNode.AsInt(1, ModelValidator.MaxDimension);
        if (previousOutput is { } expected && size != expected)
        {
            throw sizeNode.Error($"input_size {size} does not match the previous layer's output size {expected}.");
        }
        return size;
    }

    /// <summary>A name for parameterless functions, an object {kind, alpha, beta} for every function.</summary>
    private static ActivationFunction ReadActivation(JsonNode node)
    {
        if (node.Kind == JsonKind.String)
        {
            ActivationKind kind = ParseActivation(node);
            (bool alpha, bool beta) = Parameters(kind);
            if (alpha || beta)
            {
                string members = beta ? "\"alpha\": ..., \"beta\": ..." : "\"alpha\": ...";
                throw node.Error($"{Name(kind)} takes parameters; write it as {{\"kind\": \"{Name(kind)}\", {members}}}.");
            }
            return new ActivationFunction(kind);
        }

        node.ExpectObject(ActivationMembers);
        ActivationKind objectKind = ParseActivation(node.Required("kind"));
        (bool needsAlpha, bool needsBeta) = Parameters(objectKind);
        float alphaValue = needsAlpha ? node.Required("alpha").AsFloat() : node.Optional("alpha")?.AsFloat() ?? 0f;
        float betaValue = needsBeta ? node.Required("beta").AsFloat() : node.Optional("beta")?.AsFloat() ?? 0f;
        return new ActivationFunction(objectKind, alphaValue, betaValue);
    }

    private static InputNormalization ReadNormalization(JsonNode node, int inputSize)
    {
        node.ExpectObject(NormalizationMembers);
        float[] mean = node.Required("mean").AsFloatVector(inputSize, $"mean [input size {inputSize}]");
        float[] std = node.Required("std").AsFloatVector(inputSize, $"std [input size {inputSize}]");
        return new InputNormalization(mean, std);
    }

    private static ModelMetadata ReadMetadata(JsonNode node)
    {
        node.ExpectObject(MetadataMembers);
        var properties = new List<MetadataEntry>();
        if (node.Optional("properties") is { } propertiesNode)
        {
            if (propertiesNode.Kind == JsonKind.Array)
            {
                // The array form keeps duplicate keys, which a JSON object cannot hold.
                for (int i = 0; i < propertiesNode.Count; i++)
                {
                    JsonNode entry = propertiesNode.Item(i).ExpectObject(PropertyMembers);
                    properties.Add(new MetadataEntry(entry.Required("key").AsString(), entry.Required("value").AsString()));
                }
            }
            else
            {
                foreach (KeyValuePair<string, JsonNode> member in propertiesNode.Members())
                {
                    properties.Add(new MetadataEntry(member.Key, member.Value.AsString()));
                }
            }
        }
        return new ModelMetadata(
            OptionalString(node, "name"),
            OptionalString(node, "source_file"),
            OptionalString(node, "format"),
            OptionalString(node, "producer"),
            properties.ToArray());
    }

    private static string? OptionalString(JsonNode node, string name)
        => node.Optional(name) is { } value && value.Kind != JsonKind.Null ? value.AsString() : null;
}
