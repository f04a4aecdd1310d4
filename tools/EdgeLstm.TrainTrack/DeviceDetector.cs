using EdgeLstm.Iot.Detection;

namespace EdgeLstm.TrainTrack;

/// <summary>
/// The MachineMonitor device's detector settings (firmware-samples/MachineMonitor/Device/MachineDetector.cs and
/// CalibrationLength.cs), with the model left open. Only the recurrent core differs between the two tracks; run.sh
/// scores the shipped core through this code too, and it reproduces `MachineMonitor evaluate`'s numbers, which shows
/// the settings here are the device's.
/// </summary>
internal static class DeviceDetector
{
    /// <summary>MachineDetector.DefaultThreshold: NAB's optimum on the 56 files for the shipped core.</summary>
    public const double Threshold = 0.48535;

    /// <summary>MachineDetector.QuietSamples.</summary>
    public const int QuietSamples = 30;

    /// <summary>NAB's probationary length, min(⌊0.15 · rows⌋, 750): what the device learns on and what the core is trained on.</summary>
    public static int LearningSamples(int rows) => (int)System.Math.Min(System.Math.Floor(0.15 * rows), 0.15 * 5000);

    public static DetectorOptions Options(int rows) => new()
    {
        Mode = DetectionMode.LearnedReadout,
        CalibrationSamples = LearningSamples(rows),
        FixedThreshold = Threshold,
        QuietSamples = QuietSamples,
        Learning = new LearnedScorerOptions(),
    };
}
