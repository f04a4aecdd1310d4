using System;
using System.Globalization;

namespace EdgeLstm.Import.Json;

/// <summary>
/// Float32 values as JSON number text, both ways, without loss: <see cref="Format"/> writes the shortest text
/// that <see cref="TryParse"/> turns back into the same bits, and <see cref="TryParse"/> reads the token text
/// straight into a float (never through double, which would round twice).
/// </summary>
/// <remarks>
/// Shared source. On .NET Core 3.0 and later "R" is the shortest round-trip form; on .NET Framework (where the
/// generator may run inside Visual Studio) "R" for float could produce text that does not parse back to the same
/// value, so every result is checked and replaced by "G9" (always enough digits for a float32) when it fails.
/// </remarks>
public static class JsonFloat
{
    /// <summary>Round-trip text for a finite float, valid as a JSON number ("-0" keeps the sign of zero).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is NaN or infinite, which JSON cannot represent.</exception>
    public static string Format(float value)
    {
        if (float.IsNaN(value) || float.IsInfinity(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "JSON numbers must be finite.");
        }
        string text = value.ToString("R", CultureInfo.InvariantCulture);
        if (TryParse(text, out float back) && SameBits(back, value))
        {
            return text;
        }
        return value.ToString("G9", CultureInfo.InvariantCulture);
    }

    /// <summary>Parses JSON number text as the nearest float32; false for text that is not a number or overflows float32.</summary>
    public static bool TryParse(string text, out float value)
    {
        // float.TryParse rounds the decimal text once, to float32. .NET Core 3.0+ returns infinity on overflow,
        // .NET Framework returns false: both are refused, so the answer does not depend on the runtime.
        return float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) &&
               !float.IsInfinity(value) && !float.IsNaN(value);
    }

    // Finite floats are bit-identical exactly when they are equal and, for zeros, have the same sign
    // (1/0 and 1/-0 are infinities of opposite sign). BitConverter.SingleToInt32Bits is not in netstandard2.0.
    private static bool SameBits(float a, float b) => a == b && (a != 0f || 1f / a == 1f / b);
}
