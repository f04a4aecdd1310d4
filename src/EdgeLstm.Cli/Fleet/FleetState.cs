using System;
using System.Collections.Generic;
using System.Linq;
using EdgeLstm.Iot.Fleet;

namespace EdgeLstm.Cli.Fleet;

/// <summary>What the fleet view knows about one device.</summary>
internal sealed class DeviceState(string id)
{
    private readonly Queue<DateTimeOffset> _recentEvents = new();

    public string Id { get; } = id;

    /// <summary>True online, false offline, null never said.</summary>
    public bool? Online { get; set; }

    public string? LastEventType { get; set; }

    public DateTimeOffset? LastEventTime { get; set; }

    public DateTimeOffset? LastEventReceived { get; set; }

    public DateTimeOffset? HealthTime { get; set; }

    public long? Samples { get; set; }

    public long? Backlog { get; set; }

    public long Events { get; set; }

    public void AddEvent(DateTimeOffset received)
    {
        Events++;
        _recentEvents.Enqueue(received);
    }

    /// <summary>Events received in the hour before <paramref name="now"/>.</summary>
    public int EventsInLastHour(DateTimeOffset now)
    {
        while (_recentEvents.TryPeek(out var oldest) && now - oldest > TimeSpan.FromHours(1))
        {
            _recentEvents.Dequeue();
        }

        return _recentEvents.Count;
    }
}

/// <summary>
/// The fleet as seen from the broker: devices, unique events (at-least-once delivery repeats some; their ids say
/// which), and the messages skipped as malformed or oversized. Thread-safe: MQTT delivers on its own task.
/// </summary>
internal sealed class FleetState
{
    /// <summary>Ids remembered for deduplication; the oldest are forgotten beyond this.</summary>
    public const int RememberedIds = 200_000;

    private readonly object _gate = new();
    private readonly Dictionary<string, DeviceState> _devices = new(StringComparer.Ordinal);
    private readonly HashSet<string> _seenIds = new(StringComparer.Ordinal);
    private readonly Queue<string> _idOrder = new();

    public long UniqueEvents { get; private set; }

    public long Duplicates { get; private set; }

    public long Malformed { get; private set; }

    public long Oversized { get; private set; }

    /// <summary>Takes in one message; returns the event's JSON when it is a new event (for --out), else null.</summary>
    public string? Accept(FleetMessage? message, SkipReason reason, DateTimeOffset received)
    {
        lock (_gate)
        {
            if (message is null)
            {
                if (reason == SkipReason.Oversized)
                {
                    Oversized++;
                }
                else
                {
                    Malformed++;
                }

                return null;
            }

            DeviceState device = Device(message.DeviceId);
            switch (message.Kind)
            {
                case FleetTopicKind.Status:
                    device.Online = message.Online;
                    return null;
                case FleetTopicKind.Health:
                    device.HealthTime = message.Time ?? received;
                    device.Samples = message.Samples;
                    device.Backlog = message.Backlog;
                    return null;
                default:
                    if (!Remember(message.EventId!))
                    {
                        Duplicates++;
                        return null;
                    }

                    UniqueEvents++;
                    device.AddEvent(received);
                    device.LastEventType = message.EventType;
                    device.LastEventTime = message.Time;
                    device.LastEventReceived = received;
                    return message.Json;
            }
        }
    }

    /// <summary>A consistent copy for drawing: the devices by id, and the counters.</summary>
    public T Read<T>(Func<IReadOnlyList<DeviceState>, T> read)
    {
        lock (_gate)
        {
            return read(_devices.Values.OrderBy(d => d.Id, StringComparer.Ordinal).ToList());
        }
    }

    private DeviceState Device(string id)
    {
        if (!_devices.TryGetValue(id, out var device))
        {
            device = new DeviceState(id);
            _devices.Add(id, device);
        }

        return device;
    }

    private bool Remember(string id)
    {
        if (!_seenIds.Add(id))
        {
            return false;
        }

        _idOrder.Enqueue(id);
        if (_idOrder.Count > RememberedIds)
        {
            _seenIds.Remove(_idOrder.Dequeue());
        }

        return true;
    }
}
