using System.Text.Json.Serialization;

namespace EdgeLstm.Iot.Detection;

/// <summary>What the model's output means.</summary>
[JsonConverter(typeof(DetectionModeJsonConverter))] // on the type, so no JSON metadata of it reaches the built-in enum converter
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

    /// <summary>
    /// The model's outputs are features (a head-less LSTM's hidden state). The detector standardises the one input
    /// channel online, learns a readout over the features that predicts the next standardised value (recursive least
    /// squares, adapting for as long as it runs), and scores the surprise of its error with Numenta's anomaly
    /// likelihood: a score in [0, 1] compared with <see cref="DetectorOptions.FixedThreshold"/>. The calibration span is
    /// the learning period. See <see cref="LearnedScorerOptions"/>.
    /// </summary>
    LearnedReadout,
}
