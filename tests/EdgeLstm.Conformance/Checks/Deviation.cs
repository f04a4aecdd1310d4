using System;

namespace EdgeLstm.Conformance.Checks;

/// <summary>Largest absolute difference between computed and golden values.</summary>
internal static class Deviation
{
    /// <summary>max |actual - expected|; NaN if any actual value is NaN (so a NaN never passes a tolerance test).</summary>
    public static float MaxAbs(ReadOnlySpan<float> actual, ReadOnlySpan<float> expected)
    {
        if (actual.Length != expected.Length)
        {
            throw new ArgumentException($"Comparing {actual.Length} values with {expected.Length} golden values.", nameof(actual));
        }
        float worst = 0f;
        for (int i = 0; i < actual.Length; i++)
        {
            float difference = MathF.Abs(actual[i] - expected[i]);
            if (float.IsNaN(difference))
            {
                return float.NaN;
            }
            worst = MathF.Max(worst, difference);
        }
        return worst;
    }
}
