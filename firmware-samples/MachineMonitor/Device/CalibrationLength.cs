using System;
using System.Globalization;
using System.IO;
using MachineMonitor.App;

namespace MachineMonitor.Device;

/// <summary>How many scored samples the detector calibrates on.</summary>
internal static class CalibrationLength
{
    /// <summary>
    /// For a CSV file (whose length is known) the leading <see cref="MonitorSettings.CalibrationFraction"/> of its rows,
    /// minus the warm-up and the first sample (which has no prediction yet to score) — the same span
    /// <c>NabEvaluator</c> calibrates on for NAB files under 5000 rows. Otherwise <see cref="MonitorSettings.CalibrationSamples"/>.
    /// </summary>
    public static int For(MonitorSettings settings, int warmupSamples)
    {
        if (settings.Source != SourceKind.Csv || settings.Input is null or "-")
        {
            return settings.CalibrationSamples;
        }

        long rows = CountDataRows(settings.Input);
        long span = (long)Math.Floor(settings.CalibrationFraction * rows) - warmupSamples - 1;
        if (span < 2)
        {
            throw new ArgumentException(
                $"{settings.Input}: {rows} rows; --calibration-fraction {settings.CalibrationFraction} leaves {Math.Max(span, 0)} samples to calibrate on " +
                $"after the {warmupSamples}-sample warm-up (at least 2 are needed).");
        }

        return (int)Math.Min(span, int.MaxValue);
    }

    /// <summary>
    /// Rows that will become samples: lines with a number in them, all of them finite. A header, a malformed line and
    /// a NaN reading are skipped by the source and so do not count, so a glitch does not move the calibration span.
    /// </summary>
    private static long CountDataRows(string path)
    {
        long rows = 0;
        foreach (string line in File.ReadLines(path))
        {
            if (IsDataRow(line))
            {
                rows++;
            }
        }

        return rows;
    }

    private static bool IsDataRow(string line)
    {
        bool anyNumber = false;
        foreach (string field in line.Split(','))
        {
            if (double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
            {
                if (!double.IsFinite(value))
                {
                    return false;
                }

                anyNumber = true;
            }
        }

        return anyNumber;
    }
}
