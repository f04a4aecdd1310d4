using System;

namespace EdgeLstm.Iot.Detection;

/// <summary>
/// Mean and variance of a stream in one pass (Welford 1962: numerically stable, no stored samples), plus an
/// exponentially weighted update for adaptation after calibration.
/// </summary>
public struct RunningStatistics
{
    private double _m2;

    /// <summary>Values seen.</summary>
    public long Count { get; private set; }

    /// <summary>The running mean.</summary>
    public double Mean { get; private set; }

    /// <summary>The sample variance (n − 1 denominator); 0 for fewer than two values.</summary>
    public readonly double Variance => Count > 1 ? _m2 / (Count - 1) : 0.0;

    /// <summary>The square root of <see cref="Variance"/>.</summary>
    public readonly double StandardDeviation => Math.Sqrt(Variance);

    /// <summary>Starts from known statistics (a loaded calibration).</summary>
    public static RunningStatistics FromMoments(double mean, double standardDeviation, long count)
    {
        var stats = new RunningStatistics { Count = Math.Max(count, 2), Mean = mean };
        stats._m2 = standardDeviation * standardDeviation * (stats.Count - 1);
        return stats;
    }

    /// <summary>Adds one value (Welford's update).</summary>
    public void Add(double value)
    {
        Count++;
        double delta = value - Mean;
        Mean += delta / Count;
        _m2 += delta * (value - Mean);
    }

    /// <summary>Moves mean and variance towards <paramref name="value"/> with weight <paramref name="rate"/> (West 1979).</summary>
    public void AddWeighted(double value, double rate)
    {
        double variance = Variance;
        double delta = value - Mean;
        Mean += rate * delta;
        variance = (1 - rate) * (variance + rate * delta * delta);
        _m2 = variance * (Count - 1);
    }
}
