using System;
using System.Globalization;
using System.Linq;
using EdgeLstm.Import;
using EdgeLstm.Model;

namespace EdgeLstm.Cli.Models;

/// <summary>The words inspect uses for layers, shared by its text and JSON output so that the two never disagree.</summary>
internal static class LayerText
{
    public static string DirectionName(Direction direction) => direction switch
    {
        Direction.Forward => "forward",
        Direction.Reverse => "reverse",
        Direction.Bidirectional => "bidirectional",
        _ => throw new ArgumentOutOfRangeException(nameof(direction), direction, "Not a direction EdgeLstm defines."),
    };

    /// <summary>The activations of the first direction (every direction of an imported layer uses the same ones).</summary>
    public static string[] Activations(RecurrentLayer layer)
        => layer.Directions[0].Activations.Select(a => a.ToString()).ToArray();

    public static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Number(float value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>The format names the importers record in <see cref="ModelMetadata.Format"/>.</summary>
    public static string FormatName(ModelFileFormat format) => format switch
    {
        ModelFileFormat.Onnx => "onnx",
        ModelFileFormat.SafeTensors => "safetensors",
        ModelFileFormat.PyTorch => "pytorch",
        ModelFileFormat.EdgeLstmJson => "edgelstm-json",
        ModelFileFormat.RtNeuralJson => "rtneural-json",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Not a format EdgeLstm reads."),
    };

    /// <summary>Why a model cannot be stepped one sample at a time, or null when it can.</summary>
    public static string? WhyNotStreaming(NetworkModel model)
    {
        for (int i = 0; i < model.Layers.Count; i++)
        {
            if (model.Layers[i] is RecurrentLayer { IsStreaming: false } layer)
            {
                return $"layer {i} runs {DirectionName(layer.Direction)}";
            }
        }
        return null;
    }
}
