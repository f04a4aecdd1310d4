using System;
using EdgeLstm.Iot.Events;

namespace EdgeLstm.Iot.Alarms;

/// <summary>Raises the alarm when an anomaly starts and clears it when the anomaly ends; ignores other events.</summary>
public sealed class AlarmEventSink : IEventSink
{
    private readonly IAlarmOutput _alarm;

    /// <summary>Drives <paramref name="alarm"/> (disposed with this sink).</summary>
    public AlarmEventSink(IAlarmOutput alarm)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        _alarm = alarm;
    }

    /// <inheritdoc/>
    public void Write(in MonitorEvent monitorEvent)
    {
        switch (monitorEvent.Kind)
        {
            case MonitorEventKind.AnomalyStarted:
                _alarm.Set(true);
                break;
            case MonitorEventKind.AnomalyEnded:
                _alarm.Set(false);
                break;
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _alarm.Dispose();
}
