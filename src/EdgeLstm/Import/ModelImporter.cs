using System;
using System.IO;
using System.Linq;
using System.Text;
using EdgeLstm.Import.Json;
using EdgeLstm.Import.Onnx;
using EdgeLstm.Import.PyTorch;
using EdgeLstm.Import.SafeTensors;
using EdgeLstm.Model;

namespace EdgeLstm.Import;

/// <summary>The weight-file formats EdgeLstm reads.</summary>
public enum ModelFileFormat
{
    Onnx,
    SafeTensors,
    PyTorch,
    EdgeLstmJson,
    RtNeuralJson,
}

/// <summary>
/// The one entry point for reading a weight file. The format is chosen by content (magic bytes and
/// structure), not by the extension, so a renamed file still loads and a mislabelled one gets a clear error.
/// </summary>
/// <remarks>Shared source: compiled into the runtime (net10.0) and the generator (netstandard2.0).</remarks>
public static partial class ModelImporter
{
    /// <summary>Largest weight file accepted (1 GiB): anything larger is refused before it is read.</summary>
    public const long MaxFileBytes = 1L << 30;

    /// <summary>Reads and validates a model from the bytes of a weight file.</summary>
    /// <param name="content">The whole file.</param>
    /// <param name="file">The file's name as the user knows it; every error message starts with it.</param>
    public static NetworkModel Load(byte[] content, string file) => Load(content, file, ImportOptions.None);

    /// <summary>Reads and validates a model, with architecture facts the file may not carry (see <see cref="ImportOptions"/>).</summary>
    /// <param name="content">The whole file.</param>
    /// <param name="file">The file's name as the user knows it; every error message starts with it.</param>
    /// <param name="options">For example <c>head_activation=sigmoid</c> for a <c>.pt</c> state_dict.</param>
    public static NetworkModel Load(byte[] content, string file, ImportOptions options)
    {
        if (content is null) throw new ArgumentNullException(nameof(content));
        if (options is null) throw new ArgumentNullException(nameof(options));
        ModelFileFormat format = DetectFormat(content, file);
        if (!options.IsEmpty && format is not (ModelFileFormat.PyTorch or ModelFileFormat.SafeTensors))
        {
            throw new ModelFormatException(file, string.Empty,
                $"architecture options ({string.Join(", ", options.Metadata.Select(e => e.Key + "=" + e.Value))}) apply to PyTorch and safetensors files only; a {format} file describes the whole network itself.");
        }
        NetworkModel model;
        try
        {
            ImporterFaultInjection.RaiseIfInjected(format);
            model = format switch
            {
                ModelFileFormat.Onnx => OnnxImporter.Import(content, file),
                ModelFileFormat.SafeTensors => SafeTensorsImporter.Import(content, file, options),
                ModelFileFormat.PyTorch => PyTorchImporter.Import(content, file, options.Metadata.AsArray()),
                ModelFileFormat.EdgeLstmJson => EdgeLstmJsonFormat.Import(DecodeText(content, file), file),
                ModelFileFormat.RtNeuralJson => RtNeuralJsonImporter.Import(DecodeText(content, file), file),
                _ => throw new InvalidOperationException($"Format {format} has no importer."),
            };
        }
        catch (Exception e) when (e is InvalidDataException or DecoderFallbackException)
        {
            // Only decoding failures are the file's fault: the BCL's decoders (deflate, UTF-8) say so with these. The
            // importers check every bound, length and type themselves and throw ModelFormatException; any other
            // exception (IndexOutOfRange, NullReference, InvalidCast, InvalidOperation, OutOfMemory...) is a bug in
            // EdgeLstm and goes on as it is, so that the generator reports it as ELSTM008 and the CLI exits with 3,
            // rather than blaming the user's file.
            throw new ModelFormatException(file, string.Empty, $"the {format} file could not be decoded: {e.Message}", e);
        }
        return ModelValidator.Validate(model, file);
    }

