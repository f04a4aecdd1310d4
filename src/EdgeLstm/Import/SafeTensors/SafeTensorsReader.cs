using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using EdgeLstm.Import.Json;
using EdgeLstm.Import.StateDict;
using EdgeLstm.Model;

namespace EdgeLstm.Import.SafeTensors;

/// <summary>
/// Reads the tensors and metadata of a safetensors file: an 8-byte little-endian header length N, N bytes of JSON
/// mapping each tensor name to <c>{"dtype", "shape", "data_offsets": [begin, end)}</c> (offsets relative to the byte
/// buffer after the header) plus an optional <c>__metadata__</c> string map, then the raw little-endian data.
/// Every offset and size is checked against the bytes present before anything is allocated.
/// </summary>
internal static class SafeTensorsReader
{
    private const string MetadataKey = "__metadata__";

    public static (List<NamedTensor> Tensors, List<MetadataEntry> Metadata) Read(byte[] content, string file)
    {
        if (content.Length < 8)
        {
            throw new ModelFormatException(file, "offset 0", $"the file has {content.Length} bytes; a safetensors file starts with an 8-byte header length.");
        }
        ulong headerLength = 0;
        for (int b = 7; b >= 0; b--) headerLength = (headerLength << 8) | content[b];
        if (headerLength > (ulong)(content.Length - 8))
        {
            throw new ModelFormatException(file, "offset 0",
                $"the header length {headerLength} runs past the end of the file ({content.Length} bytes; truncated file?).");
        }
        long dataStart = 8 + (long)headerLength;
        long dataLength = content.Length - dataStart;

        string headerText;
        try
        {
            headerText = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(content, 8, (int)headerLength);
        }
        catch (DecoderFallbackException)
        {
            throw new ModelFormatException(file, "header", "the JSON header is not valid UTF-8.");
        }
        JsonValue header = JsonReader.Parse(headerText, file);
        if (header.Kind != JsonKind.Object)
        {
            throw new ModelFormatException(file, "header", "the JSON header must be an object mapping tensor names to their descriptions.");
        }

        var tensors = new List<NamedTensor>();
        var metadata = new List<MetadataEntry>();
        foreach (KeyValuePair<string, JsonValue> member in header.Members)
        {
            if (member.Key == MetadataKey)
            {
                ReadMetadata(member.Value, file, metadata);
            }
            else
            {
                tensors.Add(ReadTensor(member.Key, member.Value, content, dataStart, dataLength, file));
            }
        }
        return (tensors, metadata);
    }

    private static void ReadMetadata(JsonValue value, string file, List<MetadataEntry> metadata)
    {
        if (value.Kind != JsonKind.Object)
        {
            throw new ModelFormatException(file, MetadataKey, "must be an object of string values.");
        }
        foreach (KeyValuePair<string, JsonValue> entry in value.Members)
        {
            if (entry.Value.Kind != JsonKind.String)
            {
                throw new ModelFormatException(file, $"{MetadataKey} '{entry.Key}'", "the value must be a string; safetensors metadata is a string-to-string map.");
            }
            metadata.Add(new MetadataEntry(entry.Key, entry.Value.String!));
        }
    }

    private static NamedTensor ReadTensor(string name, JsonValue description, byte[] content, long dataStart, long dataLength, string file)
    {
        string where = $"tensor '{name}'";
        if (description.Kind != JsonKind.Object)
        {
            throw new ModelFormatException(file, where, "the header entry must be an object with dtype, shape and data_offsets.");
        }
        JsonValue? dtype = description["dtype"];
        if (dtype is null || dtype.Kind != JsonKind.String)
        {
            throw new ModelFormatException(file, where, "missing the string member 'dtype'.");
        }
        TensorElementType type = dtype.String switch
        {
            "F32" => TensorElementType.Float32,
            "F16" => TensorElementType.Float16,
            "BF16" => TensorElementType.BFloat16,
            "F64" => TensorElementType.Float64,
            _ => throw new ModelFormatException(file, where, $"dtype '{dtype.String}' is not supported; expected F32, F16, BF16 or F64."),
        };

        long[] shape = ReadIntegers(description["shape"], "shape", null, dataLength, file, where);
        long[] offsets = ReadIntegers(description["data_offsets"], "data_offsets", 2, dataLength, file, where);
        long begin = offsets[0], end = offsets[1];
        if (begin > end || end > dataLength)
        {
            throw new ModelFormatException(file, where,
                $"data_offsets [{begin}, {end}) do not lie within the {dataLength} data bytes after the header (truncated file?).");
        }

        int size = TensorDecoder.SizeOf(type);
        long span = end - begin;
        long elements = Array.IndexOf(shape, 0L) >= 0 ? 0 : 1;
        foreach (long dimension in elements == 0 ? Array.Empty<long>() : shape)
        {
            // Each dimension is at most dataLength (2^30), so the product cannot overflow before it passes the span.
            elements *= dimension;
            if (elements > span) break;
        }
        if (elements > span || elements * size != span)
        {
            throw new ModelFormatException(file, where,
                $"shape [{string.Join(", ", shape)}] of {dtype.String} does not fill data_offsets [{begin}, {end}): expected {size} bytes per element times the shape's product.");
        }

        float[] values = TensorDecoder.Decode(content, dataStart + begin, (int)elements, type, file, where);
        return new NamedTensor(name, dtype.String!, Array.ConvertAll(shape, d => (int)d), values);
    }

    /// <summary>Reads an array of non-negative integers, each at most <paramref name="max"/> (the data length bounds any real dimension or offset).</summary>
    private static long[] ReadIntegers(JsonValue? array, string member, int? count, long max, string file, string where)
    {
        if (array is null || array.Kind != JsonKind.Array || (count is { } n && array.Items.Count != n))
        {
            string expected = count is { } c ? $"an array of {c} integers" : "an array of integers";
            throw new ModelFormatException(file, where, $"'{member}' must be {expected}.");
        }
        if (array.Items.Count > 32)
        {
            throw new ModelFormatException(file, where, $"'{member}' has {array.Items.Count} items; at most 32 dimensions are accepted.");
        }
        var values = new long[array.Items.Count];
        for (int i = 0; i < values.Length; i++)
        {
            JsonValue item = array.Items[i];
            string text = item.NumberText ?? string.Empty;
            bool isInteger = item.Kind == JsonKind.Number && text.Length > 0 && text.Length <= 18 && IsDigits(text);
            if (!isInteger || (values[i] = long.Parse(text, CultureInfo.InvariantCulture)) > max)
            {
                throw new ModelFormatException(file, where,
                    $"'{member}'[{i}] is {(isInteger ? text : "not a non-negative integer")}; expected a non-negative integer no larger than the {max} data bytes.");
            }
        }
        return values;
    }

    private static bool IsDigits(string text)
    {
        foreach (char c in text)
        {
            if (c < '0' || c > '9') return false;
        }
        return true;
    }
}
