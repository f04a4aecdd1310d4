using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace EdgeLstm.Evaluation.Nab;

/// <summary>
/// The NAB data files of a folder laid out as NAB's <c>data/</c>: <c>&lt;category&gt;/&lt;file&gt;.csv</c> with
/// <c>timestamp,value</c> rows, and <c>windows.json</c> (NAB's <c>labels/combined_windows.json</c>) beside them.
/// </summary>
public sealed class NabCorpus
{
    /// <summary>The labels file's name inside the data folder.</summary>
    public const string WindowsFileName = "windows.json";

    private NabCorpus(string directory, List<NabDataFile> files, List<string> missing)
    {
        Directory = directory;
        Files = files;
        Missing = missing;
    }

    /// <summary>The data folder.</summary>
    public string Directory { get; }

    /// <summary>The labelled files present, in ordinal order of their names.</summary>
    public IReadOnlyList<NabDataFile> Files { get; }

    /// <summary>Files labelled in <c>windows.json</c> but absent from the folder (not scored).</summary>
    public IReadOnlyList<string> Missing { get; }

    /// <summary>Labelled windows over <see cref="Files"/>: NAB's "perfect" count of true positives.</summary>
    public int WindowCount => Files.Sum(f => f.Windows.Length);

    /// <summary>Loads every file <c>windows.json</c> labels that is present under <paramref name="directory"/>.</summary>
    /// <exception cref="InvalidDataException">A file or the labels are malformed; the message names the file and the place.</exception>
    public static NabCorpus Load(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var labels = ReadWindows(Path.Combine(directory, WindowsFileName));
        var files = new List<NabDataFile>();
        var missing = new List<string>();
        foreach (var (name, windows) in labels.OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            string path = Path.Combine(directory, name);
            if (!File.Exists(path))
            {
                missing.Add(name);
                continue;
            }

            var (timestamps, values) = ReadSeries(path);
            try
            {
                files.Add(new NabDataFile(name, timestamps, values, windows));
            }
            catch (ArgumentException ex)
            {
                throw new InvalidDataException($"{Path.Combine(directory, WindowsFileName)}: {ex.Message}", ex);
            }
        }

        return new NabCorpus(directory, files, missing);
    }

    /// <summary>Reads a NAB <c>timestamp,value</c> file (one header line).</summary>
    /// <remarks>Timestamps are not required to ascend: some NAB files repeat an hour at a daylight-saving change.</remarks>
    /// <exception cref="InvalidDataException">A row is not <c>timestamp,value</c>.</exception>
    public static (DateTime[] Timestamps, double[] Values) ReadSeries(string path)
    {
        var timestamps = new List<DateTime>();
        var values = new List<double>();
        int lineNumber = 0;
        foreach (string line in File.ReadLines(path))
        {
            if (++lineNumber == 1 || line.Length == 0)
            {
                continue;
            }

            int comma = line.IndexOf(',', StringComparison.Ordinal);
            if (comma < 0 || !TryParseTime(line.AsSpan(0, comma), out var time)
                || !double.TryParse(line.AsSpan(comma + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
            {
                throw new InvalidDataException($"{path}: line {lineNumber}: expected 'timestamp,value', found '{line}'.");
            }

            timestamps.Add(time);
            values.Add(value);
        }

        return (timestamps.ToArray(), values.ToArray());
    }

    /// <summary>Reads NAB's <c>combined_windows.json</c>: file name → list of [start, end] timestamp pairs.</summary>
    /// <exception cref="InvalidDataException">The JSON does not have that shape.</exception>
    public static Dictionary<string, List<NabWindow>> ReadWindows(string path)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(path));
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path}: line {ex.LineNumber + 1}: not valid JSON ({ex.Message})", ex);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException($"{path}: the root must be an object mapping file names to windows.");
            }

            var result = new Dictionary<string, List<NabWindow>>(StringComparer.Ordinal);
            foreach (var file in document.RootElement.EnumerateObject())
            {
                if (file.Value.ValueKind != JsonValueKind.Array)
                {
                    throw new InvalidDataException($"{path}: '{file.Name}' must map to an array of [start, end] pairs.");
                }

                var windows = new List<NabWindow>();
                foreach (var pair in file.Value.EnumerateArray())
                {
                    if (pair.ValueKind != JsonValueKind.Array || pair.GetArrayLength() != 2
                        || !TryTime(pair[0], out var start) || !TryTime(pair[1], out var end))
                    {
                        throw new InvalidDataException($"{path}: '{file.Name}': each window must be [\"start\", \"end\"] timestamps.");
                    }

                    windows.Add(new NabWindow(start, end));
                }

                result[file.Name] = windows;
            }

            return result;
        }
    }

    /// <summary>Parses a NAB timestamp (<c>2014-04-10 07:15:00</c>, optionally with fractional seconds) as UTC.</summary>
    public static bool TryParseTime(ReadOnlySpan<char> text, out DateTime time)
        => DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out time);

    private static bool TryTime(JsonElement element, out DateTime time)
    {
        time = default;
        return element.ValueKind == JsonValueKind.String && TryParseTime(element.GetString(), out time);
    }
}
