namespace EdgeLstm.Iot.Sources;

/// <summary>The kinds of fault a simulated signal can carry.</summary>
public enum SimulatedAnomalyKind
{
    /// <summary>One sample offset by <see cref="SimulatedAnomaly.Magnitude"/> (an impact, an electrical glitch).</summary>
    Spike,

    /// <summary>An offset growing by <see cref="SimulatedAnomaly.Magnitude"/> per sample over the span (a wearing bearing, a sensor losing calibration).</summary>
    Drift,

    /// <summary>The value freezes at the last value before the span (a hung ADC, a frozen driver).</summary>
    StuckValue,

    /// <summary>The sensor reports NaN over the span (a loose connector).</summary>
    Dropout,
}

/// <summary>An anomaly injected into a <see cref="SimulatedSensorSource"/> over samples [Start, Start + Length).</summary>
/// <param name="Kind">What happens.</param>
/// <param name="Start">The first affected sample index.</param>
/// <param name="Length">Samples affected (a spike uses 1 regardless).</param>
/// <param name="Magnitude">Spike height or drift per sample, in signal units; unused by the other kinds.</param>
/// <param name="Channel">The affected channel, or -1 for all.</param>
public readonly record struct SimulatedAnomaly(SimulatedAnomalyKind Kind, long Start, long Length = 1, float Magnitude = 0, int Channel = -1)
{
    /// <summary>Whether sample <paramref name="index"/> of <paramref name="channel"/> is affected.</summary>
    public bool Covers(long index, int channel)
        => (Channel < 0 || Channel == channel)
           && index >= Start
           && index < Start + (Kind == SimulatedAnomalyKind.Spike ? 1 : Length);
}
