using EdgeLstm.Iot.Detection;

namespace MachineMonitor.Device;

/// <summary>The detector settings that belong to <see cref="MachineModel"/>.</summary>
internal static class MachineDetector
{
    /// <summary>
    /// The standardisation the model was trained with: <c>input_mean</c>/<c>input_std</c> in the
    /// <c>__metadata__</c> of <c>models/machine.safetensors</c>, written by <c>training/train.py</c>. The ONNX file holds
    /// the weights only, so the detector standardises each sample before <c>Step</c> and compares the prediction in
    /// those units. A test checks these numbers against the safetensors file, so a retrained model cannot run with
    /// stale ones.
    /// </summary>
    public const float InputMean = 41.656463623046875f;

    /// <inheritdoc cref="InputMean"/>
    public const float InputStd = 27.952192306518555f;

    /// <summary>The largest self-test error (against the build-time double-precision reference) the firmware accepts.</summary>
    public const float SelfTestTolerance = 1e-4f;

    /// <summary>
    /// An event closes after this many samples below the exit threshold. The library's default (5) splits one
    /// incident that flickers around the threshold into many alarms: on NAB's cpu_utilization_asg_misconfiguration
    /// (5-minute samples) it raised 373 false positives. 30 samples (2.5 h there, 3 s at 10 Hz on a Pi) keeps one
    /// incident one alarm; this value was chosen by looking at the NAB results (docs/nab-results.md), so those
    /// results are not an unseen-data estimate.
    /// </summary>
    public const int QuietSamples = 30;

    /// <summary>Next-step detection with the library's defaults (10 warm-up samples, quantile 0.999 × 1.5, exit at half the threshold) and <see cref="QuietSamples"/>.</summary>
    public static DetectorOptions Options(int calibrationSamples) => new()
    {
        Mode = DetectionMode.NextStepPrediction,
        InputMean = [InputMean],
        InputStd = [InputStd],
        CalibrationSamples = calibrationSamples,
        QuietSamples = QuietSamples,
    };
}
