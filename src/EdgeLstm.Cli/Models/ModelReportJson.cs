using System.IO;
using System.Text;
using System.Text.Json;
using EdgeLstm.Cells;
using EdgeLstm.Import;
using EdgeLstm.Model;
using EdgeLstm.Plan;

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
        ModelPlan plan = ModelPlanner.Plan(model);
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
            json.WriteNumber("bakedWeightBytes", plan.BakedWeightBytes);
            json.WriteString("bakedWeightType", plan.WeightType.DisplayName());
            json.WriteNumber("bakedPadding", KernelGeometry.Lanes);
            json.WriteNumber("stateBytes", plan.StateBytes);
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
                WriteLayer(json, plan.Layers[i], loaded);
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        writer.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static void WriteLayer(Utf8JsonWriter json, LayerPlan layerPlan, LoadedModel loaded)
    {
        int index = layerPlan.Index;
        Layer layer = layerPlan.Layer;
        json.WriteStartObject();
        json.WriteNumber("index", index);
        switch (layer)
        {
            case RecurrentLayer recurrent:
                json.WriteString("kind", recurrent.Definition.Id);
                json.WriteString("direction", LayerText.DirectionName(recurrent.Direction));
                json.WriteNumber("inputSize", recurrent.Input);
                json.WriteNumber("hiddenSize", recurrent.Hidden);
                json.WriteNumber("outputSize", recurrent.OutputSize);
                if (recurrent.Clip is { } clip) json.WriteNumber("clip", clip);
                else json.WriteNull("clip");
                foreach (CellOption option in recurrent.Definition.Options(recurrent))
                {
                    WriteOption(json, option);
                }
                json.WriteStartArray("activations");
                foreach (string activation in LayerText.Activations(recurrent)) json.WriteStringValue(activation);
                json.WriteEndArray();
                json.WriteBoolean("activationsAssumed", recurrent.Definition.TakesNonlinearity && loaded.IsAssumed(ImportAssumption.NonlinearityKey));
                break;
            case DenseLayer dense:
                json.WriteString("kind", "dense");
                json.WriteNumber("inputSize", dense.Inputs);
                json.WriteNumber("outputSize", dense.Outputs);
                json.WriteString("activation", dense.Activation.ToString());
                json.WriteBoolean("activationAssumed", loaded.IsAssumed(ImportAssumption.HeadActivationKey));
                break;
            default:
                throw new System.InvalidOperationException($"Layer {index} is a {layer.GetType().Name}, which inspect cannot describe.");
        }
        json.WriteNumber("bakedWeightBytes", layerPlan.BakedBytes);
        json.WriteEndObject();
    }

    private static void WriteOption(Utf8JsonWriter json, CellOption option)
    {
        switch (option.Value)
        {
            case bool flag:
                json.WriteBoolean(option.JsonName, flag);
                break;
            case int number:
                json.WriteNumber(option.JsonName, number);
                break;
            default:
                throw new System.InvalidOperationException($"Option {option.Name} has a {option.Value.GetType().Name} value, which inspect cannot write.");
        }
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null) json.WriteNull(name);
        else json.WriteString(name, value);
    }
}
