using System;
using System.Collections.Generic;

namespace EdgeLstm.Iot.Sources;

/// <summary>
/// Feeds some channels of a multi-channel sensor, in a chosen order, to a model that reads fewer (an MPU-6050 delivers
/// seven values at once; a vibration model may read one). Faults and reconnection pass through, so the fault layer
/// can still recover the device.
/// </summary>
public sealed class SelectedChannelsSource : ISensorSource, IReconnectableSource
{
    private readonly ISensorSource _inner;
    private readonly int[] _channels;
    private readonly float[] _all;

    /// <summary>Selects <paramref name="channels"/> (indices into <paramref name="inner"/>'s sample) from <paramref name="inner"/>, which is disposed with this source.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A channel index is outside the inner source's sample.</exception>
    public SelectedChannelsSource(ISensorSource inner, IReadOnlyList<int> channels)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(channels);
        if (channels.Count == 0)
        {
            throw new ArgumentException("Select at least one channel.", nameof(channels));
        }

        foreach (int channel in channels)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(channel, nameof(channels));
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(channel, inner.ChannelCount, nameof(channels));
        }

        _inner = inner;
        _channels = [.. channels];
        _all = new float[inner.ChannelCount];
    }

    /// <summary>The source the channels are taken from.</summary>
    public ISensorSource Inner => _inner;

    /// <inheritdoc/>
    public int ChannelCount => _channels.Length;

    /// <inheritdoc/>
    public SampleResult Read(Span<float> values)
    {
        SourceGuard.RequireLength(values, ChannelCount);
        var result = _inner.Read(_all);
        if (result.IsOk)
        {
            for (int i = 0; i < _channels.Length; i++)
            {
                values[i] = _all[_channels[i]];
            }
        }

        return result;
    }

    /// <inheritdoc/>
    public void Reconnect()
    {
        if (_inner is IReconnectableSource reconnectable)
        {
            reconnectable.Reconnect();
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _inner.Dispose();
}
