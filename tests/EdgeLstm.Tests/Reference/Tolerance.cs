using System;
using System.Collections.Generic;
using System.Globalization;
using Xunit;

namespace EdgeLstm.Tests.Reference;

/// <summary>Element-wise comparison that reports the largest error and where it is, so a failure says how far off it is.</summary>
internal static class Tolerance
{
    /// <summary>The shared cases' contract: PyTorch / ONNX Runtime float32 outputs are matched within this.</summary>
    public const double Golden = 1e-5;

    /// <summary>Fixtures computed in float64 by PyTorch or NumPy: only summation order differs.</summary>
    public const double Float64 = 1e-9;

    /// <summary>Returns the largest absolute error; fails if it exceeds <paramref name="tolerance"/> or a value is not finite.</summary>
    public static double AssertClose(IReadOnlyList<double> expected, IReadOnlyList<double> actual, double tolerance, string what, int rowLength)
    {
        Assert.Equal(expected.Count, actual.Count);
        double maxError = 0;
        int worst = -1;
        for (int i = 0; i < expected.Count; i++)
        {
            double error = Math.Abs(expected[i] - actual[i]);
            if (double.IsNaN(error))
            {
                Assert.Fail($"{what}: value [{i / rowLength}, {i % rowLength}] is {actual[i]}, expected {expected[i]}.");
            }
            if (error > maxError)
            {
                maxError = error;
                worst = i;
            }
        }
        Assert.True(maxError <= tolerance, string.Format(CultureInfo.InvariantCulture,
            "{0}: max error {1:E3} at [{2}, {3}] (expected {4}, got {5}) exceeds {6:E1}.",
            what, maxError, worst / rowLength, worst % rowLength, worst < 0 ? 0 : expected[worst], worst < 0 ? 0 : actual[worst], tolerance));
        return maxError;
    }

    public static double AssertClose(float[] expected, float[] actual, double tolerance, string what, int rowLength)
        => AssertClose(Array.ConvertAll(expected, v => (double)v), Array.ConvertAll(actual, v => (double)v), tolerance, what, rowLength);
}
