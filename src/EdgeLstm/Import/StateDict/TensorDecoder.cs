using System;

namespace EdgeLstm.Import.StateDict;

/// <summary>
/// Widens little-endian raw tensor bytes to float32. Written by hand because netstandard2.0 (the generator's
/// target) has neither System.Half nor BitConverter.Int32BitsToSingle, and because weight files are
/// little-endian whatever the host is.
/// </summary>
internal static class TensorDecoder
{
    public static int SizeOf(TensorElementType type) => type switch
    {
        TensorElementType.Float16 or TensorElementType.BFloat16 => 2,
        TensorElementType.Float64 => 8,
        _ => 4,
    };

    /// <summary>
    /// Decodes <paramref name="count"/> elements starting at <paramref name="offset"/>. The caller has checked that
    /// the range lies inside <paramref name="bytes"/>. Float64 values beyond float32's range are refused rather
    /// than silently becoming infinities.
    /// </summary>
    public static float[] Decode(byte[] bytes, long offset, int count, TensorElementType type, ImportMeter meter, string location)
    {
        var values = new float[count];
        int size = SizeOf(type);
        long position = offset;
        for (int i = 0; i < count; i++, position += size)
        {
            if ((i & 0xFFFF) == 0) meter.ThrowIfCancellationRequested();
            values[i] = DecodeOne(bytes, position, type, i, meter.File, location);
        }
        return values;
    }

    /// <summary>The element at byte <paramref name="position"/>; <paramref name="index"/> names it in an error.</summary>
    public static float DecodeOne(byte[] bytes, long position, TensorElementType type, long index, string file, string location) => type switch
    {
        TensorElementType.Float16 => FloatBits.HalfToSingle((ushort)ReadUInt(bytes, position, 2)),
        TensorElementType.BFloat16 => FloatBits.BFloat16ToSingle((ushort)ReadUInt(bytes, position, 2)),
        TensorElementType.Float64 => NarrowDouble(BitConverter.Int64BitsToDouble((long)ReadUInt(bytes, position, 8)), index, file, location),
        _ => FloatBits.ToSingle((uint)ReadUInt(bytes, position, 4)),
    };

    private static ulong ReadUInt(byte[] bytes, long position, int size)
    {
        ulong value = 0;
        for (int b = size - 1; b >= 0; b--)
        {
            value = (value << 8) | bytes[position + b];
        }
        return value;
    }

    private static float NarrowDouble(double value, long index, string file, string location)
    {
        float narrowed = (float)value;
        if (float.IsInfinity(narrowed) && !double.IsInfinity(value))
        {
            throw new ModelFormatException(file, location,
                $"element {index} is {value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}, beyond float32's range; weights must fit float32.");
        }
        return narrowed;
    }
}
