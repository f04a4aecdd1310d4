using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace EdgeLstm.Cli.Calibration;

/// <summary>
/// A calibration in the schema of EdgeLstm.Iot's CalibrationResult (format version 1), which the MachineMonitor
/// firmware loads: scores are standardised by their normal mean and deviation, and the thresholds are in those units.
/// </summary>
/// <param name="Model">The weight file calibrated, as given (an extra field the firmware ignores).</param>
/// <param name="ErrorMean">Mean raw score on normal data.</param>
/// <param name="ErrorStd">Sample standard deviation of the raw scores on normal data.</param>
/// <param name="Threshold">Standardised scores above it start an event.</param>
/// <param name="ExitThreshold">Standardised scores must stay below it to end an event.</param>
/// <param name="Quantile">The quantile of normal scores the threshold was taken from.</param>
/// <param name="SampleCount">Normal scores seen.</param>
internal sealed record DetectorCalibration(string Model, double ErrorMean, double ErrorStd, double Threshold, double ExitThreshold,
    double Quantile, long SampleCount)
{
    /// <summary>Calibrates from raw next-step scores on normal data, as the detector does.</summary>
    public static DetectorCalibration FromScores(string model, double[] scores, double quantile)
    {
        double mean = scores.Average();
        double variance = scores.Length > 1 ? scores.Sum(s => (s - mean) * (s - mean)) / (scores.Length - 1) : 0;
        double std = Math.Max(Math.Sqrt(variance), 1e-12);
        double threshold = (Calibration.Quantile.Of(scores, quantile) - mean) / std * DetectorDefaults.ThresholdScale;
        return new DetectorCalibration(model, mean, std, threshold, threshold * DetectorDefaults.ExitRatio, quantile, scores.Length);
    }
}

/// <summary>Writes <see cref="DetectorCalibration"/> as JSON (camelCase, no reflection: Native AOT friendly).</summary>
internal static class CalibrationFile
{
    public const int FormatVersion = 1;

    public static void Write(string path, DetectorCalibration calibration)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("formatVersion", FormatVersion);
            json.WriteString("mode", "NextStepPrediction");
            json.WriteNumber("errorMean", calibration.ErrorMean);
            json.WriteNumber("errorStd", calibration.ErrorStd);
            json.WriteNumber("threshold", calibration.Threshold);
            json.WriteNumber("exitThreshold", calibration.ExitThreshold);
            json.WriteNumber("quantile", calibration.Quantile);
            json.WriteNumber("sampleCount", calibration.SampleCount);
            json.WriteString("model", calibration.Model);
            json.WriteEndObject();
        }
        File.WriteAllText(path, Encoding.UTF8.GetString(buffer.ToArray()) + "\n", new UTF8Encoding(false));
    }
}
