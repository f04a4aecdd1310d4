using System;
using System.IO;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdgeLstm.Iot.Detection;

/// <summary>
/// What calibration learned: the normal error level and the thresholds. Saved as a small JSON file by the CLI's
/// <c>calibrate</c> command and loaded by the firmware, so the device starts detecting at once instead of
/// re-calibrating after every restart.
/// </summary>
public sealed record CalibrationResult
{
    /// <summary>The file format version this code writes.</summary>
    public const int CurrentFormatVersion = 1;

    /// <summary>The format version of the file.</summary>
    public int FormatVersion { get; init; } = CurrentFormatVersion;

    /// <summary>The detection mode it was calibrated for.</summary>
    public DetectionMode Mode { get; init; }

    /// <summary>Mean of the raw score on normal data (0 in direct mode).</summary>
    public double ErrorMean { get; init; }

    /// <summary>Standard deviation of the raw score on normal data (1 in direct mode).</summary>
    public double ErrorStd { get; init; } = 1;

    /// <summary>Scores above this start an event.</summary>
    public double Threshold { get; init; }

    /// <summary>Scores must stay below this to end an event.</summary>
    public double ExitThreshold { get; init; }

    /// <summary>The quantile the threshold was taken from (informational).</summary>
    public double Quantile { get; init; }

    /// <summary>Scores the calibration saw.</summary>
    public long SampleCount { get; init; }

    /// <summary>
    /// <see cref="DetectionMode.LearnedReadout"/>: everything the detector has learned (standardisation, readouts,
    /// likelihood windows, the model inputs to replay into the recurrent state) as one array, so a restarted device
    /// continues exactly where it stopped. Null in the other modes.
    /// </summary>
    public double[]? Adaptation { get; init; }

    /// <summary>What wrote <see cref="Adaptation"/> (model, learning period, settings); only the same can read it.</summary>
    public string? AdaptationLayout { get; init; }

    /// <summary>
    /// Calibrates from the raw scores of normal data exactly as <see cref="AnomalyDetector{TModel}"/> does when its
    /// calibration span is full, so a tool that calibrates offline (the CLI's <c>calibrate</c>) writes the threshold
    /// the device would have computed. Next-step mode standardises: with m and s the mean and sample standard
    /// deviation of the scores, threshold = (quantile − m) / s × <see cref="DetectorOptions.ThresholdScale"/>.
    /// Direct mode uses the quantile of the raw scores × scale. The exit threshold is threshold ×
    /// <see cref="DetectorOptions.ExitRatio"/>.
    /// </summary>
    /// <param name="scores">Raw scores (at least one); <b>sorted in place</b>, so that calibrating on a device allocates nothing.</param>
    /// <param name="options">Supplies <see cref="DetectorOptions.Mode"/>, <see cref="DetectorOptions.CalibrationQuantile"/>,
    /// <see cref="DetectorOptions.ThresholdScale"/> and <see cref="DetectorOptions.ExitRatio"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="scores"/> is empty or holds a non-finite value.</exception>
    public static CalibrationResult FromScores(Span<double> scores, DetectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (scores.IsEmpty)
        {
            throw new ArgumentException("No calibration scores were collected.", nameof(scores));
        }

        double sum = 0;
        foreach (double score in scores)
        {
            if (!double.IsFinite(score))
            {
                throw new ArgumentException($"Calibration score {score} is not finite.", nameof(scores));
            }

            sum += score;
        }

        // Two passes (mean, then squared deviations): exact enough that offline and on-device results agree to the last digits.
        double mean = sum / scores.Length;
        double squares = 0;
        foreach (double score in scores)
        {
            squares += (score - mean) * (score - mean);
        }

        bool standardise = options.Mode == DetectionMode.NextStepPrediction;
        double std = scores.Length > 1 ? Math.Sqrt(squares / (scores.Length - 1)) : 0.0;
        double centre = standardise ? mean : 0.0;
        double scale = standardise ? Math.Max(std, 1e-12) : 1.0;
        scores.Sort();
        double threshold = (SortedQuantile(scores, options.CalibrationQuantile) - centre) / scale * options.ThresholdScale;
        return new CalibrationResult
        {
            Mode = options.Mode,
            ErrorMean = centre,
            ErrorStd = scale,
            Threshold = threshold,
            ExitThreshold = threshold * options.ExitRatio,
            Quantile = options.CalibrationQuantile,
            SampleCount = scores.Length,
        };
    }

    /// <summary>The q-quantile of sorted values with linear interpolation between order statistics (NumPy's default method).</summary>
    private static double SortedQuantile(ReadOnlySpan<double> sorted, double q)
    {
        double position = q * (sorted.Length - 1);
        int lower = (int)Math.Floor(position);
        int upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + ((sorted[upper] - sorted[lower]) * (position - lower));
    }

    /// <summary>Writes the result as indented JSON.</summary>
    public void Save(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = File.Create(path);
        JsonSerializer.Serialize(stream, this, IotJsonContext.Default.CalibrationResult);
    }

    /// <summary>Reads and checks a calibration file.</summary>
    /// <exception cref="InvalidDataException">The file is not valid calibration JSON; the message names the file and the problem.</exception>
    public static CalibrationResult Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        CalibrationResult? result;
        try
        {
            using var stream = File.OpenRead(path);
            result = JsonSerializer.Deserialize(stream, IotJsonContext.Default.CalibrationResult);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path}: line {ex.LineNumber + 1}, byte {ex.BytePositionInLine}: not valid calibration JSON ({ex.Message})", ex);
        }

        if (result is null)
        {
            throw new InvalidDataException($"{path}: the file holds JSON null, expected a calibration object.");
        }

        result.Validate(path);
        return result;
    }

    private void Validate(string path)
    {
        if (FormatVersion != CurrentFormatVersion)
        {
            throw new InvalidDataException($"{path}: formatVersion is {FormatVersion}; this library reads version {CurrentFormatVersion}.");
        }

        if (!double.IsFinite(ErrorMean) || !double.IsFinite(ErrorStd) || ErrorStd <= 0)
        {
            throw new InvalidDataException($"{path}: errorMean ({ErrorMean}) must be finite and errorStd ({ErrorStd}) finite and positive.");
        }

        if (!double.IsFinite(Threshold) || !double.IsFinite(ExitThreshold) || ExitThreshold > Threshold)
        {
            throw new InvalidDataException($"{path}: threshold ({Threshold}) and exitThreshold ({ExitThreshold}) must be finite with exitThreshold <= threshold.");
        }
    }
}

/// <summary>Source-generated JSON metadata: no reflection, so calibration files load under Native AOT.</summary>
[JsonSourceGenerationOptions(
    WriteIndented = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(CalibrationResult))]
internal sealed partial class IotJsonContext : JsonSerializerContext
{
}
