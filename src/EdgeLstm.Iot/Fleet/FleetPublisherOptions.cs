using System;

namespace EdgeLstm.Iot.Fleet;

/// <summary>How a device reports to the fleet.</summary>
public sealed record FleetPublisherOptions
{
    /// <summary>The broker.</summary>
    public required MqttConnectionSettings Connection { get; init; }

    /// <summary>The device id: the topic level and the MQTT client id (see <see cref="FleetTopics"/>).</summary>
    public required string DeviceId { get; init; }

    /// <summary>How often the retained health report is refreshed.</summary>
    public TimeSpan HealthInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The first reconnect delay; it doubles after each failure up to <see cref="ReconnectMaximum"/>.</summary>
    public TimeSpan ReconnectInitial { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest reconnect delay.</summary>
    public TimeSpan ReconnectMaximum { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Acknowledged events between two writes of the cursor file (and always when the outbox is empty).</summary>
    public int CursorSaveInterval { get; init; } = 32;
}
