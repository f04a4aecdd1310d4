using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;

namespace EdgeLstm.Iot.Evaluation;

/// <summary>Loads NAB's files: <c>timestamp,value</c> series and the <c>windows.json</c> labels.</summary>
public static class NabDataSet
{
    /// <summary>Reads a NAB <c>timestamp,value</c> file.</summary>
    /// <exception cref="InvalidDataException">A row is not <c>timestamp,value</c>; the message names file and line.</exception>
    public static (List<DateTime> Timestamps, List<float> Values) ReadSeries(string path)
    {
        var timestamps = new List<DateTime>();
        var values = new List<float>();
        int lineNumber = 0;
        foreach (string line in File.ReadLines(path))
        {
            lineNumber++;
            if (lineNumber == 1 || string.IsNullOrWhiteSpace(line))
            {
                continue; // header
            }

            int comma = line.IndexOf(',', StringComparison.Ordinal);
            if (comma < 0
                || !DateTime.TryParse(line.AsSpan(0, comma), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time)
                || !float.TryParse(line.AsSpan(comma + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out float value))
            {
                throw new InvalidDataException($"{path}: line {lineNumber}: expected 'timestamp,value', found '{line}'.");
            }

            timestamps.Add(time);
            values.Add(value);
        }

        return (timestamps, values);
    }

    /// <summary>Reads NAB's <c>combined_windows.json</c>-style labels: file name → list of [start, end] pairs.</summary>
    /// <exception cref="InvalidDataException">The JSON does not have that shape.</exception>
    public static Dictionary<string, List<NabWindow>> ReadWindows(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var result = new Dictionary<string, List<NabWindow>>(StringComparer.Ordinal);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"{path}: the root must be an object mapping file names to windows.");
        }

        foreach (var file in document.RootElement.EnumerateObject())
        {
            var windows = new List<NabWindow>();
            if (file.Value.ValueKind != JsonValueKind.Array)
            {
                throw new InvalidDataException($"{path}: '{file.Name}' must map to an array of [start, end] pairs.");
            }

            foreach (var pair in file.Value.EnumerateArray())
            {
                if (pair.ValueKind != JsonValueKind.Array || pair.GetArrayLength() != 2
                    || !TryTime(pair[0], out var start) || !TryTime(pair[1], out var end) || end < start)
                {
                    throw new InvalidDataException($"{path}: '{file.Name}': each window must be [\"start\", \"end\"] with start <= end.");
                }

                windows.Add(new NabWindow(start, end));
            }

            result[file.Name] = windows;
        }

        return result;
    }

    private static bool TryTime(JsonElement element, out DateTime time)
    {
        time = default;
        return element.ValueKind == JsonValueKind.String
            && DateTime.TryParse(element.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out time);
    }
}
