using System;
using System.Collections.Generic;
using System.Device.Gpio;
using System.Globalization;
using System.IO;
using System.Threading;
using EdgeLstm.Iot.Alarms;
using EdgeLstm.Iot.Detection;
using EdgeLstm.Iot.Events;
using EdgeLstm.Iot.Faults;
using EdgeLstm.Iot.Monitoring;
using EdgeLstm.Iot.Sources;
using MachineMonitor.App;

namespace MachineMonitor.Device;

/// <summary>The device program: self-test, open the source, detect until the stream ends or a stop signal, summarise.</summary>
internal static class MonitorRun
{
    /// <param name="settings">The parsed command line.</param>
    /// <param name="output">Events as JSON lines.</param>
    /// <param name="error">Boot messages, errors and the summary.</param>
    /// <param name="cancellationToken">Stops the loop (SIGINT/SIGTERM).</param>
    /// <param name="selfTest">The model check; tests substitute a failing one.</param>
    public static int Execute(MonitorSettings settings, TextWriter output, TextWriter error, CancellationToken cancellationToken, Func<float>? selfTest = null)
    {
        float selfTestError = (selfTest ?? MachineFeatures.SelfTest)();
        bool passed = selfTestError <= MachineDetector.SelfTestTolerance; // false for NaN too
        error.WriteLine(Invariant($"self-test: max |output - reference| = {selfTestError:G3} (limit {MachineDetector.SelfTestTolerance:G1}): {(passed ? "ok" : "FAILED")}"));
        if (!passed)
        {
            error.WriteLine("error: the model computes wrong outputs on this machine; refusing to monitor with it.");
            return ExitCodes.SelfTestFailed;
        }

        try
        {
            return Monitor(settings, output, error, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException or ArgumentException or PlatformNotSupportedException)
        {
            error.WriteLine($"error: {ex.Message}");
            return ExitCodes.Failed;
        }
    }

    private static int Monitor(MonitorSettings settings, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        CalibrationResult? saved = settings.CalibrationFile is { } file ? CalibrationResult.Load(file) : null;
        // A saved calibration carries its learning period (and the state learned so far); otherwise learn as settings say.
        var options = saved is { Mode: DetectionMode.LearnedReadout }
            ? MachineDetector.Options((int)saved.SampleCount, threshold: saved.Threshold)
            : MachineDetector.Options(CalibrationLength.For(settings));
        AnomalyDetector<MachineFeatures> detector;
        try
        {
            detector = MachineDetector.Create(options, saved);
        }
        catch (Exception ex) when (ex is InvalidDataException or ArgumentException && saved is not null)
        {
            throw new InvalidDataException($"{settings.CalibrationFile}: {ex.Message}", ex);
        }

        if (saved is not null)
        {
            error.WriteLine(Invariant($"calibration: loaded {settings.CalibrationFile} (threshold {saved.Threshold:G4})"));
        }

        using var source = new FaultTolerantSource(SourceFactory.Open(settings));
        if (source.ChannelCount != MachineFeatures.InputSize)
        {
            throw new ArgumentException($"the source has {source.ChannelCount} value channels; the model reads {MachineFeatures.InputSize}. Choose one with --channel.");
        }

        using var sink = OpenSinks(settings, output);
        var pacer = settings.Rate > 0 ? new SamplePacer(TimeSpan.FromSeconds(1 / settings.Rate)) : null;
        using var scores = settings.ScoresFile is { } scoresFile ? new NabScoreWriter(scoresFile) : null;
        var monitor = new AnomalyMonitor<MachineFeatures>(source, detector, sink, pacer, scores);
        MonitorSummary summary = monitor.Run(cancellationToken);

        if (settings.SaveCalibrationFile is { } target && detector.CaptureCalibration() is { } learned)
        {
            learned.Save(target);
            error.WriteLine($"calibration: written to {target}");
        }

        WriteSummary(error, summary, source.Faults, detector, options.CalibrationSamples);
        return ExitCodes.Ok;
    }

    // The log first, so a record exists before anything reacts to it; the alarm last.
    private static CompositeEventSink OpenSinks(MonitorSettings settings, TextWriter output)
    {
        var sinks = new List<IEventSink>();
        if (settings.EventsFile is { } events)
        {
            sinks.Add(new JsonLinesEventLog(events));
        }

        sinks.Add(new TextWriterEventSink(output));
        if (settings.GpioPin is { } pin)
        {
            sinks.Add(new AlarmEventSink(new GpioAlarmOutput(new GpioController(), pin, activeHigh: !settings.GpioActiveLow, ownsController: true)));
        }

        return new CompositeEventSink(sinks);
    }

    private static void WriteSummary(TextWriter error, MonitorSummary summary, FaultCounters faults, AnomalyDetector<MachineFeatures> detector, int calibrationSamples)
    {
        error.WriteLine(Invariant($"summary: {summary.Samples} samples, {summary.Faults} faults, {summary.Anomalies} anomaly events"));
        if (summary.Faults > 0)
        {
            var kinds = new List<string>();
            foreach (var kind in Enum.GetValues<SourceFaultKind>())
            {
                if (faults[kind] > 0)
                {
                    kinds.Add(Invariant($"{kind} {faults[kind]}"));
                }
            }

            error.WriteLine($"faults: {string.Join(", ", kinds)}");
        }

        if (summary.LateTicks + summary.MissedTicks > 0)
        {
            error.WriteLine(Invariant($"pacing: {summary.LateTicks} late, {summary.MissedTicks} missed ticks"));
        }

        error.WriteLine(detector.Calibration is { } c
            ? Invariant($"calibration: threshold {c.Threshold:G4} (exit {c.ExitThreshold:G4}) on the anomaly-likelihood score; learned on {c.SampleCount} samples")
            : Invariant($"calibration: not finished; the stream ended before {calibrationSamples} samples were scored"));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
