using EdgeLstm.Model;

namespace EdgeLstm.Import.Onnx;

/// <summary>
/// Reads an ONNX model holding LSTM, GRU or RNN nodes and an optional dense head, as written by
/// <c>torch.onnx.export</c> or built by hand, into a <see cref="NetworkModel"/>.
/// </summary>
/// <remarks>
/// Three stages, each in its own file: <see cref="OnnxModelParser"/> decodes the protobuf bytes (with every length
/// checked), <see cref="OnnxGraphMapper"/> follows the graph from input to output, and
/// <see cref="OnnxRecurrentMapper"/> moves each recurrent node's weights into the canonical gate order.
/// Shared source: compiled into the runtime (net10.0) and the generator (netstandard2.0).
/// </remarks>
public static class OnnxImporter
{
    /// <summary>Imports and validates an ONNX model.</summary>
    /// <param name="content">The bytes of the .onnx file.</param>
    /// <param name="file">The file's name as the user knows it; every error message starts with it.</param>
    /// <exception cref="ModelFormatException">The file is malformed or describes a graph EdgeLstm cannot represent exactly.</exception>
    public static NetworkModel Import(byte[] content, string file)
    {
        if (content is null) throw new System.ArgumentNullException(nameof(content));
        if (file is null) throw new System.ArgumentNullException(nameof(file));
        return Import(content, ImportMeter.For(content.Length, file));
    }

    /// <summary>Imports an ONNX model within <paramref name="meter"/>'s budget.</summary>
    internal static NetworkModel Import(byte[] content, ImportMeter meter)
    {
        string file = meter.File;
        OnnxModel parsed = OnnxModelParser.Parse(content, meter);
        NetworkModel model = OnnxGraphMapper.Map(parsed, file);
        return ModelValidator.Validate(model, file);
    }
}
