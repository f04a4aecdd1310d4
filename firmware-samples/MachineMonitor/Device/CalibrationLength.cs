using System;
using System.Globalization;
using System.IO;
using MachineMonitor.App;

namespace MachineMonitor.Device;

/// <summary>How many scored samples the detector calibrates on.</summary>
internal static class CalibrationLength
{
    /// <summary>
    /// For a CSV file (whose length is known) NAB's probationary period generalised to any fraction f:
    /// min(⌊f · rows⌋, f · 5000) — for f = 0.15, NAB's min(15 %, 750 rows), the span <c>MachineMonitor evaluate</c>
    /// learns on too. Otherwise (standard input, sensors, or when <c>--calibration-samples</c> is given) <see cref="MonitorSettings.CalibrationSamples"/>.
    /// </summary>
    public static int For(MonitorSettings settings)
    {
        if (settings.Source != SourceKind.Csv || settings.Input is null or "-" || settings.CalibrationSamplesGiven)
        {
            return settings.CalibrationSamples;
        }

        long rows = CountDataRows(settings.Input);
        int span = ForRows(rows, settings.CalibrationFraction);
        if (span < 2)
        {
            throw new ArgumentException(
                $"{settings.Input}: {rows} rows; --calibration-fraction {settings.CalibrationFraction} leaves {span} samples to learn from (at least 2 are needed).");
        }

        return span;
    }

    /// <summary>min(⌊fraction · rows⌋, fraction · 5000): NAB's probationary length for fraction 0.15.</summary>
    public static int ForRows(long rows, double fraction) => (int)Math.Min(Math.Floor(fraction * rows), fraction * 5000);

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
