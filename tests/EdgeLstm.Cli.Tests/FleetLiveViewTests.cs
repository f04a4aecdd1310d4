using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EdgeLstm.Cli.Infrastructure;
using EdgeLstm.Cli.Tests.Infrastructure;
using EdgeLstm.Testing;
using MQTTnet;
using MQTTnet.Protocol;
using Xunit;

namespace EdgeLstm.Cli.Tests;

/// <summary>
/// <c>edgelstm fleet</c> without <c>--once</c>: the live table, against a real Mosquitto. It runs in-process with a
/// cancellation token standing in for Ctrl+C, which the test fires once the view has provably received the event
/// (its <c>--out</c> file holds it), so nothing depends on how fast anything is.
/// </summary>
[Trait("Category", "Broker")]
public sealed class FleetLiveViewTests
{
    [Fact]
    public async Task TheLiveTableShowsADeviceItsLastEventAndHealthAndEndsCleanlyWhenCancelled()
    {
        using var temp = new TempDirectory();
        using var broker = new MosquittoBroker(temp.Path).Start();
        using var device = new MqttClientFactory().CreateMqttClient();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2)); // only stops a broken test from hanging
        await device.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Port).WithClientId("press-3").Build(), limit.Token);
        await Publish(device, "edgelstm/press-3/status", "online", retained: true, limit.Token);
        await Publish(device, "edgelstm/press-3/health", $$"""{"time":"{{DateTimeOffset.UtcNow:O}}","uptime_s":12,"samples":4321,"faults":0,"events":1,"threshold":2.5,"self_test_error":0,"backlog":0}""", retained: true, limit.Token);

        string events = temp.File("received.jsonl");
        var output = new StringWriter();
        var error = new StringWriter();
        var console = new CliConsole(new StringReader(string.Empty), output, error, Progress: null);
        using var stop = new CancellationTokenSource();
        var parse = EdgeLstmCommandLine.Build(console).Parse(["fleet", "--mqtt", broker.Uri(), "--out", events]);
        // No process-termination handling: the token is the test's Ctrl+C, and the test host's signals stay its own.
        Task<int> view = parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = null }, stop.Token);

        // A live (not retained) event reaches only a view that has subscribed: send it until the view has written it
        // to --out. Repeats carry the same id, which the view counts once.
        const string Event = """{"id":"press-3:1","device":"press-3","type":"anomaly_start","index":7,"time":"2026-11-29T10:15:00.000Z","score":0.93}""";
        while (!(File.Exists(events) && File.ReadAllText(events).Contains("press-3:1", StringComparison.Ordinal)))
        {
            Assert.False(view.IsCompleted, $"the live view ended on its own: {error}");
            await Publish(device, "edgelstm/press-3/events", Event, retained: false, limit.Token);
            await Task.Delay(200, limit.Token);
        }

        await stop.CancelAsync();
        int exitCode = await view.WaitAsync(limit.Token);

        Assert.True(exitCode == 0, $"exit {exitCode}\n{output}\n{error}");
        string text = output.ToString();
        string last = text[text.LastIndexOf("EdgeLstm fleet on", StringComparison.Ordinal)..]; // the table as it was when cancelled
        string row = Assert.Single(last.Split('\n'), l => l.Contains("press-3", StringComparison.Ordinal));
        string[] cells = row.Split('│', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("online", cells[1]);
        Assert.Equal("anomaly_start 2026-11-29 10:15:00", cells[2]);
        Assert.Equal("1", cells[3]);      // events in the last hour: the repeats are one event
        Assert.Equal("4321", cells[5]);   // samples from the retained health report
        Assert.Contains("1 device(s), 1 event(s) received", last);
        Assert.Equal([Event], File.ReadAllLines(events));
    }

    private static Task Publish(IMqttClient client, string topic, string payload, bool retained, CancellationToken cancellationToken)
        => client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithRetainFlag(retained)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(), cancellationToken);
}
