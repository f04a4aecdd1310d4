using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace EdgeLstm.Training.Export;

/// <summary>One tensor to write: its name, shape and float32 values (row-major).</summary>
internal sealed record TensorEntry(string Name, int[] Shape, float[] Values);

/// <summary>
/// Writes the safetensors format (as <c>safetensors.torch.save_file</c> does): an 8-byte little-endian header length,
/// a JSON header mapping each tensor name to <c>{"dtype":"F32","shape":[...],"data_offsets":[begin,end]}</c> plus
/// <c>__metadata__</c> (a string-to-string map), padded with spaces to a multiple of 8 bytes, then the tensors'
/// little-endian bytes in header order.
/// </summary>
internal static class SafeTensorsWriter
{
    public static byte[] Write(IReadOnlyList<TensorEntry> tensors, IReadOnlyList<KeyValuePair<string, string>> metadata)
    {
        var header = new MemoryStream();
        // Relaxed escaping keeps metadata such as ["value"] readable in the file; the header stays valid JSON.
        using (var json = new Utf8JsonWriter(header, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteStartObject("__metadata__");
            foreach ((string key, string value) in metadata)
            {
                json.WriteString(key, value);
            }
            json.WriteEndObject();
            long offset = 0;
            foreach (TensorEntry tensor in tensors)
            {
                long bytes = 4L * tensor.Values.Length;
                json.WriteStartObject(tensor.Name);
                json.WriteString("dtype", "F32");
                json.WriteStartArray("shape");
                foreach (int dimension in tensor.Shape) json.WriteNumberValue(dimension);
                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(offset + bytes);
                json.WriteEndArray();
                json.WriteEndObject();
                offset += bytes;
            }
            json.WriteEndObject();
        }
        // The data after the header starts 8-byte aligned, as the Python writer keeps it.
        while (header.Length % 8 != 0) header.WriteByte((byte)' ');

        var file = new MemoryStream();
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
        file.Write(length);
        header.Position = 0;
        header.CopyTo(file);
        Span<byte> element = stackalloc byte[4];
        foreach (TensorEntry tensor in tensors)
        {
            foreach (float f in tensor.Values)
            {
                BinaryPrimitives.WriteSingleLittleEndian(element, f);
                file.Write(element);
            }
        }
        return file.ToArray();
    }
}
