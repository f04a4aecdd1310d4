using System;

namespace EdgeLstm.Iot.Alarms;

/// <summary>Something that signals "anomaly now": a GPIO pin driving an LED, buzzer or relay.</summary>
public interface IAlarmOutput : IDisposable
{
    /// <summary>Whether the alarm is raised.</summary>
    bool IsActive { get; }

    /// <summary>Raises or clears the alarm.</summary>
    void Set(bool active);
}
