using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace EdgeLstm.Training.Tests.Support;

/// <summary>
/// A safetensors file read by the test itself (format: 8-byte little-endian header length, JSON header, raw data), so
/// that what the trainer writes is judged by the format's definition rather than by the library's own reader.
/// </summary>
internal sealed class SafeTensorsFile
{
    private SafeTensorsFile(Dictionary<string, (int[] Shape, float[] Values)> tensors, Dictionary<string, string> metadata, long headerLength)
    {
        Tensors = tensors;
        Metadata = metadata;
        HeaderLength = headerLength;
    }

    public IReadOnlyDictionary<string, (int[] Shape, float[] Values)> Tensors { get; }

    public IReadOnlyDictionary<string, string> Metadata { get; }

    public long HeaderLength { get; }

    public static SafeTensorsFile Read(string path) => Parse(File.ReadAllBytes(path));

    public static SafeTensorsFile Parse(byte[] bytes)
    {
        long headerLength = (long)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        using JsonDocument header = JsonDocument.Parse(Encoding.UTF8.GetString(bytes, 8, (int)headerLength));
        var tensors = new Dictionary<string, (int[], float[])>();
        var metadata = new Dictionary<string, string>();
        foreach (JsonProperty entry in header.RootElement.EnumerateObject())
        {
            if (entry.Name == "__metadata__")
            {
                foreach (JsonProperty item in entry.Value.EnumerateObject()) metadata[item.Name] = item.Value.GetString()!;
                continue;
            }
            if (entry.Value.GetProperty("dtype").GetString() != "F32") throw new InvalidDataException($"{entry.Name}: not F32");
            int[] shape = entry.Value.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()).ToArray();
            long[] offsets = entry.Value.GetProperty("data_offsets").EnumerateArray().Select(e => e.GetInt64()).ToArray();
            var values = new float[(offsets[1] - offsets[0]) / 4];
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan((int)(8 + headerLength + offsets[0] + 4 * i), 4));
            }
            tensors[entry.Name] = (shape, values);
        }
        return new SafeTensorsFile(tensors, metadata, headerLength);
    }
}
