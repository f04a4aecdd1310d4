using System;
using System.Buffers;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using EdgeLstm.Cli.Fleet;
using EdgeLstm.Fleet.Tests.Support;
using EdgeLstm.Iot.Fleet;
using EdgeLstm.Testing;
using MQTTnet;
using MQTTnet.Protocol;
using Xunit;

namespace EdgeLstm.Fleet.Tests;

/// <summary>The fleet view's checks of what arrives: every kind of bad message is skipped and counted, never trusted.</summary>
public sealed class FleetMessageTests
{
    private static FleetMessage? Parse(string topic, string payload, out SkipReason reason)
        => FleetMessage.Parse(topic, new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(payload)), out reason);

    [Theory]
    [InlineData("edgelstm/a/events", "not json")]
    [InlineData("edgelstm/a/events", "[1,2]")]
    [InlineData("edgelstm/a/events", "{\"type\":\"fault\"}")] // no id: cannot be deduplicated
    [InlineData("edgelstm/a/events", "{\"id\":7,\"type\":\"fault\"}")]
    [InlineData("edgelstm/a/events", "{\"id\":\"a:1\",\"type\":\"fault\"")]
    [InlineData("edgelstm/a/health", "\"ok\"")]
    [InlineData("edgelstm/a/status", "maybe")]
    [InlineData("edgelstm/a b/status", "online")] // not a valid device id
    [InlineData("edgelstm/a/b/status", "online")]
    [InlineData("edgelstm/a/other", "online")]
    [InlineData("other/a/status", "online")]
    public void MalformedMessagesAreRejected(string topic, string payload)
    {
        Assert.Null(Parse(topic, payload, out var reason));
        Assert.Equal(SkipReason.Malformed, reason);
    }

    [Fact]
    public void InvalidUtf8StatusIsMalformedAndLargePayloadsAreOversizedUnread()
    {
        Assert.Null(FleetMessage.Parse("edgelstm/a/status", new ReadOnlySequence<byte>([0x6F, 0xFF, 0xFE]), out var reason));
        Assert.Equal(SkipReason.Malformed, reason);
        Assert.Null(FleetMessage.Parse("edgelstm/a/events", new ReadOnlySequence<byte>(new byte[FleetMessage.MaxPayloadBytes + 1]), out reason));
        Assert.Equal(SkipReason.Oversized, reason);
    }

    [Fact]
    public void ValidMessagesAreRead()
    {
        var e = Parse("edgelstm/press-1/events", "{\"id\":\"press-1:3\",\"device\":\"press-1\",\"type\":\"anomaly_start\",\"index\":5,\"time\":\"2024-01-01T00:00:00.000Z\",\"score\":0.9}", out _)!;
        Assert.Equal(("press-1", "press-1:3", "anomaly_start"), (e.DeviceId, e.EventId, e.EventType));
        Assert.Equal(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), e.Time);
        var h = Parse("edgelstm/press-1/health", "{\"time\":\"2024-01-01T00:00:10.000Z\",\"samples\":40,\"backlog\":3}", out _)!;
        Assert.Equal((40L, 3L), (h.Samples, h.Backlog));
        Assert.True(Parse("edgelstm/press-1/status", "online", out _)!.Online);
        Assert.False(Parse("edgelstm/press-1/status", "offline", out _)!.Online);
    }

    [Fact]
    public void StateCountsEachIdOnceAndEverySkip()
    {
        var state = new FleetState();
        var now = DateTimeOffset.UtcNow;
        string json = "{\"id\":\"d:1\",\"type\":\"fault\"}";
        Assert.Equal(json, state.Accept(Parse("edgelstm/d/events", json, out var r), r, now));
        Assert.Null(state.Accept(Parse("edgelstm/d/events", json, out r), r, now));
        state.Accept(Parse("edgelstm/d/events", "garbage", out r), r, now);
        state.Accept(null, SkipReason.Oversized, now);
        Assert.Equal((1L, 1L, 1L, 1L), (state.UniqueEvents, state.Duplicates, state.Malformed, state.Oversized));
        Assert.Equal(1, state.Read(devices => devices.Single().EventsInLastHour(now)));
        Assert.Equal(0, state.Read(devices => devices.Single().EventsInLastHour(now.AddHours(2))));
    }
}

/// <summary>The fleet view against a real broker: --out gets each event once, whatever the duplicates and garbage.</summary>
[Trait("Category", "Broker")]
public sealed class FleetOutputTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task OutFileGetsEveryEventOnceAndSkipsGarbage()
    {
        using var broker = new MosquittoBroker(_directory.Path).Start();
        var settings = MqttConnectionSettings.Parse(broker.Uri());
        string outFile = _directory.File("fleet.jsonl");
        await using (var subscriber = new FleetSubscriber(settings, outFile))
        {
            Assert.Null(await subscriber.ConnectAsync(CancellationToken.None));
            using var publisher = new MqttClientFactory().CreateMqttClient();
            await publisher.ConnectAsync(new MqttClientOptionsFactory(settings).Create("test-publisher"));
            string[] payloads =
            [
                "{\"id\":\"p:1\",\"device\":\"p\",\"type\":\"calibrated\"}",
                "{\"id\":\"p:1\",\"device\":\"p\",\"type\":\"calibrated\"}", // re-sent after a lost acknowledgement
                "{\"id\":\"p:2\",\"device\":\"p\",\"type\":\"anomaly_start\"}",
                "\u0000garbage",
            ];
            foreach (string payload in payloads)
            {
                await publisher.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("edgelstm/p/events").WithPayload(payload)
                    .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
            }

            Poll.Until(() => subscriber.State.Malformed == 1, "the garbage message to be counted");
            Assert.Equal((2L, 1L), (subscriber.State.UniqueEvents, subscriber.State.Duplicates));
        }

        Assert.Equal(["{\"id\":\"p:1\",\"device\":\"p\",\"type\":\"calibrated\"}", "{\"id\":\"p:2\",\"device\":\"p\",\"type\":\"anomaly_start\"}"], File.ReadAllLines(outFile));
    }

    [Fact]
    public async Task APersistentSessionReceivesWhatWasPublishedWhileTheViewWasClosed()
    {
        using var broker = new MosquittoBroker(_directory.Path).Start();
        var settings = MqttConnectionSettings.Parse(broker.Uri());
        string outFile = _directory.File("archive.jsonl");
        await using (var first = new FleetSubscriber(settings, outFile, session: "archive"))
        {
            Assert.Null(await first.ConnectAsync(CancellationToken.None)); // registers the session, then closes
        }

        using (var publisher = new MqttClientFactory().CreateMqttClient())
        {
            await publisher.ConnectAsync(new MqttClientOptionsFactory(settings).Create("test-publisher"));
            foreach (int n in new[] { 1, 2 })
            {
                await publisher.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("edgelstm/p/events")
                    .WithPayload($"{{\"id\":\"p:{n}\",\"type\":\"fault\"}}").WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
            }

            await publisher.DisconnectAsync();
        }

        await using (var second = new FleetSubscriber(settings, outFile, session: "archive"))
        {
            Assert.Null(await second.ConnectAsync(CancellationToken.None));
            Poll.TryUntil(() => second.State.UniqueEvents == 2);
        }

        Assert.Equal(["{\"id\":\"p:1\",\"type\":\"fault\"}", "{\"id\":\"p:2\",\"type\":\"fault\"}"], File.ReadAllLines(outFile));
        Assert.Contains("session name", Assert.Throws<ArgumentException>(() => new FleetSubscriber(settings, null, session: "a/b")).Message);
    }
}
