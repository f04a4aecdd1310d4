using System;
using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace EdgeLstm.Training.Export;

/// <summary>Small JSON texts for metadata values, written with <see cref="Utf8JsonWriter"/> (no reflection, AOT-safe).</summary>
internal static class JsonText
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            write(writer);
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>A float32 as the shortest text that reads back to the same bits.</summary>
    public static void WriteFloat(this Utf8JsonWriter writer, float value)
        => writer.WriteRawValue(value.ToString("R", CultureInfo.InvariantCulture), skipInputValidation: false);

    /// <summary>A double as the shortest text that reads back to the same bits.</summary>
    public static void WriteDouble(this Utf8JsonWriter writer, double value)
        => writer.WriteRawValue(value.ToString("R", CultureInfo.InvariantCulture), skipInputValidation: false);
}
