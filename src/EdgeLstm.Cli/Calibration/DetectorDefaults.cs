namespace EdgeLstm.Cli.Calibration;

/// <summary>
/// The detector settings calibration depends on, equal to the defaults of EdgeLstm.Iot's DetectorOptions so that the
/// threshold computed here is the one the device would compute on the same data. To be replaced by DetectorOptions
/// itself once the CLI references EdgeLstm.Iot.
/// </summary>
internal static class DetectorDefaults
{
    /// <summary>Samples that only advance the model's state before scoring starts.</summary>
    public const int WarmupSamples = 10;

    /// <summary>Multiplies the calibrated quantile: headroom above the worst normal behaviour seen.</summary>
    public const double ThresholdScale = 1.5;

    /// <summary>An event ends once the score stays below threshold times this.</summary>
    public const double ExitRatio = 0.5;
}
