using System.IO;
using System.Linq;
using EdgeLstm.Cells;
using EdgeLstm.Import;
using EdgeLstm.Model;
using EdgeLstm.Plan;

namespace EdgeLstm.Cli.Models;

/// <summary>The human-readable description of a model printed by <c>edgelstm inspect</c>.</summary>
internal static class ModelReport
{
    public static void Write(TextWriter writer, string path, LoadedModel loaded)
    {
        NetworkModel model = loaded.Network;
        ModelFileFormat fileFormat = loaded.Format;
        ModelMetadata metadata = model.Metadata;
        string? whyNot = LayerText.WhyNotStreaming(model);

        Line(writer, "Model", path);
        string format = LayerText.FormatName(fileFormat);
        // A converted file keeps the metadata of its origin; say both, so "inspect" never names the wrong format.
        Line(writer, "Format", metadata.Format is { } origin && origin != format ? $"{format} (converted from {origin})" : format);
        if (!string.IsNullOrEmpty(metadata.Name)) Line(writer, "Name", metadata.Name!);
        if (!string.IsNullOrEmpty(metadata.Producer)) Line(writer, "Producer", metadata.Producer!);
        Line(writer, "Inputs", $"{model.InputSize} per step");
        Line(writer, "Outputs", $"{model.OutputSize} per step");
        Line(writer, "Normalization", model.Normalization is null ? "none" : $"per-channel mean/std over {model.InputSize} input(s)");
        Line(writer, "Parameters", LayerText.Number(model.ParameterCount));
        Line(writer, "Multiply-adds", $"{LayerText.Number(model.MultiplyAddsPerStep)} per step");
        ModelPlan plan = ModelPlanner.Plan(model);
        Line(writer, "Baked weights",
            $"{LayerText.Number(plan.BakedWeightBytes)} bytes, weights as {plan.WeightType.DisplayName()} " +
            $"(units and input rows padded to multiples of {KernelGeometry.Lanes}, as the generator bakes them)");
        Line(writer, "State", $"{LayerText.Number(plan.StateBytes)} bytes per instance");
        Line(writer, "Streaming", whyNot is null
            ? "yes: Step() consumes one sample at a time"
            : $"no: {whyNot}, so Run() needs whole windows");

        writer.WriteLine();
        writer.WriteLine("Layers");
        for (int i = 0; i < model.Layers.Count; i++)
        {
            writer.Write($"  {i}  ");
            switch (model.Layers[i])
            {
                case RecurrentLayer recurrent:
                    WriteRecurrent(writer, recurrent, Assumed(loaded, recurrent.Definition.TakesNonlinearity ? ImportAssumption.NonlinearityKey : null));
                    break;
                case DenseLayer dense:
                    writer.WriteLine($"Dense  input {dense.Inputs}, output {dense.Outputs}, activation {dense.Activation}{Assumed(loaded, ImportAssumption.HeadActivationKey)}");
                    break;
                default:
                    throw new System.InvalidOperationException($"Layer {i} is a {model.Layers[i].GetType().Name}, which inspect cannot describe.");
            }
        }
    }

    /// <summary>" (assumed: ...)" after a value the file did not state, or nothing.</summary>
    private static string Assumed(LoadedModel loaded, string? key)
    {
        ImportAssumption? assumption = key is null ? null : loaded.Assumptions.FirstOrDefault(a => a.Key == key);
        return assumption is null ? string.Empty : $" (assumed: the file does not say; {assumption.CommandLineOption} states it)";
    }

    private static void WriteRecurrent(TextWriter writer, RecurrentLayer layer, string assumed)
    {
        writer.WriteLine(
            $"{layer.Definition.DisplayName}  {LayerText.DirectionName(layer.Direction)}, " +
            $"input {layer.Input}, hidden {layer.Hidden}, output {layer.OutputSize}");
        string options = $"activations {string.Join(", ", LayerText.Activations(layer))}{assumed}; " +
            $"clip {(layer.Clip is { } clip ? LayerText.Number(clip) : "none")}";
        foreach (CellOption option in layer.Definition.Options(layer))
        {
            options += $"; {option}";
        }
        writer.WriteLine($"     {options}");
    }

    private static void Line(TextWriter writer, string label, string value)
        => writer.WriteLine($"{label,-15}{value}");
}
