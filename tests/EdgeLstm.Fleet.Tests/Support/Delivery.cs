using System;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace EdgeLstm.Fleet.Tests.Support;

/// <summary>The delivery guarantee, checked against the device's own log file.</summary>
public static class Delivery
{
    /// <summary>
    /// Every line of the log arrived under its id <c>&lt;device&gt;:&lt;line&gt;</c> with the logged content; nothing
    /// arrived that is not in the log; a repeated id carries the same event. Returns how many duplicates arrived.
    /// </summary>
    public static int AssertEveryLoggedEventArrived(EventCollector collector, string logPath, string deviceId, object? context = null)
    {
        var lines = EventLogFile.Lines(logPath);
        Assert.NotEmpty(lines);
        var received = collector.Events.Where(e => e.Topic == $"edgelstm/{deviceId}/events").ToList();
        var expectedIds = EventLogFile.ExpectedIds(logPath, deviceId).ToList();
        var missing = expectedIds.Except(received.Select(r => r.Id)).ToList();
        Assert.True(missing.Count == 0, $"{deviceId}: {missing.Count} of {lines.Count} logged events never arrived: {string.Join(", ", missing)}\n{context}");
        var unknown = received.Select(r => r.Id).Except(expectedIds).ToList();
        Assert.True(unknown.Count == 0, $"{deviceId}: events arrived that are not in the log: {string.Join(", ", unknown)}");

        foreach (var (_, id, payload) in received)
        {
            int line = int.Parse(id[(deviceId.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(deviceId, payload.GetProperty("device").GetString());
            using var logged = JsonDocument.Parse(lines[line - 1]);
            var body = EventLogFile.WithoutEnvelope(payload);
            var expected = logged.RootElement.EnumerateObject().ToList();
            Assert.True(expected.Count == body.Count && expected.All(p => body.TryGetValue(p.Name, out var v) && JsonElement.DeepEquals(v, p.Value)),
                $"{id} arrived as {payload.GetRawText()} but line {line} of the log is {lines[line - 1]}");
        }

        return received.Count - expectedIds.Count;
    }
}
