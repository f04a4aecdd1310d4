using System;
using System.Buffers;
using System.Globalization;
using System.Text.Json;
using EdgeLstm.Iot.Detection;

namespace EdgeLstm.Iot.Events;

/// <summary>
/// Writes a <see cref="MonitorEvent"/> as one JSON object on one line (JSON Lines), through a reused
/// <see cref="Utf8JsonWriter"/>: no reflection (AOT-safe) and no per-event buffers after the first events.
/// </summary>
/// <remarks>
/// Fields: <c>type</c> (anomaly_start, anomaly_end, fault, recovered, calibrated), <c>index</c>, <c>time</c>
/// (ISO 8601 UTC); anomaly_start adds <c>score</c>; anomaly_end adds <c>start_index</c>, <c>start_time</c>,
/// <c>end_index</c>, <c>end_time</c>, <c>peak_index</c>, <c>peak_time</c>, <c>peak_score</c>; fault adds
/// <c>fault</c>, <c>detail</c>, <c>consecutive</c>, <c>retry_ms</c>; recovered adds <c>faults</c>; calibrated adds
/// <c>threshold</c>.
/// </remarks>
public sealed class EventJsonFormatter
{
    private readonly ArrayBufferWriter<byte> _buffer = new(512);
    private readonly Utf8JsonWriter _writer;

    /// <summary>Creates a formatter.</summary>
    public EventJsonFormatter()
    {
        _writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Indented = false, SkipValidation = false });
    }

    /// <summary>Formats <paramref name="monitorEvent"/> followed by a newline; valid until the next call.</summary>
    public ReadOnlySpan<byte> Format(in MonitorEvent monitorEvent)
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        var w = _writer;
        w.WriteStartObject();
        w.WriteString("type", TypeName(monitorEvent.Kind));
        w.WriteNumber("index", monitorEvent.Index);
        WriteTime(w, "time", monitorEvent.Time);
        switch (monitorEvent.Kind)
        {
            case MonitorEventKind.AnomalyStarted:
                WriteNumber(w, "score", monitorEvent.Score);
                break;
            case MonitorEventKind.AnomalyEnded:
                AnomalyEvent a = monitorEvent.Anomaly;
                w.WriteNumber("start_index", a.StartIndex);
                WriteTime(w, "start_time", a.StartTime);
                w.WriteNumber("end_index", a.EndIndex);
                WriteTime(w, "end_time", a.EndTime);
                w.WriteNumber("peak_index", a.PeakIndex);
                WriteTime(w, "peak_time", a.PeakTime);
                WriteNumber(w, "peak_score", a.PeakScore);
                break;
            case MonitorEventKind.SourceFault:
                w.WriteString("fault", FaultName(monitorEvent.Fault));
                w.WriteString("detail", monitorEvent.Detail ?? string.Empty);
                w.WriteNumber("consecutive", monitorEvent.Count);
                w.WriteNumber("retry_ms", (long)monitorEvent.RetryIn.TotalMilliseconds);
                break;
            case MonitorEventKind.SourceRecovered:
                w.WriteNumber("faults", monitorEvent.Count);
                break;
            case MonitorEventKind.Calibrated:
                WriteNumber(w, "threshold", monitorEvent.Score);
                break;
        }

        w.WriteEndObject();
        w.Flush();
        _buffer.Write("\n"u8);
        return _buffer.WrittenSpan;
    }

    /// <summary>The <c>type</c> field for a kind.</summary>
    public static string TypeName(MonitorEventKind kind) => kind switch
    {
        MonitorEventKind.AnomalyStarted => "anomaly_start",
        MonitorEventKind.AnomalyEnded => "anomaly_end",
        MonitorEventKind.SourceFault => "fault",
        MonitorEventKind.SourceRecovered => "recovered",
        MonitorEventKind.Calibrated => "calibrated",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static string FaultName(Sources.SourceFaultKind kind) => kind switch
    {
        Sources.SourceFaultKind.IoError => "io_error",
        Sources.SourceFaultKind.Disconnected => "disconnected",
        Sources.SourceFaultKind.InvalidValue => "invalid_value",
        Sources.SourceFaultKind.Stalled => "stalled",
        Sources.SourceFaultKind.Malformed => "malformed",
        _ => "none",
    };

    private static void WriteTime(Utf8JsonWriter w, string name, DateTimeOffset time)
    {
        Span<char> text = stackalloc char[40];
        time.UtcDateTime.TryFormat(text, out int written, "yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
        w.WriteString(name, text[..written]);
    }

    private static void WriteNumber(Utf8JsonWriter w, string name, double value)
    {
        // JSON has no NaN or infinity; null says "no value" without breaking parsers.
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
