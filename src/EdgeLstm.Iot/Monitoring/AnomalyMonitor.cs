using System;
using System.Threading;
using EdgeLstm.Iot.Detection;
using EdgeLstm.Iot.Events;
using EdgeLstm.Iot.Faults;
using EdgeLstm.Iot.Sources;

namespace EdgeLstm.Iot.Monitoring;

/// <summary>
/// The device loop: pace, read (through <see cref="FaultTolerantSource"/>), detect, report. Faults never stop it;
/// only the end of the stream or cancellation does. Fault events are rate-limited: a run of consecutive faults
/// logs its 1st, 2nd, 4th, 8th… fault and one <c>recovered</c> record, so a dead sensor at 100 Hz does not
/// fsync 100 lines a second into the SD card.
/// </summary>
/// <typeparam name="TModel">The model type (see <see cref="AnomalyDetector{TModel}"/>).</typeparam>
public sealed class AnomalyMonitor<TModel>
    where TModel : IStreamingModel
{
    private readonly FaultTolerantSource _source;
    private readonly AnomalyDetector<TModel> _detector;
    private readonly IEventSink _sink;
    private readonly SamplePacer? _pacer;
    private readonly IScoreSink? _scores;
    private readonly float[] _sample;
    private long _samples;
    private long _anomalies;
    private long _faultRun;
    private bool _wasCalibrated;

    /// <summary>Creates the loop.</summary>
    /// <param name="source">The fault-tolerant source.</param>
    /// <param name="detector">The detector; its model's input size must equal the source's channel count.</param>
    /// <param name="sink">Where events go.</param>
    /// <param name="pacer">Keeps a fixed sample rate; null to read as fast as the source delivers (replay).</param>
    /// <param name="scores">Receives every sample's score; null for none.</param>
    public AnomalyMonitor(FaultTolerantSource source, AnomalyDetector<TModel> detector, IEventSink sink, SamplePacer? pacer = null, IScoreSink? scores = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(detector);
        ArgumentNullException.ThrowIfNull(sink);
        if (source.ChannelCount != TModel.InputSize)
        {
            throw new ArgumentException($"The source has {source.ChannelCount} channels; {typeof(TModel).Name} takes {TModel.InputSize}.", nameof(source));
        }

        _source = source;
        _detector = detector;
        _sink = sink;
        _pacer = pacer;
        _scores = scores;
        _sample = new float[source.ChannelCount];
        _wasCalibrated = detector.Calibration is not null;
    }

    /// <summary>Counts so far.</summary>
    public MonitorSummary Summary => new(_samples, _source.Faults.Total, _anomalies, _pacer?.LateTicks ?? 0, _pacer?.MissedTicks ?? 0);

    /// <summary>Runs until the source ends or <paramref name="cancellationToken"/> is cancelled; closes an open event at the end.</summary>
    public MonitorSummary Run(CancellationToken cancellationToken = default)
    {
        while (!cancellationToken.IsCancellationRequested && Step())
        {
        }

        if (_detector.TryCloseOpenEvent(out var last))
        {
            _anomalies++;
            _sink.Write(MonitorEvent.Ended(last));
        }

        return Summary;
    }

    /// <summary>One iteration: wait for the tick, read, detect, report. False at the end of the stream.</summary>
    public bool Step()
    {
        _pacer?.WaitForNextTick();
        var result = _source.Read(_sample);
        switch (result.Status)
        {
            case SampleStatus.EndOfStream:
                return false;
            case SampleStatus.Fault:
                ReportFault(result);
                return true;
        }

        if (_faultRun > 0)
        {
            _sink.Write(MonitorEvent.Recovered(_detector.SamplesProcessed, result.Timestamp, _faultRun));
            _faultRun = 0;
        }

        _samples++;
        var step = _detector.Process(_sample, result.Timestamp);
        _scores?.Write(result.Timestamp, _sample, step);
        if (!_wasCalibrated && _detector.Calibration is { } calibration)
        {
            _wasCalibrated = true;
            _sink.Write(MonitorEvent.CalibrationDone(step.Index, result.Timestamp, calibration.Threshold));
        }

        if (step.Transition == EventTransition.Started)
        {
            _sink.Write(MonitorEvent.Started(step.Index, result.Timestamp, step.Score));
        }
        else if (step.Transition == EventTransition.Ended)
        {
            _anomalies++;
            _sink.Write(MonitorEvent.Ended(_detector.LastEvent));
        }

        return true;
    }

    private void ReportFault(in SampleResult result)
    {
        _faultRun++;
        if ((_faultRun & (_faultRun - 1)) == 0)
        {
            _sink.Write(MonitorEvent.SourceFailed(_detector.SamplesProcessed, result.Timestamp, result.Fault, result.Detail, _faultRun, _source.NextRetryDelay));
        }
    }
}
