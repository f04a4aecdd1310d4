using System.IO;
using System.Text;
using System.Text.Json;
using EdgeLstm.Import;
using EdgeLstm.Model;

namespace EdgeLstm.Cli.Models;

/// <summary>
/// The machine-readable description printed by <c>edgelstm inspect --json</c>. Written with <see cref="Utf8JsonWriter"/>
/// (no reflection), field names in camelCase; fields that do not apply to a layer are omitted.
/// </summary>
internal static class ModelReportJson
{
    public static void Write(TextWriter writer, string path, LoadedModel loaded)
    {
        NetworkModel model = loaded.Network;
        ModelFileFormat fileFormat = loaded.Format;
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("file", path);
            json.WriteString("format", LayerText.FormatName(fileFormat));
            WriteNullable(json, "originalFormat", model.Metadata.Format);
            WriteNullable(json, "name", model.Metadata.Name);
            WriteNullable(json, "producer", model.Metadata.Producer);
            json.WriteNumber("inputSize", model.InputSize);
            json.WriteNumber("outputSize", model.OutputSize);
            json.WriteBoolean("normalization", model.Normalization is not null);
            json.WriteNumber("parameterCount", model.ParameterCount);
            json.WriteNumber("multiplyAddsPerStep", model.MultiplyAddsPerStep);
            json.WriteNumber("bakedWeightBytes", BakedWeightSize.Bytes(model));
            json.WriteNumber("bakedPadding", BakedWeightSize.Padding);
            json.WriteBoolean("streaming", model.IsStreaming);
            // What a state_dict could not say and the importer assumed; empty when the file states everything.
            json.WriteStartArray("assumed");
            foreach (ImportAssumption assumption in loaded.Assumptions)
            {
                json.WriteStartObject();
                json.WriteString("option", assumption.Key);
                json.WriteString("value", assumption.Assumed);
                json.WriteString("commandLineOption", assumption.CommandLineOption);
                json.WriteString("attributeProperty", assumption.AttributeProperty);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("layers");
            for (int i = 0; i < model.Layers.Count; i++)
            {
                WriteLayer(json, i, model.Layers[i], loaded);
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        writer.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static void WriteLayer(Utf8JsonWriter json, int index, Layer layer, LoadedModel loaded)
    {
        json.WriteStartObject();
        json.WriteNumber("index", index);
        switch (layer)
        {
            case RecurrentLayer recurrent:
                json.WriteString("kind", LayerText.CellName(recurrent.Cell).ToLowerInvariant());
                json.WriteString("direction", LayerText.DirectionName(recurrent.Direction));
                json.WriteNumber("inputSize", recurrent.Input);
                json.WriteNumber("hiddenSize", recurrent.Hidden);
                json.WriteNumber("outputSize", recurrent.OutputSize);
                if (recurrent.Clip is { } clip) json.WriteNumber("clip", clip);
                else json.WriteNull("clip");
                if (recurrent.Cell == CellKind.Lstm)
                {
                    json.WriteBoolean("peepholes", recurrent.HasPeepholes);
                    json.WriteBoolean("inputForget", recurrent.InputForget);
                }
                if (recurrent.Cell == CellKind.Gru)
                {
                    json.WriteBoolean("linearBeforeReset", recurrent.LinearBeforeReset);
                }
                json.WriteStartArray("activations");
                foreach (string activation in LayerText.Activations(recurrent)) json.WriteStringValue(activation);
                json.WriteEndArray();
                json.WriteBoolean("activationsAssumed", recurrent.Cell == CellKind.Rnn && loaded.IsAssumed(ImportAssumption.NonlinearityKey));
                break;
            case DenseLayer dense:
                json.WriteString("kind", "dense");
                json.WriteNumber("inputSize", dense.Inputs);
                json.WriteNumber("outputSize", dense.Outputs);
                json.WriteString("activation", dense.Activation.ToString());
                json.WriteBoolean("activationAssumed", loaded.IsAssumed(ImportAssumption.HeadActivationKey));
                break;
        }
        json.WriteNumber("bakedWeightBytes", BakedWeightSize.Floats(layer) * sizeof(float));
        json.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null) json.WriteNull(name);
        else json.WriteString(name, value);
    }
}
