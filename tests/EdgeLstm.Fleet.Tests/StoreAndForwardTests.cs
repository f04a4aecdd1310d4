using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using EdgeLstm.Fleet.Tests.Support;
using EdgeLstm.Iot.Fleet;
using EdgeLstm.Testing;
using Xunit;

namespace EdgeLstm.Fleet.Tests;

/// <summary>
/// MachineMonitor processes against a real Mosquitto broker: every event in every device's log reaches a subscriber
/// under its id, whatever happens to the broker or the device in between.
/// </summary>
[Trait("Category", "Broker")]
public sealed class StoreAndForwardTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly MosquittoBroker _broker;

    public StoreAndForwardTests()
    {
        _broker = new MosquittoBroker(_directory.Path);
    }

    public void Dispose()
    {
        _broker.Dispose();
        _directory.Dispose();
    }

    private MqttConnectionSettings Broker => MqttConnectionSettings.Parse(_broker.Uri());

    [Fact]
    public void TwentyDevicesDeliverEveryLoggedEventOnceWithUniqueIds()
    {
        _broker.Start();
        using var collector = new EventCollector(Broker);
        var ids = Enumerable.Range(1, 20).Select(i => $"press-{i:00}").ToList();

        // Five at a time: twenty boards' worth of processes on a two-core CI machine.
        foreach (var batch in ids.Chunk(5))
        {
            var devices = batch.Select(id => (id, Device.Start(_broker.Uri(), id, _directory.File($"{id}.jsonl")))).ToList();
            foreach (var (id, device) in devices)
            {
                using (device)
                {
                    Assert.True(device.WaitForExit() == 0, $"{id}: {device}");
                    Assert.True(device.Error.Contains("is acknowledged by the broker", StringComparison.Ordinal), $"{id}: {device}\nbroker log:\n{_broker.Log()}");
                }
            }
        }

        int logged = ids.Sum(id => EventLogFile.Lines(_directory.File($"{id}.jsonl")).Count);
        Poll.Until(() => collector.Count >= logged, $"{logged} events at the subscriber");
        foreach (string id in ids)
        {
            int duplicates = Delivery.AssertEveryLoggedEventArrived(collector, _directory.File($"{id}.jsonl"), id);
            Assert.True(duplicates == 0, $"{id}: {duplicates} duplicate(s) on a healthy connection");
        }

        Assert.Equal(logged, collector.Ids.Count);

        // The fleet view: garbage on subscribed topics (retained, so --once sees it) is counted and skipped.
        MosquittoPublish(_broker, "edgelstm/junk-1/health", "{not json", retain: true);
        MosquittoPublish(_broker, "edgelstm/junk-2/status", "maybe", retain: true);
        MosquittoPublish(_broker, "edgelstm/junk-3/health", "{\"pad\":\"" + new string('x', 70_000) + "\"}", retain: true);
        var (exit, output, error) = EdgeLstmTool.Run("fleet", "--mqtt", _broker.Uri(), "--once");
        Assert.True(exit == 0, error);
        foreach (string id in ids)
        {
            Assert.Matches($@"│ {id}\s+│ offline\s+│", output); // each device finished cleanly: retained "offline"
        }

        Assert.Contains("20 device(s)", output);
        Assert.Contains("skipped: 2 malformed, 1 oversized", output);
        Assert.DoesNotContain("junk", output);
    }

    private static void MosquittoPublish(MosquittoBroker broker, string topic, string payload, bool retain)
    {
        var start = new System.Diagnostics.ProcessStartInfo("mosquitto_pub") { RedirectStandardInput = true, UseShellExecute = false };
        foreach (string argument in new[] { "-h", "127.0.0.1", "-p", broker.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-t", topic, "-q", "1", "-s" })
        {
            start.ArgumentList.Add(argument);
        }

        if (retain)
        {
            start.ArgumentList.Add("-r");
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        process.StandardInput.Write(payload);
        process.StandardInput.Close();
        Assert.True(process.WaitForExit(30_000) && process.ExitCode == 0, $"mosquitto_pub {topic} failed");
    }

    [Fact]
    public void BrokerStoppedMidStreamAndRestartedLosesNothing()
    {
        // The simulated machine's 4,000 samples (a stuck sensor from sample 2,400, a spike at 3,300), fed to the
        // monitor's standard input by the test: the first 1,200 give the "calibrated" event at sample 600 with the
        // broker up; the rest, anomalies included, only exist once the broker is down. A device replaying at a fixed
        // rate would need the broker stopped inside a window of its clock, which a loaded machine can miss.
        string[] series = Device.SimulatedSeries(_directory.File("machine.csv"));
        _broker.Start();
        using var collector = new EventCollector(Broker);
        string log = _directory.File("pump.jsonl");
        using var device = Device.StartOnStandardInput(_broker.Uri(), "pump", log, channel: "value", calibrationSamples: 600);
        device.Feed(series[..1201]);
        Poll.Until(() => collector.Count >= 1, "the first event");

        _broker.Stop();
        int before = EventLogFile.Lines(log).Count;
        device.Feed(series[1201..]);
        Poll.Until(() => EventLogFile.Lines(log).Count > before, "an event logged while the broker is down");
        _broker.Start();
        device.EndOfInput();

        Assert.True(device.WaitForExit() == 0, device.ToString());
        Assert.Contains("lost the broker", device.Error);
        Poll.TryUntil(() => collector.Ids.Count >= EventLogFile.Lines(log).Count);
        Delivery.AssertEveryLoggedEventArrived(collector, log, "pump", $"{device}\nbroker log:\n{_broker.Log()}");
    }

    [Fact]
    public void MonitorStartedBeforeTheBrokerIsUpSendsEverythingOnceItAppears()
    {
        // The subscriber's persistent session is registered first and saved with the broker's state, then the broker
        // goes away. A subscriber that first connected after the broker came up would race the monitor's first
        // publish, and MQTT drops a message that no session subscribes to (a CI run lost "fan:1" so: the test's race,
        // not the monitor's; the monitor had its PUBACK).
        _broker.Start();
        using var collector = new EventCollector(Broker);
        _broker.Stop();

        string log = _directory.File("fan.jsonl");
        using var device = Device.Start(_broker.Uri(), "fan", log, rate: 1000);
        Poll.Until(() => EventLogFile.Lines(log).Count >= 1, "an event logged with no broker");
        Poll.Until(() => device.Error.Contains("mqtt: cannot connect", StringComparison.Ordinal), "the monitor to say it cannot connect");

        _broker.Start();
        Assert.True(device.WaitForExit() == 0, device.ToString());
        Poll.TryUntil(() => collector.Ids.Count >= EventLogFile.Lines(log).Count);
        Delivery.AssertEveryLoggedEventArrived(collector, log, "fan");
    }

    [Fact]
    public async Task ABrokerThatAcceptsButNeverAnswersDoesNotStallTheMonitor()
    {
        // A TCP listener that takes the connection and never sends CONNACK: the publisher's connect hangs until its
        // timeout. The sensor loop must run to the end of the stream regardless, and the drain must stay bounded.
        var silent = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        silent.Start();
        int port = ((System.Net.IPEndPoint)silent.LocalEndpoint).Port;
        var accepted = new List<System.Net.Sockets.Socket>();
        var accepting = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    accepted.Add(await silent.AcceptSocketAsync());
                }
            }
            catch (Exception ex) when (ex is System.Net.Sockets.SocketException or ObjectDisposedException)
            {
            }
        });

        try
        {
            string log = _directory.File("silent.jsonl");
            using var device = Device.Start($"mqtt://127.0.0.1:{port}", "silent", log, drainSeconds: 1);
            Assert.True(device.WaitForExit() == 0, device.ToString());
            Assert.Contains("summary: 4000 samples", device.Error);
            Assert.Contains($"{EventLogFile.Lines(log).Count} event(s) still queued in {log}", device.Error);
            Assert.False(File.Exists(OutboxCursor.PathFor(log)) && File.ReadAllText(OutboxCursor.PathFor(log)).Trim() != "0 0", "nothing was acknowledged");
        }
        finally
        {
            silent.Stop();
            await accepting.WaitAsync(TimeSpan.FromSeconds(10));
            accepted.ForEach(socket => socket.Dispose());
        }
    }

    [Fact]
    public void KilledWithSigkillMidStreamTheNextStartSendsWhatWasNotAcknowledged()
    {
        _broker.Start();
        using var collector = new EventCollector(Broker);
        string log = _directory.File("mill.jsonl");
        using (var first = Device.Start(_broker.Uri(), "mill", log, rate: 800))
        {
            Poll.Until(() => collector.Count >= 1, "the first event");
            // Events logged while the broker is away are unacknowledged when the kill comes.
            _broker.Stop();
            int before = EventLogFile.Lines(log).Count;
            Poll.Until(() => EventLogFile.Lines(log).Count > before, "an event logged while the broker is down");
            first.KillNine();
        }

        int loggedByFirst = EventLogFile.Lines(log).Count;
        Assert.True(collector.Ids.Count < loggedByFirst, "the test must kill the device with events not yet delivered");
        _broker.Start();

        // The next start (a short run) sends the first run's backlog from the log, then its own events.
        using (var second = Device.Start(_broker.Uri(), "mill", log, samples: 600))
        {
            Assert.True(second.WaitForExit() == 0, second.ToString());
        }

        Assert.True(EventLogFile.Lines(log).Count > loggedByFirst, "the second run logged events of its own");
        Poll.TryUntil(() => collector.Ids.Count >= EventLogFile.Lines(log).Count);
        Delivery.AssertEveryLoggedEventArrived(collector, log, "mill");
    }
}
