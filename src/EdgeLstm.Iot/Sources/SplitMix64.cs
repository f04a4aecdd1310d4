using System;

namespace EdgeLstm.Iot.Sources;

/// <summary>
/// A tiny deterministic random generator (Steele, Lea and Flood 2014) with Box–Muller normals. Used instead of
/// <see cref="Random"/> so simulated series never change between runtime versions.
/// </summary>
internal struct SplitMix64(ulong seed)
{
    private ulong _state = seed;
    private double _spareNormal = double.NaN;

    public ulong NextUInt64()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in (0, 1]: never 0, so the logarithm below is finite.</summary>
    public double NextUnitInterval() => ((NextUInt64() >> 11) + 1) * (1.0 / (1UL << 53));

    public double NextNormal()
    {
        if (!double.IsNaN(_spareNormal))
        {
            double spare = _spareNormal;
            _spareNormal = double.NaN;
            return spare;
        }

        double radius = Math.Sqrt(-2.0 * Math.Log(NextUnitInterval()));
        double angle = 2.0 * Math.PI * NextUnitInterval();
        _spareNormal = radius * Math.Sin(angle);
        return radius * Math.Cos(angle);
    }
}
