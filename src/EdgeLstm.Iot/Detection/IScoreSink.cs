using System;

namespace EdgeLstm.Iot.Detection;

/// <summary>Receives every sample's score (for example NAB's per-row results file). Called on the sample loop: keep it allocation-free.</summary>
public interface IScoreSink
{
    /// <summary>One processed sample.</summary>
    /// <param name="timestamp">When it was taken.</param>
    /// <param name="sample">Its values.</param>
    /// <param name="step">The detector's verdict (<see cref="DetectorStep.Score"/> is the score).</param>
    void Write(DateTimeOffset timestamp, ReadOnlySpan<float> sample, in DetectorStep step);
}
