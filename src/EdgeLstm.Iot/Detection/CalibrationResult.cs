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
    UseStringEnumConverter = true,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(CalibrationResult))]
internal sealed partial class IotJsonContext : JsonSerializerContext
{
}
