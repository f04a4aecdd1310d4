using System;
using System.Collections.Generic;

namespace EdgeLstm.Iot.Sources;

/// <summary>One sine component of a simulated channel.</summary>
/// <param name="Amplitude">Peak deviation.</param>
/// <param name="PeriodSamples">Samples per cycle.</param>
/// <param name="Phase">Phase in radians.</param>
public readonly record struct SineComponent(double Amplitude, double PeriodSamples, double Phase = 0);

/// <summary>
/// The shape of a simulated channel: an offset plus a sum of sines plus Gaussian noise. Equal settings and seed give
/// equal samples on every platform (the random generator is our own SplitMix64, not <see cref="Random"/>).
/// </summary>
public sealed record SimulatedSignal
{
    /// <summary>Constant offset.</summary>
    public double Offset { get; init; }

    /// <summary>Sine components.</summary>
    public IReadOnlyList<SineComponent> Components { get; init; } = [];

    /// <summary>Standard deviation of the additive Gaussian noise.</summary>
    public double NoiseStd { get; init; }
}
