using System;

namespace EdgeLstm.Training.Numerics;

/// <summary>
/// The random numbers of a training run: SplitMix64 (Steele, Lea and Flood 2014), chosen over <see cref="Random"/>
/// because its sequence is fixed by its definition, not by a runtime version, and is short enough to reproduce
/// elsewhere (the PyTorch side of the training-quality fixture reproduces the window shuffle with it).
/// </summary>
internal sealed class SplitMix64
{
    private const double Unit = 1.0 / (1UL << 53);
    private ulong _state;
    private double _spareNormal = double.NaN;

    public SplitMix64(ulong seed) => _state = seed;

    public ulong NextUInt64()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, 1): the top 53 bits scaled by 2^-53.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * Unit;

    /// <summary>Uniform in [low, high).</summary>
    public double NextUniform(double low, double high) => low + (high - low) * NextDouble();

    /// <summary>An integer in [0, bound): floor(NextDouble() * bound). The bias is below 2^-40 for any window count.</summary>
    public int NextInt(int bound) => (int)(NextDouble() * bound);

    /// <summary>A standard normal deviate (Box–Muller, the second value of each pair kept for the next call).</summary>
    public double NextNormal()
    {
        if (!double.IsNaN(_spareNormal))
        {
            double spare = _spareNormal;
            _spareNormal = double.NaN;
            return spare;
        }
        // 1 - u lies in (0, 1], so the logarithm is finite.
        double radius = Math.Sqrt(-2.0 * Math.Log(1.0 - NextDouble()));
        double angle = 2.0 * Math.PI * NextDouble();
        _spareNormal = radius * Math.Sin(angle);
        return radius * Math.Cos(angle);
    }

    /// <summary>Fisher–Yates, from the last position down: position i swaps with NextInt(i + 1).</summary>
    public void Shuffle(int[] items)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
