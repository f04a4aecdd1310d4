using System;
using System.Collections.Generic;
using System.Linq;

namespace EdgeLstm.Iot.Sources;

/// <summary>
/// A deterministic synthetic sensor for demos and tests: each channel follows a <see cref="SimulatedSignal"/>, with
/// <see cref="SimulatedAnomaly"/> faults injected at chosen sample indices. Timestamps advance by
/// <see cref="SamplePeriod"/> from <see cref="StartTime"/> (simulated time, not the wall clock).
/// </summary>
public sealed class SimulatedSensorSource : ISensorSource
{
    private readonly SimulatedSignal[] _signals;
    private readonly SineComponent[][] _components; // arrays, so the per-sample loop does not box an enumerator
    private readonly SimulatedAnomaly[] _anomalies;
    private readonly float[] _lastClean;
    private SplitMix64 _random;
    private long _index;

    /// <summary>Creates the source.</summary>
    /// <param name="signals">One signal per channel.</param>
    /// <param name="seed">Noise seed.</param>
    /// <param name="anomalies">Injected faults.</param>
    /// <param name="samplePeriod">Simulated time between samples; defaults to one second.</param>
    /// <param name="length">Samples before end of stream; null for endless.</param>
    /// <param name="startTime">The first sample's timestamp; defaults to 2024-01-01 UTC.</param>
    public SimulatedSensorSource(
        IReadOnlyList<SimulatedSignal> signals,
        ulong seed,
        IReadOnlyList<SimulatedAnomaly>? anomalies = null,
        TimeSpan? samplePeriod = null,
        long? length = null,
        DateTimeOffset? startTime = null)
    {
        ArgumentNullException.ThrowIfNull(signals);
        if (signals.Count == 0)
        {
            throw new ArgumentException("At least one channel is needed.", nameof(signals));
        }

        _signals = [.. signals];
        _components = Array.ConvertAll(_signals, s => s.Components is null ? [] : s.Components.ToArray());
        _anomalies = anomalies is null ? [] : [.. anomalies];
        _lastClean = new float[_signals.Length];
        _random = new SplitMix64(seed);
        SamplePeriod = samplePeriod ?? TimeSpan.FromSeconds(1);
        Length = length;
        StartTime = startTime ?? new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    }

    /// <inheritdoc/>
    public int ChannelCount => _signals.Length;

    /// <summary>Simulated time between samples.</summary>
    public TimeSpan SamplePeriod { get; }

    /// <summary>Samples before end of stream; null for endless.</summary>
    public long? Length { get; }

    /// <summary>The first sample's timestamp.</summary>
    public DateTimeOffset StartTime { get; }

    /// <summary>The index of the next sample.</summary>
    public long NextIndex => _index;

    /// <inheritdoc/>
    public SampleResult Read(Span<float> values)
    {
        SourceGuard.RequireLength(values, ChannelCount);
        var timestamp = StartTime + SamplePeriod * _index;
        if (Length is { } length && _index >= length)
        {
            return SampleResult.EndOfStream(timestamp);
        }

        for (int c = 0; c < _signals.Length; c++)
        {
            var signal = _signals[c];
            double value = signal.Offset;
            foreach (var sine in _components[c])
            {
                value += sine.Amplitude * Math.Sin(2.0 * Math.PI * _index / sine.PeriodSamples + sine.Phase);
            }

            // Noise is drawn for every sample, even inside an anomaly, so the clean series does not depend on
            // which anomalies are injected.
            value += signal.NoiseStd * _random.NextNormal();
            values[c] = ApplyAnomalies(c, (float)value);
        }

        _index++;
        return SampleResult.Ok(timestamp);
    }

    private float ApplyAnomalies(int channel, float clean)
    {
        float value = clean;
        bool stuck = false;
        foreach (var anomaly in _anomalies)
        {
            if (!anomaly.Covers(_index, channel))
            {
                continue;
            }

            switch (anomaly.Kind)
            {
                case SimulatedAnomalyKind.Spike:
                    value += anomaly.Magnitude;
                    break;
                case SimulatedAnomalyKind.Drift:
                    value += anomaly.Magnitude * (_index - anomaly.Start + 1);
                    break;
                case SimulatedAnomalyKind.StuckValue:
                    stuck = true;
                    break;
                case SimulatedAnomalyKind.Dropout:
                    return float.NaN;
            }
        }

        if (stuck)
        {
            return _lastClean[channel];
        }

        _lastClean[channel] = value;
        return value;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
    }
}
