using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using EdgeLstm.Iot.Detection;
using EdgeLstm.Iot.Events;
using EdgeLstm.Iot.Fleet;
using EdgeLstm.Iot.Monitoring;
using MachineMonitor.App;

namespace MachineMonitor.Device;

/// <summary>
/// The monitor's link to the fleet (--mqtt): the event log read as an outbox, a background publisher, and the
/// health report's counters. Opened after the log (whose repair of a torn last line must come first).
/// </summary>
internal sealed class FleetReporting : IDisposable
{
    private readonly FleetSettings _settings;
    private readonly EventOutbox _outbox;
    private readonly FleetPublisher _publisher;
    private readonly Stopwatch _uptime = Stopwatch.StartNew();
    private readonly double _selfTestError;
    private AnomalyMonitor<MachineFeatures>? _monitor;
    private AnomalyDetector<MachineFeatures>? _detector;

    private FleetReporting(FleetSettings settings, string eventsFile, TextWriter error, double selfTestError)
    {
        _settings = settings;
        _selfTestError = selfTestError;
        _outbox = new EventOutbox(eventsFile, settings.DeviceId);
        try
        {
            if (_outbox.CursorWarning is { } warning)
            {
                error.WriteLine($"mqtt: {warning}");
            }

            var options = new FleetPublisherOptions { Connection = settings.Connection, DeviceId = settings.DeviceId, HealthInterval = settings.HealthInterval };
            _publisher = new FleetPublisher(options, _outbox, Health, line => error.WriteLine(line));
        }
        catch
        {
            _outbox.Dispose();
            throw;
        }

        Sink = new FleetOutboxSink(_publisher);
    }

    /// <summary>The sink to place right after the event log.</summary>
    public IEventSink Sink { get; }

    /// <summary>Opens the outbox of <paramref name="eventsFile"/> and starts publishing in the background.</summary>
    public static FleetReporting Start(FleetSettings settings, string eventsFile, TextWriter error, double selfTestError)
    {
        var reporting = new FleetReporting(settings, eventsFile, error, selfTestError);
        reporting._publisher.Start();
        return reporting;
    }

    /// <summary>Where the health report's sample and fault counts and threshold come from.</summary>
    public void Attach(AnomalyMonitor<MachineFeatures> monitor, AnomalyDetector<MachineFeatures> detector)
    {
        _detector = detector;
        _monitor = monitor;
    }

    /// <summary>The end of the stream: waits (bounded) for the outbox to drain and says what is left.</summary>
    public void Finish(TextWriter error)
    {
        long left = _publisher.Stop(_settings.DrainTimeout);
        error.WriteLine(left == 0
            ? Invariant($"mqtt: every event in {_outbox.LogPath} is acknowledged by the broker ({_publisher.Published} sent by this run)")
            : Invariant($"mqtt: {left} event(s) still queued in {_outbox.LogPath} (not acknowledged within {_settings.DrainTimeout.TotalSeconds:0.#} s); they are safe in the log and go out with the next run"));
    }

    public void Dispose()
    {
        _publisher.Dispose();
        _outbox.Dispose();
    }

    // Called on the publisher's task: the loop's counters are read without locks (64-bit reads; a report may be a sample behind).
    private FleetHealth Health()
    {
        MonitorSummary summary = _monitor?.Summary ?? default;
        double threshold = _detector?.Calibration?.Threshold ?? double.NaN;
        return new FleetHealth(summary.Samples, summary.Faults, _outbox.TotalEvents, threshold, _selfTestError, _uptime.Elapsed, _outbox.Backlog);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
