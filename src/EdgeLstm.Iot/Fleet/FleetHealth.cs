using System;
using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace EdgeLstm.Iot.Fleet;

/// <summary>
/// A device's health report, published retained to <c>edgelstm/&lt;device-id&gt;/health</c> every few seconds:
/// <c>{"time":…,"uptime_s":…,"samples":…,"faults":…,"events":…,"threshold":…,"self_test_error":…,"backlog":…}</c>
/// (<c>threshold</c> is null until calibration finishes).
/// </summary>
/// <param name="Samples">Samples processed by this run.</param>
/// <param name="Faults">Source faults in this run.</param>
/// <param name="Events">Events in the log (all runs).</param>
/// <param name="Threshold">The detector's threshold, or NaN before calibration.</param>
/// <param name="SelfTestError">The model self-test's largest error at start.</param>
/// <param name="Uptime">Time since the monitor started.</param>
/// <param name="Backlog">Logged events the broker has not acknowledged yet.</param>
public readonly record struct FleetHealth(long Samples, long Faults, long Events, double Threshold, double SelfTestError, TimeSpan Uptime, long Backlog)
{
    /// <summary>The JSON payload, stamped with <paramref name="now"/>.</summary>
    public byte[] ToJson(DateTimeOffset now)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("time", now.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
            w.WriteNumber("uptime_s", Math.Round(Uptime.TotalSeconds, 3));
            w.WriteNumber("samples", Samples);
            w.WriteNumber("faults", Faults);
            w.WriteNumber("events", Events);
            WriteNumber(w, "threshold", Threshold);
            WriteNumber(w, "self_test_error", SelfTestError);
            w.WriteNumber("backlog", Backlog);
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteNumber(Utf8JsonWriter w, string name, double value)
    {
        if (double.IsFinite(value))
        {
            w.WriteNumber(name, value);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
