using System;

namespace EdgeLstm.Cli.Calibration;

/// <summary>Empirical quantiles.</summary>
internal static class Quantile
{
    /// <summary>
    /// The q-quantile with linear interpolation between order statistics (NumPy's default, "type 7"), so that a
    /// threshold computed here matches np.quantile on the same scores.
    /// </summary>
    public static double Of(double[] values, double q)
    {
        if (values.Length == 0) throw new ArgumentException("no values.", nameof(values));
        if (!(q >= 0 && q <= 1)) throw new ArgumentOutOfRangeException(nameof(q), q, "expected 0..1.");
        var sorted = (double[])values.Clone();
        Array.Sort(sorted);
        double position = q * (sorted.Length - 1);
        int below = (int)Math.Floor(position);
        int above = Math.Min(below + 1, sorted.Length - 1);
        double weight = position - below;
        return sorted[below] + (sorted[above] - sorted[below]) * weight;
    }
}
