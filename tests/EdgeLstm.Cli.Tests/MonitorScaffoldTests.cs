using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using EdgeLstm.Cli.Scaffolding;
using EdgeLstm.Cli.Tests.Infrastructure;
using EdgeLstm.Testing;
using Xunit;

namespace EdgeLstm.Cli.Tests;

/// <summary>
/// <c>edgelstm new --template monitor</c> end to end, as on a clean machine (see <see cref="ScaffoldedMonitor"/>): the
/// app runs on a CSV with a spike, a NaN and a torn line; and its fleet link reports to a real Mosquitto broker.
/// </summary>
[Collection(ScaffoldPackages.Collection)]
[Trait("Category", "Package")]
public sealed class MonitorScaffoldTests(ScaffoldedMonitor app) : IClassFixture<ScaffoldedMonitor>
{
    [Fact]
    public void MonitorBuildsFromTheLocalPackagesSurvivesBadRowsAndLogsTheSpike()
    {
        Assert.True(File.Exists(Path.Combine(app.Project, "SensorSources.cs")));
        Assert.Contains("Mode = DetectionMode.NextStepPrediction", File.ReadAllText(Path.Combine(app.Project, "MonitorDetection.cs")));

        // 3 smooth channels; after 300 rows of learning a spike at row 450; a NaN and a torn line in between.
        var csv = new StringBuilder("timestamp,a,b,c\n");
        const int Rows = 600, Spike = 450;
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (int t = 0; t < Rows; t++)
        {
            string time = start.AddSeconds(t).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            if (t == 200)
            {
                csv.AppendLine($"{time},NaN,0,0");
            }
            else if (t == 250)
            {
                csv.AppendLine($"{time},0.5");
            }
            else
            {
                double a = t == Spike ? 40 : Math.Sin(t * 0.1), b = 0.5 * Math.Cos(t * 0.07), c = 0.25 * Math.Sin(t * 0.05 + 1);
                csv.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{time},{a:R},{b:R},{c:R}"));
            }
        }

        string data = app.File("pump.csv");
        File.WriteAllText(data, csv.ToString());
        string events = app.File("events.jsonl");
        var run = app.Run("--input", data, "--events", events, "--calibration-samples", "300");

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("self-test: max |error| ", run.Output);
        Assert.Contains($"summary: {Rows - 2} samples, 2 faults, 1 anomaly events", run.Output);
        Assert.DoesNotContain("mqtt", run.Output); // no --mqtt: no fleet link, not a word about it
        var logged = File.ReadAllLines(events).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Contains(logged, e => e.GetProperty("type").GetString() == "fault" && e.GetProperty("fault").GetString() == "invalid_value");
        Assert.Contains(logged, e => e.GetProperty("type").GetString() == "fault" && e.GetProperty("fault").GetString() == "malformed");
        var anomaly = Assert.Single(logged, e => e.GetProperty("type").GetString() == "anomaly_start");
        Assert.Equal(start.AddSeconds(Spike), anomaly.GetProperty("time").GetDateTime());
        Assert.False(File.Exists(events + ".sent"));
    }

    [Fact]
    public async Task WithMqttEveryLoggedEventReachesARealBrokerWithItsIdAndHealthAndStatusAreRetained()
    {
        using var brokerFolder = new TempDirectory();
        using var broker = new MosquittoBroker(brokerFolder.Path).Start();
        string events = app.File("fleet-events.jsonl");
        List<ReceivedMessage> live;
        ProcessRunner.Result run;
        await using (var recorder = await MqttRecorder.StartAsync(broker.Port, "edgelstm/#"))
        {
            // 1200 simulated samples: the template's simulation puts a two-sample NaN dropout and a spike after calibration.
            // The drain waits for the broker's acknowledgements and ends as soon as they are in; its default (5 s) is a
            // device's setting, and on two cores shared with other test classes the acknowledgements can take longer
            // (the fleet suite's devices missed theirs so once), so the test allows a minute.
            run = app.Run("--source", "sim", "--samples", "1200", "--calibration-samples", "300", "--events", events,
                "--mqtt", $"mqtt://127.0.0.1:{broker.Port}", "--device-id", "pump-7", "--mqtt-drain", "60");
            Assert.True(run.ExitCode == 0, run.Output + broker.Log());

            // Everything was acknowledged before the app exited (it says so); the last messages may still be on their way to us.
            var lines = File.ReadAllLines(events);
            Poll(() => recorder.Messages.Count(m => m.Topic == "edgelstm/pump-7/events") >= lines.Length
                && recorder.Messages.Any(m => m.Topic == "edgelstm/pump-7/status" && m.Payload == "offline"));
            live = [.. recorder.Messages];
        }

        Assert.Contains("mqtt: every event in ", run.Output);
        Assert.Contains("summary: 1198 samples, 2 faults", run.Output); // 1200 generated, the 2 NaN samples skipped

        // Every line of the log arrived once, as the logged object plus "id":"pump-7:<line>" and "device".
        var logged = File.ReadAllLines(events);
        Assert.Contains(logged, l => l.Contains("\"fault\":\"invalid_value\"", StringComparison.Ordinal));
        var received = live.Where(m => m.Topic == "edgelstm/pump-7/events").Select(m => JsonDocument.Parse(m.Payload).RootElement).ToList();
        Assert.Equal(Enumerable.Range(1, logged.Length).Select(n => $"pump-7:{n}"), received.Select(e => e.GetProperty("id").GetString()));
        for (int i = 0; i < logged.Length; i++)
        {
            Assert.Equal("pump-7", received[i].GetProperty("device").GetString());
            var body = received[i].EnumerateObject().Where(p => p.Name is not ("id" or "device")).ToList();
            var line = JsonDocument.Parse(logged[i]).RootElement.EnumerateObject().ToList();
            Assert.True(body.Count == line.Count && line.All(p => body.Any(b => b.Name == p.Name && JsonElement.DeepEquals(b.Value, p.Value))),
                $"pump-7:{i + 1} arrived as {received[i].GetRawText()} but line {i + 1} of the log is {logged[i]}");
        }

        // Status: online (retained) when it connected, offline (retained) when it stopped cleanly.
        var status = live.Where(m => m.Topic == "edgelstm/pump-7/status").ToList();
        Assert.Equal(new ReceivedMessage("edgelstm/pump-7/status", "online", Retained: true), status[0]);
        Assert.Equal(new ReceivedMessage("edgelstm/pump-7/status", "offline", Retained: true), status[^1]);

        // Health: retained, and the last one (sent after the outbox drained) counts what the run did.
        var health = live.Where(m => m.Topic == "edgelstm/pump-7/health").ToList();
        Assert.NotEmpty(health);
        Assert.All(health, h => Assert.True(h.Retained, "health is published retained"));
        var last = JsonDocument.Parse(health[^1].Payload).RootElement;
        Assert.Equal((1198, 2, logged.Length, 0), (last.GetProperty("samples").GetInt64(), last.GetProperty("faults").GetInt64(), last.GetProperty("events").GetInt64(), last.GetProperty("backlog").GetInt64()));
        Assert.True(last.GetProperty("threshold").GetDouble() > 0);

        // A subscriber arriving later (a fleet view started tomorrow) gets the retained health and status from the broker.
        await using var late = await MqttRecorder.StartAsync(broker.Port, "edgelstm/pump-7/+", retainAsPublished: false);
        Poll(() => late.Messages.Count >= 2);
        Assert.Contains(new ReceivedMessage("edgelstm/pump-7/status", "offline", Retained: true), late.Messages);
        Assert.Contains(late.Messages, m => m.Topic == "edgelstm/pump-7/health" && m.Retained && m.Payload == health[^1].Payload);
    }

