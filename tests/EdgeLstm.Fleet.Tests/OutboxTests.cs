using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using EdgeLstm.Fleet.Tests.Support;
using EdgeLstm.Iot.Events;
using EdgeLstm.Iot.Fleet;
using Xunit;

namespace EdgeLstm.Fleet.Tests;

/// <summary>The event log read as an outbox, without a broker: ids, the cursor, torn lines, a replaced log.</summary>
public sealed class OutboxTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _directory = new();

    private string Log => _directory.File("events.jsonl");

    public void Dispose() => _directory.Dispose();

    private void WriteEvents(int count, int firstIndex = 0)
    {
        using var log = new JsonLinesEventLog(Log);
        for (int i = 0; i < count; i++)
        {
            log.Write(MonitorEvent.Started(firstIndex + i, T0, 0.5));
        }
    }

    private static List<(long Sequence, string Json)> ReadAll(EventOutbox outbox, bool acknowledge)
    {
        var entries = new List<(long, string)>();
        while (outbox.TryReadNext(out var entry))
        {
            entries.Add((entry.Sequence, Encoding.UTF8.GetString(entry.Payload.Span)));
            if (acknowledge)
            {
                outbox.Acknowledge(entry, persist: false);
            }
        }

        return entries;
    }

    [Fact]
    public void PayloadIsTheLoggedObjectWithIdAndDevice()
    {
        WriteEvents(2);
        using var outbox = new EventOutbox(Log, "press-1");
        var entries = ReadAll(outbox, acknowledge: true);
        Assert.Equal(2, entries.Count);
        Assert.Equal("{\"id\":\"press-1:2\",\"device\":\"press-1\",\"type\":\"anomaly_start\",\"index\":1,\"time\":\"2024-05-01T12:00:00.000Z\",\"score\":0.5}", entries[1].Json);
        Assert.All(entries, e => JsonDocument.Parse(e.Json).Dispose());
    }

    [Fact]
    public void TheCursorResumesAfterWhatWasAcknowledgedAndIdsStayStable()
    {
        WriteEvents(5);
        using (var outbox = new EventOutbox(Log, "d"))
        {
            Assert.Equal(5, outbox.Backlog);
            for (int i = 0; i < 3; i++)
            {
                Assert.True(outbox.TryReadNext(out var entry));
                outbox.Acknowledge(entry, persist: i == 2);
            }

            Assert.True(outbox.TryReadNext(out _)); // read, never acknowledged: must come again
        }

        // Three lines acknowledged: the cursor sits before the last two, independently measured.
        long offset = new FileInfo(Log).Length - Tail(2);
        Assert.Equal($"{offset} 3 1 {Fingerprint(File.ReadAllBytes(Log)[..(int)offset])}\n", File.ReadAllText(OutboxCursor.PathFor(Log)));
        WriteEvents(1, firstIndex: 5);
        using var reopened = new EventOutbox(Log, "d");
        Assert.Equal(3, reopened.Backlog);
        Assert.Equal([4L, 5L, 6L], ReadAll(reopened, acknowledge: true).ConvertAll(e => e.Sequence));
    }

    [Fact]
    public void RewindReadsAgainWhatWasReadButNotAcknowledged()
    {
        WriteEvents(3);
        using var outbox = new EventOutbox(Log, "d");
        Assert.True(outbox.TryReadNext(out var first));
        outbox.Acknowledge(first, persist: false);
        Assert.True(outbox.TryReadNext(out var second)); // its publish fails: the connection dropped
        Assert.Equal(2, second.Sequence);
        outbox.Rewind();
        Assert.Equal([2L, 3L], ReadAll(outbox, acknowledge: true).ConvertAll(e => e.Sequence));
    }

    [Fact]
    public void ATornLastLineIsNeverSent()
    {
        WriteEvents(2);
        File.AppendAllText(Log, "{\"type\":\"anomaly_st"); // the write a power cut interrupted
        using var outbox = new EventOutbox(Log, "d");
        Assert.Equal(2, outbox.Backlog);
        Assert.Equal(2, ReadAll(outbox, acknowledge: true).Count);
    }

    [Fact]
    public void ACursorThatDoesNotFitTheLogStartsOverAndSaysSo()
    {
        WriteEvents(3);
        File.WriteAllText(OutboxCursor.PathFor(Log), "7 1\n"); // not at a line boundary
        using (var outbox = new EventOutbox(Log, "d"))
        {
            Assert.Contains("does not fit", outbox.CursorWarning);
            Assert.Equal(3, ReadAll(outbox, acknowledge: true).Count);
        }

        File.WriteAllText(OutboxCursor.PathFor(Log), "garbage");
        using var again = new EventOutbox(Log, "d");
        Assert.Contains("not a cursor", again.CursorWarning);
    }

    [Fact]
    public void ALogReplacedBehindTheCursorsBackIsSentWholeUnderNewIds()
    {
        WriteEvents(3);
        using (var first = new EventOutbox(Log, "d"))
        {
            Assert.Equal(3, ReadAll(first, acknowledge: true).Count);
        }

        // The log is deleted (or rotated away) but d's .sent stays. The new log's lines have the same lengths (indices
        // 5-8 instead of 0-2), so its third line ends exactly where the cursor points: only the content tells them apart.
        long acknowledged = new FileInfo(Log).Length;
        File.Delete(Log);
        WriteEvents(4, firstIndex: 5);
        Assert.Equal((byte)'\n', File.ReadAllBytes(Log)[acknowledged - 1]);

        using (var second = new EventOutbox(Log, "d"))
        {
            Assert.Contains("log 2", second.CursorWarning);
            var entries = ReadAll(second, acknowledge: true);
            Assert.Equal(["d:2:1", "d:2:2", "d:2:3", "d:2:4"], entries.ConvertAll(e => JsonDocument.Parse(e.Json).RootElement.GetProperty("id").GetString()));
            Assert.Equal(5, JsonDocument.Parse(entries[0].Json).RootElement.GetProperty("index").GetInt32());
        }

        // The cursor now belongs to log 2: a restart neither warns nor renumbers.
        WriteEvents(1, firstIndex: 9);
        using var restarted = new EventOutbox(Log, "d");
        Assert.Null(restarted.CursorWarning);
        Assert.True(restarted.TryReadNext(out var next));
        Assert.Equal("d:2:5", JsonDocument.Parse(next.Payload).RootElement.GetProperty("id").GetString());
    }

    [Fact]
    public void ACursorFromTheFirstReleaseIsStillRead()
    {
        WriteEvents(3);
        File.WriteAllText(OutboxCursor.PathFor(Log), $"{new FileInfo(Log).Length - Tail(1)} 2\n"); // "OFFSET LINES", no log or fingerprint
        using var outbox = new EventOutbox(Log, "d");
        Assert.Null(outbox.CursorWarning);
        Assert.Equal(1, outbox.Log);
        var entries = ReadAll(outbox, acknowledge: true);
        Assert.Equal([3L], entries.ConvertAll(e => e.Sequence));
        Assert.StartsWith("{\"id\":\"d:3\",", entries[0].Json);
    }

    [Fact]
    public void LinesThatAreNotObjectsAreSkippedAndDoNotBlockTheRest()
    {
        WriteEvents(1);
        File.AppendAllText(Log, "hand-edited note\n");
        WriteEvents(1, firstIndex: 1);
        using var outbox = new EventOutbox(Log, "d");
        var entries = ReadAll(outbox, acknowledge: true);
        Assert.Equal([1L, 3L], entries.ConvertAll(e => e.Sequence));
        Assert.Equal(1, outbox.SkippedLines);
        Assert.Equal(0, outbox.Backlog);
    }

    // The cursor's fingerprint as its documentation defines it: XxHash64 of the log's first (at most 4096) bytes, in hex.
    private static string Fingerprint(byte[] bytes)
        => System.IO.Hashing.XxHash64.HashToUInt64(bytes.AsSpan(0, Math.Min(bytes.Length, 4096))).ToString("x16", System.Globalization.CultureInfo.InvariantCulture);

    // Bytes of the last n lines of the log.
    private long Tail(int lines)
    {
        var all = File.ReadAllLines(Log);
        long bytes = 0;
        for (int i = all.Length - lines; i < all.Length; i++)
        {
            bytes += Encoding.UTF8.GetByteCount(all[i]) + 1;
        }

        return bytes;
    }
}
