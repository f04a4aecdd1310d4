using System;

namespace EdgeLstm.Iot.Fleet;

/// <summary>What a fleet topic carries.</summary>
public enum FleetTopicKind
{
    /// <summary>Not one of the fleet's topics.</summary>
    None,

    /// <summary><c>edgelstm/&lt;device-id&gt;/events</c>: every logged event with its <c>id</c>, QoS 1, not retained.</summary>
    Events,

    /// <summary><c>edgelstm/&lt;device-id&gt;/health</c>: the latest health report, retained.</summary>
    Health,

    /// <summary><c>edgelstm/&lt;device-id&gt;/status</c>: <c>online</c>, or <c>offline</c> (also the last will), retained.</summary>
    Status,
}

/// <summary>
/// The fleet's topic layout, <c>edgelstm/&lt;device-id&gt;/{events,health,status}</c>, and the rules for a device id:
/// 1 to 64 characters from <c>A-Z a-z 0-9 . _ -</c>. That keeps an id one topic level (no <c>/</c>), never a wildcard
/// (<c>+</c>, <c>#</c>), never a system topic (<c>$</c>) and safe in a file name or a shell.
/// </summary>
public static class FleetTopics
{
    /// <summary>The first topic level of every fleet topic.</summary>
    public const string Root = "edgelstm";

    /// <summary>The longest device id accepted.</summary>
    public const int MaxDeviceIdLength = 64;

    /// <summary>The filters a fleet view subscribes to.</summary>
    public static readonly string[] SubscriptionFilters = [$"{Root}/+/events", $"{Root}/+/health", $"{Root}/+/status"];

    /// <summary>The events topic of <paramref name="deviceId"/>.</summary>
    public static string Events(string deviceId) => Topic(deviceId, "events");

    /// <summary>The health topic of <paramref name="deviceId"/>.</summary>
    public static string Health(string deviceId) => Topic(deviceId, "health");

    /// <summary>The status topic of <paramref name="deviceId"/>.</summary>
    public static string Status(string deviceId) => Topic(deviceId, "status");

    /// <summary>Null when <paramref name="deviceId"/> is a valid id; otherwise what is wrong with it, for an error message.</summary>
    public static string? DeviceIdProblem(string? deviceId)
    {
        if (string.IsNullOrEmpty(deviceId))
        {
            return "the device id is empty";
        }

        if (deviceId.Length > MaxDeviceIdLength)
        {
            return $"the device id has {deviceId.Length} characters; at most {MaxDeviceIdLength} are allowed";
        }

        foreach (char c in deviceId)
        {
            if (!IsIdCharacter(c))
            {
                string shown = char.IsControl(c) || char.IsWhiteSpace(c) ? $"U+{(int)c:X4}" : $"'{c}'";
                return $"the device id '{Printable(deviceId)}' contains {shown}; use only letters, digits, '.', '_' and '-' " +
                    "(an id is one MQTT topic level: no '/', no wildcards '+' or '#')";
            }
        }

        return null;
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the problem when <paramref name="deviceId"/> is not a valid id.</summary>
    public static void ValidateDeviceId(string? deviceId)
    {
        if (DeviceIdProblem(deviceId) is { } problem)
        {
            throw new ArgumentException(problem);
        }
    }

    /// <summary>Splits a received topic into its device id and kind; <see cref="FleetTopicKind.None"/> if it is not a fleet topic with a valid id.</summary>
    public static FleetTopicKind Parse(string? topic, out string deviceId)
    {
        deviceId = string.Empty;
        if (topic is null || !topic.StartsWith(Root + "/", StringComparison.Ordinal))
        {
            return FleetTopicKind.None;
        }

        ReadOnlySpan<char> rest = topic.AsSpan(Root.Length + 1);
        int slash = rest.IndexOf('/');
        if (slash <= 0)
        {
            return FleetTopicKind.None;
        }

        ReadOnlySpan<char> kind = rest[(slash + 1)..];
        FleetTopicKind parsed = kind switch
        {
            "events" => FleetTopicKind.Events,
            "health" => FleetTopicKind.Health,
            "status" => FleetTopicKind.Status,
            _ => FleetTopicKind.None,
        };
        string id = rest[..slash].ToString();
        if (parsed == FleetTopicKind.None || DeviceIdProblem(id) is not null)
        {
            return FleetTopicKind.None;
        }

        deviceId = id;
        return parsed;
    }

    private static string Topic(string deviceId, string leaf)
    {
        ValidateDeviceId(deviceId);
        return $"{Root}/{deviceId}/{leaf}";
    }

    private static bool IsIdCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-';

    // An id echoed in an error must not smuggle terminal control sequences; long ones are cut.
    private static string Printable(string text)
    {
        var chars = text.Length > MaxDeviceIdLength ? text[..MaxDeviceIdLength].ToCharArray() : text.ToCharArray();
        for (int i = 0; i < chars.Length; i++)
        {
            if (char.IsControl(chars[i]))
            {
                chars[i] = '?';
            }
        }

        return new string(chars);
    }
}
