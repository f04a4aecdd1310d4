using System;
using System.CommandLine;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
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
/// <c>edgelstm fleet</c> without <c>--once</c>: the live table, against a real Mosquitto. The view is stopped (a
/// cancellation token in-process, Ctrl+C for a real process) only once it has provably received the event — its
/// <c>--out</c> file holds it — so nothing depends on how fast anything is.
/// </summary>
[Trait("Category", "Broker")]
public sealed class FleetLiveViewTests : IDisposable
{
    private const string Event = """{"id":"press-3:1","device":"press-3","type":"anomaly_start","index":7,"time":"2026-11-29T10:15:00.000Z","score":0.93}""";

    private readonly TempDirectory _temp = new();
    private readonly MosquittoBroker _broker;
    private readonly IMqttClient _device = new MqttClientFactory().CreateMqttClient();
    private readonly CancellationTokenSource _limit = new(TimeSpan.FromMinutes(2)); // only stops a broken test from hanging

    public FleetLiveViewTests() => _broker = new MosquittoBroker(_temp.Path).Start();

    private string Received => _temp.File("received.jsonl");

    public void Dispose()
    {
        _device.Dispose();
        _broker.Dispose();
        _limit.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public async Task TheLiveTableShowsADeviceItsLastEventAndHealthAndEndsCleanlyWhenCancelled()
    {
        await StartDeviceAsync();
        var output = new StringWriter();
        var error = new StringWriter();
        var console = new CliConsole(new StringReader(string.Empty), output, error, Progress: null);
        using var stop = new CancellationTokenSource();
        var parse = EdgeLstmCommandLine.Build(console).Parse(["fleet", "--mqtt", _broker.Uri(), "--out", Received]);
        // No process-termination handling in-process: the token is the test's Ctrl+C; the test host's signals stay its own.
        Task<int> view = parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = null }, stop.Token);

        await PublishUntilTheViewHasTheEventAsync(() => view.IsCompleted, () => error.ToString());
        await stop.CancelAsync();
        int exitCode = await view.WaitAsync(_limit.Token);

        Assert.True(exitCode == 0, $"exit {exitCode}\n{output}\n{error}");
        AssertLastTableShowsTheDevice(output.ToString());
    }

    [Fact]
    public async Task CtrlCEndsTheLiveViewProcessWithItsLastTableAndExitCodeZero()
    {
        await StartDeviceAsync();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in new[] { Path.Combine(AppContext.BaseDirectory, "EdgeLstm.Cli.dll"), "fleet", "--mqtt", _broker.Uri(), "--out", Received })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        var error = new StringBuilder();
        process.OutputDataReceived += (_, line) => { lock (output) { output.AppendLine(line.Data); } };
        process.ErrorDataReceived += (_, line) => { lock (error) { error.AppendLine(line.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await PublishUntilTheViewHasTheEventAsync(() => process.HasExited, () => { lock (error) { return error.ToString(); } });
            Assert.Equal(0, Kill(process.Id, SignalInterrupt)); // what Ctrl+C sends
            Assert.True(process.WaitForExit(30_000), "the view did not end after SIGINT");
            process.WaitForExit(); // the end of the redirected streams
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }

        // Killed by the signal it would report 130 (128 + SIGINT) and print nothing more.
        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}\n{output}\n{error}");
        AssertLastTableShowsTheDevice(output.ToString());
    }

    private const int SignalInterrupt = 2;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    // The device: online and a health report, both retained, as FleetPublisher sends them.
    private async Task StartDeviceAsync()
    {
        await _device.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", _broker.Port).WithClientId("press-3").Build(), _limit.Token);
        await PublishAsync("edgelstm/press-3/status", "online", retained: true);
        await PublishAsync("edgelstm/press-3/health", $$"""{"time":"{{DateTimeOffset.UtcNow:O}}","uptime_s":12,"samples":4321,"faults":0,"events":1,"threshold":2.5,"self_test_error":0,"backlog":0}""", retained: true);
    }

    // A live (not retained) event reaches only a view that has subscribed: send it until the view has written it to
    // --out. Repeats carry the same id, which the view counts once.
    private async Task PublishUntilTheViewHasTheEventAsync(Func<bool> viewEnded, Func<string> viewErrors)
    {
        while (!(File.Exists(Received) && File.ReadAllText(Received).Contains("press-3:1", StringComparison.Ordinal)))
        {
            Assert.False(viewEnded(), $"the live view ended on its own: {viewErrors()}");
            await PublishAsync("edgelstm/press-3/events", Event, retained: false);
            await Task.Delay(200, _limit.Token);
        }
    }

    private void AssertLastTableShowsTheDevice(string output)
    {
        string last = output[output.LastIndexOf("EdgeLstm fleet on", StringComparison.Ordinal)..]; // the table as it was at the end
        string row = Assert.Single(last.Split('\n'), l => l.Contains("press-3", StringComparison.Ordinal));
        string[] cells = row.Split('│', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("online", cells[1]);
        Assert.Equal("anomaly_start 2026-11-29 10:15:00", cells[2]);
        Assert.Equal("1", cells[3]);      // events in the last hour: the repeats are one event
        Assert.Equal("4321", cells[5]);   // samples, from the retained health report
        Assert.Contains("1 device(s), 1 event(s) received", last);
        Assert.Equal([Event], File.ReadAllLines(Received));
    }

    private Task PublishAsync(string topic, string payload, bool retained)
        => _device.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithRetainFlag(retained)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(), _limit.Token);
}