    /// <summary>Reads a model from a stream (read to its end, up to <see cref="MaxFileBytes"/>).</summary>
    public static NetworkModel Load(Stream stream, string name) => Load(stream, name, ImportOptions.None);

    /// <summary>Reads a model from a stream, with architecture facts the file may not carry.</summary>
    public static NetworkModel Load(Stream stream, string name, ImportOptions options)
    {
        if (stream is null) throw new ArgumentNullException(nameof(stream));
        using var buffer = new MemoryStream();
        byte[] chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > MaxFileBytes)
            {
                throw new ModelFormatException(name, string.Empty, $"the stream holds more than {MaxFileBytes} bytes.");
            }
            buffer.Write(chunk, 0, read);
        }
        return Load(buffer.ToArray(), name, options);
    }

    /// <summary>Decides the format from the first bytes of the file.</summary>
    public static ModelFileFormat DetectFormat(byte[] content, string file)
    {
        if (content.Length == 0)
        {
            throw new UnrecognizedModelFormatException(file, "the file is empty.");
        }
        // PyTorch's torch.save writes a zip archive: local file header "PK\x03\x04".
        if (content.Length >= 4 && content[0] == 0x50 && content[1] == 0x4B && content[2] == 0x03 && content[3] == 0x04)
        {
            return ModelFileFormat.PyTorch;
        }
        // Legacy (pre-1.6) torch.save pickles start with the pickle protocol opcode 0x80.
        if (content[0] == 0x80 && content.Length > 1 && content[1] <= 5)
        {
            throw new UnrecognizedModelFormatException(file,
                "this looks like a legacy (non-zip) PyTorch pickle; re-save it with torch.save(model.state_dict(), path) from PyTorch 1.6 or later.");
        }
        // safetensors: 8-byte little-endian header length, then a JSON object.
        if (content.Length >= 9 && content[8] == (byte)'{')
        {
            ulong headerLength = BitConverter.ToUInt64(content, 0);
            if (headerLength >= 2 && headerLength <= (ulong)(content.Length - 8))
            {
                return ModelFileFormat.SafeTensors;
            }
        }
        int first = FirstNonWhitespace(content);
        if (first >= 0 && content[first] == (byte)'{')
        {
            return LooksLikeRtNeural(content) ? ModelFileFormat.RtNeuralJson : ModelFileFormat.EdgeLstmJson;
        }
        // ONNX ModelProto: field 1 (ir_version, varint) is written first by every exporter we know.
        if (content[0] == 0x08)
        {
            return ModelFileFormat.Onnx;
        }
        throw new UnrecognizedModelFormatException(file,
            "format not recognised: expected ONNX, safetensors, a PyTorch zip (torch.save of a state_dict), EdgeLstm JSON or RTNeural JSON.");
    }

    private static int FirstNonWhitespace(byte[] content)
    {
        int i = 0;
        if (content.Length >= 3 && content[0] == 0xEF && content[1] == 0xBB && content[2] == 0xBF) i = 3;
        for (; i < content.Length; i++)
        {
            if (content[i] is not ((byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r')) return i;
        }
        return -1;
    }

    // RTNeural's exporter writes "in_shape" and "layers"; ours writes "format": "edgelstm". Look only at the head
    // of the file so that detection stays cheap for large files.
    private static bool LooksLikeRtNeural(byte[] content)
    {
        string head = Encoding.UTF8.GetString(content, 0, Math.Min(content.Length, 4096));
        return head.IndexOf("\"in_shape\"", StringComparison.Ordinal) >= 0 && head.IndexOf("\"edgelstm\"", StringComparison.Ordinal) < 0;
    }

    private static string DecodeText(byte[] content, string file)
    {
        try
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(content);
        }
        catch (DecoderFallbackException e)
        {
            throw new ModelFormatException(file, $"offset {e.Index}", "the JSON file is not valid UTF-8.");
        }
    }
}
