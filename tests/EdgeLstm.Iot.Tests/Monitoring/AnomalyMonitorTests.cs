using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using EdgeLstm.Iot.Detection;
using EdgeLstm.Iot.Events;
using EdgeLstm.Iot.Faults;
using EdgeLstm.Iot.Monitoring;
using EdgeLstm.Iot.Sources;
using EdgeLstm.Iot.Tests.Support;
using Xunit;

namespace EdgeLstm.Iot.Tests.Monitoring;

public sealed class AnomalyMonitorTests
{
    private sealed class RecordingSink : IEventSink
    {
        public List<MonitorEvent> Events { get; } = [];

        public void Write(in MonitorEvent monitorEvent) => Events.Add(monitorEvent);

        public void Dispose()
        {
        }
    }

    [Fact]
    public void KeepsRunningThroughDropoutAndDeviceFaultsAndLogsThem()
    {
        var clock = new ManualClock();
        var signal = new SimulatedSignal { Offset = 20, Components = [new(3, 200)], NoiseStd = 0.2 };
        var simulated = new SimulatedSensorSource([signal], 11,
        [
            new(SimulatedAnomalyKind.Dropout, 700, Length: 6),
            new(SimulatedAnomalyKind.Spike, 1200, Magnitude: 15),
        ], length: 1500);
        int reads = 0;
        // Wrap the simulator so reads 900..902 throw like an I2C NACK.
        var flaky = new DelegateSensorSource(1, v =>
        {
            reads++;
            if (reads is >= 900 and < 903)
            {
                throw new IOException("Error 121 (remote I/O)");
            }

            if (!simulated.Read(v).IsOk)
            {
                throw new EndOfStreamException();
            }
        }, clock: clock);
        var source = new FaultTolerantSource(new EndAware(flaky, simulated), new FaultPolicy { StallTimeout = null }, clock, clock.Sleeper());
        var detector = new AnomalyDetector<LastValueModel>(default, new DetectorOptions { WarmupSamples = 5, CalibrationSamples = 500 });
        var sink = new RecordingSink();
        var monitor = new AnomalyMonitor<LastValueModel>(source, detector, sink);

        var summary = monitor.Run();

        Assert.Equal(1500 - 6, summary.Samples);
        Assert.Equal(9, summary.Faults);
        Assert.Equal(1, summary.Anomalies);
        var kinds = sink.Events.ConvertAll(e => e.Kind);
        Assert.Equal(
        [
            MonitorEventKind.Calibrated,
            MonitorEventKind.SourceFault, MonitorEventKind.SourceFault, MonitorEventKind.SourceFault, // dropout: 1st, 2nd, 4th of 6
            MonitorEventKind.SourceRecovered,
            MonitorEventKind.SourceFault, MonitorEventKind.SourceFault,                                // NACK: 1st, 2nd of 3
            MonitorEventKind.SourceRecovered,
            MonitorEventKind.AnomalyStarted, MonitorEventKind.AnomalyEnded,
        ], kinds);
        Assert.Equal(SourceFaultKind.InvalidValue, sink.Events[1].Fault);
        Assert.Equal(6, sink.Events[4].Count);
        Assert.Equal(SourceFaultKind.IoError, sink.Events[5].Fault);
        Assert.Equal(TimeSpan.FromMilliseconds(100), sink.Events[5].RetryIn);
        Assert.Equal(sink.Events[9].Anomaly.StartIndex, sink.Events[8].Index); // detector indices count clean samples only
    }

    /// <summary>Turns the simulator's end into the wrapper's end of stream.</summary>
    private sealed class EndAware(DelegateSensorSource inner, SimulatedSensorSource simulated) : ISensorSource
    {
        public int ChannelCount => 1;

        public SampleResult Read(Span<float> values)
            => simulated.Length is { } n && simulated.NextIndex >= n ? SampleResult.EndOfStream(default) : inner.Read(values);

        public void Dispose()
        {
        }
    }

    [Fact]
    public void WritesADurableLogOfARun()
    {
        string dir = TestData.NewTempDirectory();
        try
        {
            string path = Path.Combine(dir, "events.jsonl");
            var simulated = new SimulatedSensorSource([new SimulatedSignal { Offset = 1, NoiseStd = 0.05 }], 3,
                [new(SimulatedAnomalyKind.Spike, 400, Magnitude: 5)], length: 600);
            var detector = new AnomalyDetector<LastValueModel>(default, new DetectorOptions { WarmupSamples = 2, CalibrationSamples = 300 });
            using (var log = new JsonLinesEventLog(path))
            {
                new AnomalyMonitor<LastValueModel>(new FaultTolerantSource(simulated), detector, log).Run();
            }

            var lines = File.ReadAllLines(path);
            var types = Array.ConvertAll(lines, l => JsonDocument.Parse(l).RootElement.GetProperty("type").GetString()!);
            Assert.Equal(["calibrated", "anomaly_start", "anomaly_end"], types);
            using var start = JsonDocument.Parse(lines[1]);
            Assert.Equal(400, start.RootElement.GetProperty("index").GetInt64());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void RefusesASourceWithTheWrongChannelCount()
    {
        var source = new FaultTolerantSource(new SimulatedSensorSource([new SimulatedSignal(), new SimulatedSignal()], 1));
        var detector = new AnomalyDetector<LastValueModel>(default, new DetectorOptions());
        Assert.Throws<ArgumentException>(() => new AnomalyMonitor<LastValueModel>(source, detector, new RecordingSink()));
    }
}
