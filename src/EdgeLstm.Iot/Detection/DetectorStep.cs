namespace EdgeLstm.Iot.Detection;

/// <summary>Where a detector is in its life.</summary>
public enum DetectorPhase
{
    /// <summary>Only advancing the model's state.</summary>
    WarmingUp,

    /// <summary>Collecting scores of normal data.</summary>
    Calibrating,

    /// <summary>Comparing scores with the threshold.</summary>
    Detecting,
}

/// <summary>What happened to an event at this sample.</summary>
public enum EventTransition
{
    /// <summary>Nothing changed.</summary>
    None,

    /// <summary>An anomaly began at this sample.</summary>
    Started,

    /// <summary>An anomaly ended (at <see cref="AnomalyEvent.EndIndex"/>); this sample completed the quiet run.</summary>
    Ended,
}

/// <summary>The detector's verdict on one sample.</summary>
/// <param name="Index">The sample's index, counted from the detector's first sample.</param>
/// <param name="Phase">The phase the sample was processed in.</param>
/// <param name="Score">The anomaly score (NaN while warming up).</param>
/// <param name="InEvent">Whether an anomaly is open after this sample.</param>
/// <param name="Transition">Whether this sample opened or closed one.</param>
public readonly record struct DetectorStep(long Index, DetectorPhase Phase, double Score, bool InEvent, EventTransition Transition);
