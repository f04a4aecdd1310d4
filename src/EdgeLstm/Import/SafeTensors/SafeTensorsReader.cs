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
/// Every offset and size is checked against the bytes present before anything is allocated, shapes are multiplied
/// without wrapping, and no two tensors may share data bytes (the safetensors library refuses that too).
/// </summary>
internal static class SafeTensorsReader
{
    private const string MetadataKey = "__metadata__";

    public static (List<NamedTensor> Tensors, List<MetadataEntry> Metadata) Read(byte[] content, ImportMeter meter)
    {
        string file = meter.File;
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
        JsonValue header = JsonReader.Parse(headerText, meter);
        if (header.Kind != JsonKind.Object)
        {
            throw new ModelFormatException(file, "header", "the JSON header must be an object mapping tensor names to their descriptions.");
        }

        var layouts = new List<TensorLayout>();
        var metadata = new List<MetadataEntry>();
        foreach (KeyValuePair<string, JsonValue> member in header.Members)
        {
            if (member.Key == MetadataKey)
            {
                ReadMetadata(member.Value, file, metadata);
            }
            else
            {
                layouts.Add(ReadLayout(member.Key, member.Value, dataLength, meter));
            }
        }
        RefuseSharedData(layouts, file);

        var tensors = new List<NamedTensor>(layouts.Count);
        foreach (TensorLayout layout in layouts)
        {
            string where = Describe(layout.Name);
            meter.ChargeTensorElements(layout.Elements, where);
            float[] values = TensorDecoder.Decode(content, dataStart + layout.Begin, (int)layout.Elements, layout.Type, meter, where);
            tensors.Add(new NamedTensor(layout.Name, layout.DType, Array.ConvertAll(layout.Shape, d => (int)d), values));
        }
        return (tensors, metadata);
    }

    private static string Describe(string name) => "tensor " + FileText.Quote(name);

    /// <summary>Refuses tensors whose data ranges overlap: a file cannot make one byte count as two tensors' data.</summary>
    private static void RefuseSharedData(List<TensorLayout> layouts, string file)
    {
        var byBegin = layouts.FindAll(l => l.End > l.Begin);
        byBegin.Sort((a, b) => a.Begin != b.Begin ? a.Begin.CompareTo(b.Begin) : a.End.CompareTo(b.End));
        for (int i = 1; i < byBegin.Count; i++)
        {
            TensorLayout previous = byBegin[i - 1], next = byBegin[i];
            if (next.Begin < previous.End)
            {
                throw new ModelFormatException(file, Describe(next.Name),
                    $"data_offsets [{next.Begin}, {next.End}) overlap those of {Describe(previous.Name)}, [{previous.Begin}, {previous.End}); each tensor must have bytes of its own.");
            }
        }
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
                throw new ModelFormatException(file, $"{MetadataKey} {FileText.Quote(entry.Key)}", "the value must be a string; safetensors metadata is a string-to-string map.");
            }
            metadata.Add(new MetadataEntry(entry.Key, entry.Value.String!));
        }
    }

    private static TensorLayout ReadLayout(string name, JsonValue description, long dataLength, ImportMeter meter)
    {
        string file = meter.File;
        string where = Describe(name);
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
            _ => throw new ModelFormatException(file, where, $"dtype {FileText.Quote(dtype.String)} is not supported; expected F32, F16, BF16 or F64."),
        };

        long[] shape = ReadIntegers(description["shape"], "shape", null, dataLength, file, where);
        long[] offsets = ReadIntegers(description["data_offsets"], "data_offsets", 2, dataLength, file, where);
        long begin = offsets[0], end = offsets[1];
        if (begin > end || end > dataLength)
        {
            throw new ModelFormatException(file, where,
                $"data_offsets [{begin}, {end}) do not lie within the {dataLength} data bytes after the header (truncated file?).");
        }

        // The product is compared with the span before each multiplication, so it cannot wrap however large a dimension is.
        int size = TensorDecoder.SizeOf(type);
        long span = end - begin;
        long elements = Array.IndexOf(shape, 0L) >= 0 ? 0 : 1;
        bool fits = true;
        for (int d = 0; d < shape.Length && elements > 0 && fits; d++)
        {
            fits = shape[d] <= span / elements;
            if (fits) elements *= shape[d];
        }
        if (!fits || elements * size != span)
        {
            throw new ModelFormatException(file, where,
                $"shape [{string.Join(", ", shape)}] of {dtype.String} does not fill data_offsets [{begin}, {end}): expected {size} bytes per element times the shape's product.");
        }
        return new TensorLayout(name, dtype.String!, type, shape, begin, end, elements);
    }

    /// <summary>Where one tensor's data lies and how to read it, checked but not yet decoded.</summary>
    private sealed class TensorLayout
    {
        public TensorLayout(string name, string dtype, TensorElementType type, long[] shape, long begin, long end, long elements)
        {
            Name = name;
            DType = dtype;
            Type = type;
            Shape = shape;
            Begin = begin;
            End = end;
            Elements = elements;
        }

        public string Name { get; }

        public string DType { get; }

        public TensorElementType Type { get; }

        public long[] Shape { get; }

        public long Begin { get; }

        public long End { get; }

        public long Elements { get; }
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
