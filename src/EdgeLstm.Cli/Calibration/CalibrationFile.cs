using System.IO;
using System.Text;
using System.Text.Json;

namespace EdgeLstm.Cli.Calibration;

/// <summary>The result of calibrating a next-step-prediction detector on normal data.</summary>
/// <param name="Model">The weight file calibrated, as given.</param>
/// <param name="Score">What the score measures.</param>
/// <param name="Quantile">The quantile of normal scores taken as the threshold.</param>
/// <param name="Threshold">Scores above it are anomalous.</param>
/// <param name="Samples">Normal scores the threshold was computed from.</param>
/// <param name="MeanScore">Their mean.</param>
/// <param name="MaxScore">Their maximum.</param>
internal sealed record DetectorCalibration(string Model, string Score, double Quantile, double Threshold, int Samples, double MeanScore, double MaxScore);

/// <summary>Writes <see cref="DetectorCalibration"/> as JSON (camelCase, no reflection: Native AOT friendly).</summary>
internal static class CalibrationFile
{
    public static void Write(string path, DetectorCalibration calibration)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("model", calibration.Model);
            json.WriteString("score", calibration.Score);
            json.WriteNumber("quantile", calibration.Quantile);
            json.WriteNumber("threshold", calibration.Threshold);
            json.WriteNumber("samples", calibration.Samples);
            json.WriteNumber("meanScore", calibration.MeanScore);
            json.WriteNumber("maxScore", calibration.MaxScore);
            json.WriteEndObject();
        }
        File.WriteAllText(path, Encoding.UTF8.GetString(buffer.ToArray()) + "\n", new UTF8Encoding(false));
    }
}
