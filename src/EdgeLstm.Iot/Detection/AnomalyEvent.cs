using System;

namespace EdgeLstm.Iot.Detection;

/// <summary>One anomaly: the samples from the first score above the threshold to the last above the exit threshold.</summary>
/// <param name="StartIndex">Sample index (counted from the detector's first sample) where the score first crossed the threshold.</param>
/// <param name="StartTime">That sample's timestamp.</param>
/// <param name="EndIndex">The last sample whose score was at or above the exit threshold.</param>
/// <param name="EndTime">That sample's timestamp.</param>
/// <param name="PeakIndex">The sample with the highest score.</param>
/// <param name="PeakTime">That sample's timestamp.</param>
/// <param name="PeakScore">The highest score in the event.</param>
public readonly record struct AnomalyEvent(
    long StartIndex,
    DateTimeOffset StartTime,
    long EndIndex,
    DateTimeOffset EndTime,
    long PeakIndex,
    DateTimeOffset PeakTime,
    double PeakScore);
