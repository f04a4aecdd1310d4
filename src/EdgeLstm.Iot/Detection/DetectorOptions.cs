using System.Collections.Generic;

namespace EdgeLstm.Iot.Detection;

/// <summary>Settings of an <see cref="AnomalyDetector{TModel}"/>.</summary>
public sealed record DetectorOptions
{
    /// <summary>What the model's output means.</summary>
    public DetectionMode Mode { get; init; } = DetectionMode.NextStepPrediction;

    /// <summary>Next-step mode: the channels compared (output c predicts input c); null for every channel the model predicts.</summary>
    public IReadOnlyList<int>? ScoredChannels { get; init; }

    /// <summary>Direct mode: the output holding the anomaly probability (or the anomaly class).</summary>
    public int AnomalyOutputIndex { get; init; }

    /// <summary>
    /// Per-channel standardisation applied before the model, x' = (x - mean) / std, for models trained on
    /// standardised data (the training script stores <c>input_mean</c>/<c>input_std</c>). Prediction errors are then
    /// in standardised units. Null when the model takes raw values or bakes the normalisation in.
    /// </summary>
    public IReadOnlyList<float>? InputMean { get; init; }

    /// <summary>See <see cref="InputMean"/>.</summary>
    public IReadOnlyList<float>? InputStd { get; init; }

    /// <summary>Samples that only advance the model's state (no score): lets the recurrent state settle.</summary>
    public int WarmupSamples { get; init; } = 10;

    /// <summary>Scored samples used to calibrate, taken right after the warm-up (NAB: the first 15 % of a file).</summary>
    public int CalibrationSamples { get; init; } = 500;

    /// <summary>The quantile of calibration scores that becomes the threshold (before <see cref="ThresholdScale"/>).</summary>
    public double CalibrationQuantile { get; init; } = 0.999;

    /// <summary>Multiplies the calibrated quantile: headroom above the worst normal behaviour seen.</summary>
    public double ThresholdScale { get; init; } = 1.5;

    /// <summary>A fixed threshold instead of a calibrated one (typical for direct probabilities: 0.5).</summary>
    public double? FixedThreshold { get; init; }

    /// <summary>An event ends once the score stays below threshold × this for <see cref="QuietSamples"/> samples.</summary>
    public double ExitRatio { get; init; } = 0.5;

    /// <summary>Consecutive samples below the exit threshold that end an event.</summary>
    public int QuietSamples { get; init; } = 5;

    /// <summary>
    /// Next-step mode: keep adapting the error mean and deviation after calibration (exponentially weighted, only on
    /// quiet samples), so a slow benign change of noise level does not raise alarms. Off by default: adaptation
    /// also slowly learns a slow drift fault.
    /// </summary>
    public bool AdaptiveThreshold { get; init; }

    /// <summary>The adaptation weight per quiet sample when <see cref="AdaptiveThreshold"/> is on.</summary>
    public double AdaptationRate { get; init; } = 0.001;

    /// <summary><see cref="DetectionMode.LearnedReadout"/>: how the detector learns the stream.</summary>
    public LearnedScorerOptions Learning { get; init; } = new();
}
