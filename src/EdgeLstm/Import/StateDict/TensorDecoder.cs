using System;
using System.Runtime.InteropServices;

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
    public static float[] Decode(byte[] bytes, long offset, int count, TensorElementType type, string file, string location)
    {
        var values = new float[count];
        int size = SizeOf(type);
        long position = offset;
        for (int i = 0; i < count; i++, position += size)
        {
            values[i] = type switch
            {
                TensorElementType.Float16 => HalfToSingle((ushort)ReadUInt(bytes, position, 2)),
                TensorElementType.BFloat16 => Int32BitsToSingle((int)(ReadUInt(bytes, position, 2) << 16)),
                TensorElementType.Float64 => NarrowDouble(BitConverter.Int64BitsToDouble((long)ReadUInt(bytes, position, 8)), i, file, location),
                _ => Int32BitsToSingle((int)ReadUInt(bytes, position, 4)),
            };
        }
        return values;
    }

    /// <summary>IEEE 754 binary16 to binary32; exact for every input, including subnormals, infinities and NaN.</summary>
    public static float HalfToSingle(ushort half)
    {
        int sign = (half >> 15) & 1;
        int exponent = (half >> 10) & 0x1F;
        int mantissa = half & 0x3FF;
        if (exponent == 0)
        {
            // Zero or subnormal: mantissa * 2^-24, exactly representable in float32.
            float magnitude = mantissa * (1f / 16777216f);
            return sign == 0 ? magnitude : -magnitude;
        }
        int bits = exponent == 0x1F
            ? 0x7F800000 | (mantissa << 13)
            : ((exponent - 15 + 127) << 23) | (mantissa << 13);
        return Int32BitsToSingle((sign << 31) | bits);
    }

    public static float Int32BitsToSingle(int bits) => new SingleBits { Int = bits }.Single;

    private static ulong ReadUInt(byte[] bytes, long position, int size)
    {
        ulong value = 0;
        for (int b = size - 1; b >= 0; b--)
        {
            value = (value << 8) | bytes[position + b];
        }
        return value;
    }

    private static float NarrowDouble(double value, int index, string file, string location)
    {
        float narrowed = (float)value;
        if (float.IsInfinity(narrowed) && !double.IsInfinity(value))
        {
            throw new ModelFormatException(file, location,
                $"element {index} is {value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}, beyond float32's range; weights must fit float32.");
        }
        return narrowed;
    }

    // Reinterprets the bits without unsafe code, which the generator project does not enable.
    [StructLayout(LayoutKind.Explicit)]
    private struct SingleBits
    {
        [FieldOffset(0)] public int Int;
        [FieldOffset(0)] public float Single;
    }
}
