using System;
using EdgeLstm.Iot.Detection;
using EdgeLstm.Iot.Sources;

namespace EdgeLstm.Iot.Events;

/// <summary>The kinds of record in the event log.</summary>
public enum MonitorEventKind
{
    /// <summary>An anomaly began (the alarm goes on).</summary>
    AnomalyStarted,

    /// <summary>An anomaly ended; carries the whole <see cref="AnomalyEvent"/> (the alarm goes off).</summary>
    AnomalyEnded,

    /// <summary>The source failed (first of a run, then each time the consecutive count reaches a power of two).</summary>
    SourceFault,

    /// <summary>The source produced a clean sample after faults.</summary>
    SourceRecovered,

    /// <summary>Calibration finished; carries the threshold.</summary>
    Calibrated,
}

/// <summary>One record for the sinks. A struct passed by reference: raising an event allocates nothing itself.</summary>
public readonly struct MonitorEvent
{
    private MonitorEvent(MonitorEventKind kind, long index, DateTimeOffset time, double score, AnomalyEvent anomaly,
        SourceFaultKind fault, string? detail, long count, TimeSpan retryIn)
    {
        Kind = kind;
        Index = index;
        Time = time;
        Score = score;
        Anomaly = anomaly;
        Fault = fault;
        Detail = detail;
        Count = count;
        RetryIn = retryIn;
    }

    /// <summary>What happened.</summary>
    public MonitorEventKind Kind { get; }

    /// <summary>The sample index the record refers to.</summary>
    public long Index { get; }

    /// <summary>The sample time the record refers to.</summary>
    public DateTimeOffset Time { get; }

    /// <summary>The score at <see cref="Index"/> (started), the peak (ended) or the threshold (calibrated).</summary>
    public double Score { get; }

    /// <summary>The completed anomaly (<see cref="MonitorEventKind.AnomalyEnded"/> only).</summary>
    public AnomalyEvent Anomaly { get; }

    /// <summary>The fault kind (<see cref="MonitorEventKind.SourceFault"/> only).</summary>
    public SourceFaultKind Fault { get; }

    /// <summary>The fault's explanation.</summary>
    public string? Detail { get; }

    /// <summary>Consecutive faults so far (fault), or faults in the run that just ended (recovered).</summary>
    public long Count { get; }

    /// <summary>The back-off before the next read (fault).</summary>
    public TimeSpan RetryIn { get; }

    /// <summary>An anomaly began.</summary>
    public static MonitorEvent Started(long index, DateTimeOffset time, double score)
        => new(MonitorEventKind.AnomalyStarted, index, time, score, default, SourceFaultKind.None, null, 0, TimeSpan.Zero);

    /// <summary>An anomaly completed.</summary>
    public static MonitorEvent Ended(in AnomalyEvent anomaly)
        => new(MonitorEventKind.AnomalyEnded, anomaly.EndIndex, anomaly.EndTime, anomaly.PeakScore, anomaly, SourceFaultKind.None, null, 0, TimeSpan.Zero);

    /// <summary>The source failed.</summary>
    public static MonitorEvent SourceFailed(long index, DateTimeOffset time, SourceFaultKind fault, string? detail, long consecutive, TimeSpan retryIn)
        => new(MonitorEventKind.SourceFault, index, time, double.NaN, default, fault, detail, consecutive, retryIn);

    /// <summary>The source recovered after <paramref name="faults"/> faults.</summary>
    public static MonitorEvent Recovered(long index, DateTimeOffset time, long faults)
        => new(MonitorEventKind.SourceRecovered, index, time, double.NaN, default, SourceFaultKind.None, null, faults, TimeSpan.Zero);

    /// <summary>Calibration finished with <paramref name="threshold"/>.</summary>
    public static MonitorEvent CalibrationDone(long index, DateTimeOffset time, double threshold)
        => new(MonitorEventKind.Calibrated, index, time, threshold, default, SourceFaultKind.None, null, 0, TimeSpan.Zero);
}
