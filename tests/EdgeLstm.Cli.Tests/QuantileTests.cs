using EdgeLstm.Cli.Calibration;
using Xunit;

namespace EdgeLstm.Cli.Tests;

public sealed class QuantileTests
{
    // Expected values from numpy.quantile (default linear interpolation).
    [Theory]
    [InlineData(new[] { 1.0, 2, 3, 4 }, 0.5, 2.5)]
    [InlineData(new[] { 4.0, 1, 3, 2 }, 0.25, 1.75)]
    [InlineData(new[] { 4.0, 1, 3, 2 }, 1.0, 4)]
    [InlineData(new[] { 7.0 }, 0.995, 7)]
    [InlineData(new[] { 0.0, 10 }, 0.995, 9.95)]
    public void MatchesNumpy(double[] values, double q, double expected)
        => Assert.Equal(expected, Quantile.Of(values, q), 12);
}
