using System;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Text.Json;
using EdgeLstm.Iot.Detection;
using EdgeLstm.Iot.Events;
using EdgeLstm.Iot.Sources;
using EdgeLstm.Iot.Tests.Support;
using Xunit;

namespace EdgeLstm.Iot.Tests.Events;

public sealed class JsonLinesEventLogTests : IDisposable
{
    private readonly string _directory = TestData.NewTempDirectory();

    private string LogPath => Path.Combine(_directory, "events.jsonl");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static readonly DateTimeOffset T0 = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void WritesOneParsableLinePerEventWithAllFields()
    {
        using (var log = new JsonLinesEventLog(LogPath))
        {
            log.Write(MonitorEvent.Started(10, T0, 4.5));
            log.Write(MonitorEvent.Ended(new AnomalyEvent(10, T0, 14, T0.AddSeconds(4), 12, T0.AddSeconds(2), 9.25)));
            log.Write(MonitorEvent.SourceFailed(15, T0.AddSeconds(5), SourceFaultKind.IoError, "NACK \"0x68\"", 1, TimeSpan.FromMilliseconds(100)));
            log.Write(MonitorEvent.Recovered(15, T0.AddSeconds(6), 3));
            log.Write(MonitorEvent.CalibrationDone(9, T0, double.NaN));
        }

        var lines = File.ReadAllLines(LogPath);
        Assert.Equal(5, lines.Length);
        using var started = JsonDocument.Parse(lines[0]);
        Assert.Equal("anomaly_start", started.RootElement.GetProperty("type").GetString());
        Assert.Equal("2024-05-01T12:00:00.000Z", started.RootElement.GetProperty("time").GetString());
        Assert.Equal(4.5, started.RootElement.GetProperty("score").GetDouble());

        using var ended = JsonDocument.Parse(lines[1]);
        var e = ended.RootElement;
        Assert.Equal("anomaly_end", e.GetProperty("type").GetString());
        Assert.Equal(10, e.GetProperty("start_index").GetInt64());
        Assert.Equal(14, e.GetProperty("end_index").GetInt64());
        Assert.Equal(12, e.GetProperty("peak_index").GetInt64());
        Assert.Equal(9.25, e.GetProperty("peak_score").GetDouble());
        Assert.Equal("2024-05-01T12:00:04.000Z", e.GetProperty("end_time").GetString());

        using var fault = JsonDocument.Parse(lines[2]);
        Assert.Equal("io_error", fault.RootElement.GetProperty("fault").GetString());
        Assert.Equal("NACK \"0x68\"", fault.RootElement.GetProperty("detail").GetString());
        Assert.Equal(100, fault.RootElement.GetProperty("retry_ms").GetInt64());

        using var recovered = JsonDocument.Parse(lines[3]);
        Assert.Equal(3, recovered.RootElement.GetProperty("faults").GetInt64());

        using var calibrated = JsonDocument.Parse(lines[4]);
        Assert.Equal(JsonValueKind.Null, calibrated.RootElement.GetProperty("threshold").ValueKind);
    }

    [Fact]
    public void OpeningTruncatesAPartialLastLineAndAppends()
    {
        File.WriteAllText(LogPath, "{\"type\":\"recovered\",\"index\":1}\n{\"type\":\"anomaly_e");
        using (var log = new JsonLinesEventLog(LogPath))
        {
            Assert.Equal(18, log.TruncatedBytes);
            log.Write(MonitorEvent.Recovered(2, T0, 1));
        }

        var lines = File.ReadAllLines(LogPath);
        Assert.Equal(2, lines.Length);
        Assert.All(lines, l => JsonDocument.Parse(l).Dispose());
    }

    [Fact]
    public void AFileWithoutAnyNewlineIsEntirelyPartial()
    {
        File.WriteAllText(LogPath, "{\"type\":");
        using var log = new JsonLinesEventLog(LogPath);
        Assert.Equal(8, log.TruncatedBytes);
        Assert.Equal(0, new FileInfo(LogPath).Length);
    }

    [Fact]
    public void StdoutSinkWritesTheSameLine()
    {
        var text = new StringWriter();
        using var sink = new TextWriterEventSink(text);
        sink.Write(MonitorEvent.Started(3, T0, 2));
        Assert.Equal("{\"type\":\"anomaly_start\",\"index\":3,\"time\":\"2024-05-01T12:00:00.000Z\",\"score\":2}\n", text.ToString());
    }

    [Fact]
    public void KillNineLosesNoReportedEventAndLeavesNoPartialLine()
    {
        const int KillAfter = 200;
        string testAssembly = typeof(JsonLinesEventLogTests).Assembly.Location;
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(testAssembly);
        start.ArgumentList.Add("event-log-writer");
        start.ArgumentList.Add(LogPath);

        using var child = Process.Start(start)!;
        long reported = 0;
        string? line;
        while ((line = child.StandardOutput.ReadLine()) is not null)
        {
            reported = long.Parse(line, System.Globalization.CultureInfo.InvariantCulture);
            if (reported >= KillAfter)
            {
                child.Kill(); // SIGKILL on Linux: no finally blocks, no flushing, mid-write if it happens to be
                break;
            }
        }

        Assert.True(child.WaitForExit(30_000), "the child did not die");
        Assert.True(reported >= KillAfter, $"the child reported only {reported} events; stderr: {child.StandardError.ReadToEnd()}");

        // Whatever the kill interrupted, the reopen repair plus every complete line must be valid JSON.
        using (new JsonLinesEventLog(LogPath))
        {
        }

        var lines = File.ReadAllLines(LogPath, Encoding.UTF8);
        Assert.True(lines.Length >= reported, $"{lines.Length} lines on disk but {reported} events were reported written");
        for (int i = 0; i < lines.Length; i++)
        {
            using var doc = JsonDocument.Parse(lines[i]);
            Assert.Equal(i, doc.RootElement.GetProperty("index").GetInt64() - (i % 2 == 0 ? 1 : 0));
        }
    }
}
