using System;
using EdgeLstm.Iot.Sources;

namespace MachineMonitor.Device;

/// <summary>
/// Feeds one channel of a multi-channel sensor to the single-input model (the MPU-6050 delivers seven at once).
/// Reconnection passes through, so <see cref="EdgeLstm.Iot.Faults.FaultTolerantSource"/> can still recover the device.
/// </summary>
internal sealed class SingleChannelSource : ISensorSource, IReconnectableSource
{
    private readonly ISensorSource _inner;
    private readonly int _channel;
    private readonly float[] _all;

    public SingleChannelSource(ISensorSource inner, int channel)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentOutOfRangeException.ThrowIfNegative(channel);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(channel, inner.ChannelCount);
        _inner = inner;
        _channel = channel;
        _all = new float[inner.ChannelCount];
    }

    public int ChannelCount => 1;

    public SampleResult Read(Span<float> values)
    {
        var result = _inner.Read(_all);
        if (result.IsOk)
        {
            values[0] = _all[_channel];
        }

        return result;
    }

    public void Reconnect()
    {
        if (_inner is IReconnectableSource reconnectable)
        {
            reconnectable.Reconnect();
        }
    }

    public void Dispose() => _inner.Dispose();
}