    [Theory]
    [InlineData("mqtt//broker:1883", "pump-7", "--mqtt: 'mqtt//broker:1883' is not a broker URI")]
    [InlineData("http://broker", "pump-7", "--mqtt: 'http://broker': unknown scheme 'http'")]
    [InlineData("mqtt://broker", "line/3", "--device-id: the device id 'line/3' contains '/'")]
    [InlineData("mqtt://broker", "pump+", "--device-id: the device id 'pump+' contains '+'")]
    public void ABadBrokerUriOrDeviceIdIsAUsageErrorNamingTheOption(string uri, string deviceId, string expected)
    {
        string events = app.File($"never-{Guid.NewGuid():N}.jsonl");

        var run = app.Run("--source", "sim", "--samples", "10", "--events", events, "--mqtt", uri, "--device-id", deviceId);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("error: " + expected, run.StandardError);
        Assert.False(File.Exists(events), "refused before anything ran");
    }

    [Fact]
    public void CredentialsInTheUriAreRefusedWithoutBeingPrinted()
    {
        var run = app.Run("--source", "sim", "--samples", "10", "--events", app.File("never.jsonl"), "--mqtt", "mqtt://board:hunter2@broker", "--device-id", "pump-7");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--mqtt-credentials FILE", run.StandardError);
        Assert.DoesNotContain("hunter2", run.Output);
    }

    // Waits for what a broker delivers asynchronously; the limit only stops a broken test from hanging.
    private static void Poll(Func<bool> condition)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!condition() && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            Thread.Sleep(50);
        }
    }
}

/// <summary><c>edgelstm new --template monitor</c> without building anything.</summary>
public sealed class MonitorTemplateTests
{
    [Fact]
    public void AModelThatNeedsTheWholeWindowIsRefusedForAMonitor()
    {
        GoldenCase golden = GoldenCase.Load("lstm_i3_h12_bidir_dense2");
        using var temp = new TempDirectory();

        var result = Tool.Run("new", "--template", "monitor", temp.File("m"), "--model", Path.Combine(golden.Folder, "model.onnx"), "--package-source", temp.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("reverse or bidirectional layer", result.Error);
        Assert.Contains("--template console", result.Error);
    }

    [Theory]
    [InlineData("lstm_i1_h24_dense1_sigmoid", "Mode = DetectionMode.NextStepPrediction")]   // 1 in, 1 out
    [InlineData("lstm_i4_h20_dense5_softmax", "AnomalyOutputIndex = 4")]                    // 4 in, 5 out: a classifier
    public void TheDetectionModeFollowsTheModelsShape(string model, string expected)
    {
        GoldenCase golden = GoldenCase.Load(model);
        using var temp = new TempDirectory();

        var result = Tool.Run("new", "-t", "monitor", temp.File("m"), "--model", Path.Combine(golden.Folder, "model.safetensors"), "--package-source", temp.Path);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains(expected, File.ReadAllText(Path.Combine(temp.File("m"), "MonitorDetection.cs")));
        Assert.Contains("<PackageReference Include=\"EdgeLstm.Iot\" Version=\"$(EdgeLstmVersion)\" />", File.ReadAllText(Path.Combine(temp.File("m"), "M.csproj")));
    }

    [Fact]
    public void ASingleInputWithManyOutputsIsReadAsFeatures()
        => Assert.Equal(EdgeLstm.Iot.Detection.DetectionMode.LearnedReadout, MonitorTemplates.ModeFor(inputSize: 1, outputSize: 24));
}

/// <summary>The tests that pack the libraries into artifacts folders: one at a time (they build the same projects).</summary>
[CollectionDefinition(Collection)]
public sealed class ScaffoldPackages
{
    public const string Collection = "Scaffold packages";
}
