using EdgeLstm.Iot.Detection;

namespace MachineMonitor.Device;

/// <summary>The detector settings that belong to <see cref="MachineFeatures"/>: one configuration for every stream.</summary>
internal static class MachineDetector
{
    /// <summary>The largest self-test error (against the build-time double-precision reference) the firmware accepts.</summary>
    public const float SelfTestTolerance = 1e-4f;

    /// <summary>
    /// The alarm threshold on the detector's [0, 1] score: NAB's optimiser, over the 56 bundled NAB files, finds
    /// 0.4853749681159439 for all three profiles (<c>MachineMonitor evaluate</c>; docs/nab-results.md). That is one
    /// row's score, and the next lower score in the corpus is 0.48531839; the device uses the value between them, so the
    /// ~1e-6 differences between builds (JIT, Native AOT x64, arm64 SIMD) cannot move a row across the threshold.
    /// </summary>
    public const double DefaultThreshold = 0.48535;

    /// <summary>An event closes after this many samples below half the threshold (the score is 0 for a while after an alarm).</summary>
    public const int QuietSamples = 30;

    /// <summary>The detector with its two model instances (fine and coarse time scale).</summary>
    public static AnomalyDetector<MachineFeatures> Create(DetectorOptions options, CalibrationResult? calibration = null)
        => options.Learning.CoarseModel
            ? new(new MachineFeatures(), new MachineFeatures(), options, calibration)
            : new(new MachineFeatures(), options, calibration);

    /// <summary>The detector: learned readout over the LSTM's state, anomaly likelihood, alarm at <paramref name="threshold"/>.</summary>
    /// <param name="learningSamples">The learning period (NAB's probationary period on a replay).</param>
    /// <param name="learning">Learning settings; null for the defaults.</param>
    /// <param name="threshold">The alarm threshold.</param>
    public static DetectorOptions Options(int learningSamples, LearnedScorerOptions? learning = null, double threshold = DefaultThreshold) => new()
    {
        Mode = DetectionMode.LearnedReadout,
        CalibrationSamples = learningSamples,
        FixedThreshold = threshold,
        QuietSamples = QuietSamples,
        Learning = learning ?? new LearnedScorerOptions(),
    };
}
