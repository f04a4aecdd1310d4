using System;

namespace EdgeLstm.Iot.Events;

/// <summary>Receives monitor events: a log file, stdout, an alarm output.</summary>
public interface IEventSink : IDisposable
{
    /// <summary>Records one event. Returns once the event is as durable as the sink promises.</summary>
    void Write(in MonitorEvent monitorEvent);
}
