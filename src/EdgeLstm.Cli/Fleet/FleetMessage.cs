using System;
using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using EdgeLstm.Iot.Fleet;

namespace EdgeLstm.Cli.Fleet;

/// <summary>Why a received message was skipped.</summary>
internal enum SkipReason
{
    /// <summary>Not skipped.</summary>
    None,

    /// <summary>A topic that is not a fleet topic, or a payload that is not what the topic carries.</summary>
    Malformed,

    /// <summary>A payload above <see cref="FleetMessage.MaxPayloadBytes"/>, dropped unread.</summary>
    Oversized,
}

/// <summary>One message from a device, checked: an event with its id and type, a health report, or a status.</summary>
internal sealed record FleetMessage(FleetTopicKind Kind, string DeviceId)
{
    /// <summary>Devices publish events of well under a kilobyte; anything this large is not ours.</summary>
    public const int MaxPayloadBytes = 64 * 1024;

    /// <summary>The event's <c>id</c> (events).</summary>
    public string? EventId { get; init; }

    /// <summary>The event's <c>type</c> (events).</summary>
    public string? EventType { get; init; }

    /// <summary>The event's or report's <c>time</c>, when it has a valid one.</summary>
    public DateTimeOffset? Time { get; init; }

    /// <summary>The whole payload as received (events, for --out).</summary>
    public string? Json { get; init; }

    /// <summary>Whether the device says it is online (status).</summary>
    public bool Online { get; init; }

    /// <summary>Samples in the health report.</summary>
    public long? Samples { get; init; }

    /// <summary>Events waiting in the device's outbox (health).</summary>
    public long? Backlog { get; init; }

    /// <summary>Parses a message; null with <paramref name="reason"/> when it is not a valid fleet message.</summary>
    public static FleetMessage? Parse(string topic, ReadOnlySequence<byte> payload, out SkipReason reason)
    {
        reason = SkipReason.Malformed;
        FleetTopicKind kind = FleetTopics.Parse(topic, out string deviceId);
        if (kind == FleetTopicKind.None)
        {
            return null;
        }

        if (payload.Length > MaxPayloadBytes)
        {
            reason = SkipReason.Oversized;
            return null;
        }

        FleetMessage? message;
        try
        {
            message = kind switch
            {
                FleetTopicKind.Status => ParseStatus(deviceId, payload),
                FleetTopicKind.Health => ParseHealth(deviceId, payload),
                _ => ParseEvent(deviceId, payload),
            };
        }
        catch (JsonException)
        {
            message = null;
        }
        catch (DecoderFallbackException)
        {
            message = null;
        }

        reason = message is null ? SkipReason.Malformed : SkipReason.None;
        return message;
    }

    private static FleetMessage? ParseStatus(string deviceId, ReadOnlySequence<byte> payload)
    {
        string text = Strict.GetString(payload.ToArray()).Trim();
        return text switch
        {
            FleetPublisher.Online => new FleetMessage(FleetTopicKind.Status, deviceId) { Online = true },
            FleetPublisher.Offline => new FleetMessage(FleetTopicKind.Status, deviceId) { Online = false },
            _ => null,
        };
    }

    private static FleetMessage? ParseEvent(string deviceId, ReadOnlySequence<byte> payload)
    {
        var reader = new Utf8JsonReader(payload);
        using var document = JsonDocument.ParseValue(ref reader);
        JsonElement root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(id.GetString())
            || !root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        return new FleetMessage(FleetTopicKind.Events, deviceId)
        {
            EventId = id.GetString(),
            EventType = type.GetString(),
            Time = ReadTime(root),
            Json = root.GetRawText(),
        };
    }

    private static FleetMessage? ParseHealth(string deviceId, ReadOnlySequence<byte> payload)
    {
        var reader = new Utf8JsonReader(payload);
        using var document = JsonDocument.ParseValue(ref reader);
        JsonElement root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        return new FleetMessage(FleetTopicKind.Health, deviceId)
        {
            Time = ReadTime(root),
            Samples = ReadLong(root, "samples"),
            Backlog = ReadLong(root, "backlog"),
        };
    }

    private static DateTimeOffset? ReadTime(JsonElement root)
        => root.TryGetProperty("time", out var time) && time.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParse(time.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed
            : null;

    private static long? ReadLong(JsonElement root, string name)
        => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out long number) ? number : null;

    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
}
