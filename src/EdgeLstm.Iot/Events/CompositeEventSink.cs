using System;
using System.Collections.Generic;

namespace EdgeLstm.Iot.Events;

/// <summary>Sends each event to several sinks in order (log first, so the record exists before the alarm moves).</summary>
public sealed class CompositeEventSink : IEventSink
{
    private readonly IEventSink[] _sinks;

    /// <summary>Combines <paramref name="sinks"/> (disposed with this object).</summary>
    public CompositeEventSink(params IEnumerable<IEventSink> sinks)
    {
        ArgumentNullException.ThrowIfNull(sinks);
        _sinks = [.. sinks];
    }

    /// <inheritdoc/>
    public void Write(in MonitorEvent monitorEvent)
    {
        foreach (var sink in _sinks)
        {
            sink.Write(monitorEvent);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var sink in _sinks)
        {
            sink.Dispose();
        }
    }
}
