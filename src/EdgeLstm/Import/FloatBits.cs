using System.Runtime.InteropServices;

namespace EdgeLstm.Import;

/// <summary>
/// Reinterprets and widens the float encodings weight files use. Written by hand because netstandard2.0 (the
/// generator's target) has neither System.Half nor BitConverter.Int32BitsToSingle; shared by every importer.
/// </summary>
internal static class FloatBits
{
    /// <summary>The float32 whose IEEE 754 bit pattern is <paramref name="bits"/>.</summary>
    public static float ToSingle(uint bits) => new SingleBits { Bits = bits }.Value;

    /// <summary>The IEEE 754 bit pattern of <paramref name="value"/>.</summary>
    public static uint ToBits(float value) => new SingleBits { Value = value }.Bits;

    /// <summary>IEEE 754 binary16 to binary32; exact for every input, including subnormals, infinities and NaN.</summary>
    public static float HalfToSingle(ushort half)
    {
        uint sign = (uint)(half >> 15) << 31;
        int exponent = (half >> 10) & 0x1F;
        uint mantissa = (uint)half & 0x3FF;
        if (exponent == 0)
        {
            // Zero or subnormal: mantissa * 2^-24, exactly representable in float32.
            float magnitude = mantissa * (1f / 16777216f);
            return sign == 0 ? magnitude : -magnitude;
        }
        uint bits = exponent == 0x1F
            ? 0x7F800000u | (mantissa << 13)
            : ((uint)(exponent - 15 + 127) << 23) | (mantissa << 13);
        return ToSingle(sign | bits);
    }

    /// <summary>bfloat16 is the upper half of a float32.</summary>
    public static float BFloat16ToSingle(ushort value) => ToSingle((uint)value << 16);

    // Reinterprets the bits without unsafe code, which the generator project does not enable.
    [StructLayout(LayoutKind.Explicit)]
    private struct SingleBits
    {
        [FieldOffset(0)] public uint Bits;
        [FieldOffset(0)] public float Value;
    }
}
