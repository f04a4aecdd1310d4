using System;
using System.Globalization;

namespace EdgeLstm.Generator.Emit;

/// <summary>
/// C# literals for float values that parse back to the very same bits: the baked weights must be the weights.
/// </summary>
internal static class FloatLiteral
{
    /// <summary>"0.25f", "-1.5E-07f", "-0f"; float.NaN and float.PositiveInfinity spelled by name.</summary>
    public static string Format(float value)
    {
        if (float.IsNaN(value)) return "float.NaN";
        if (float.IsPositiveInfinity(value)) return "float.PositiveInfinity";
        if (float.IsNegativeInfinity(value)) return "float.NegativeInfinity";
        if (value == 0f)
        {
            // "R" drops the sign of -0 on .NET Framework, where the compiler (and so the generator) may run.
            return IsNegativeZero(value) ? "-0f" : "0f";
        }

        // "R" is the shortest round-trip form on .NET Core 3.0+, but not always round-trip on .NET Framework;
        // "G9" always is. Check instead of trusting either.
        string text = value.ToString("R", CultureInfo.InvariantCulture);
        if (!RoundTrips(text, value))
        {
            text = value.ToString("G9", CultureInfo.InvariantCulture);
        }
        return text + "f";
    }

    private static bool RoundTrips(string text, float value)
        => float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out float parsed)
           && BitConverter.ToInt32(BitConverter.GetBytes(parsed), 0) == BitConverter.ToInt32(BitConverter.GetBytes(value), 0);

    private static bool IsNegativeZero(float value) => BitConverter.ToInt32(BitConverter.GetBytes(value), 0) == int.MinValue;
}
