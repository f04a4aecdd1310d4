namespace EdgeLstm.Iot.Detection;

/// <summary>What the model's output means.</summary>
public enum DetectionMode
{
    /// <summary>
    /// The model predicts the next sample. The raw score at t is the RMS error between the prediction made at t-1 and
    /// the sample at t over the scored channels, standardised by the error's mean and deviation on normal data.
    /// </summary>
    NextStepPrediction,

    /// <summary>
    /// The model outputs an anomaly score directly: a probability, or a class distribution whose designated anomaly
    /// class is <see cref="DetectorOptions.AnomalyOutputIndex"/>. The output is the score, unscaled.
    /// </summary>
    DirectScore,
}
