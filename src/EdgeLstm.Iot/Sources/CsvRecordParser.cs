using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace EdgeLstm.Iot.Sources;

/// <summary>
/// Turns one CSV line into channel values and an optional timestamp without allocating. Built once from the header
/// (or the first record) by <see cref="Create"/>; the column layout is fixed from then on.
/// </summary>
internal sealed class CsvRecordParser
{
    private readonly char _separator;
    private readonly int _timestampColumn;
    private readonly int[] _valueColumns;
    private readonly int _columnCount;

    private CsvRecordParser(char separator, int timestampColumn, int[] valueColumns, int columnCount)
    {
        _separator = separator;
        _timestampColumn = timestampColumn;
        _valueColumns = valueColumns;
        _columnCount = columnCount;
    }

    public int ChannelCount => _valueColumns.Length;

    public bool HasTimestamp => _timestampColumn >= 0;

    /// <summary>
    /// Builds the parser from the first line. Returns whether that line is a header (so the caller skips it) —
    /// a line is a header when any field is neither a number nor a timestamp.
    /// </summary>
    public static CsvRecordParser Create(ReadOnlySpan<char> firstLine, CsvSourceOptions options, out bool firstLineIsHeader)
    {
        RejectOtherSeparator(firstLine, options.Separator);
        var fields = SplitToStrings(firstLine, options.Separator);
        firstLineIsHeader = false;
        foreach (var field in fields)
        {
            if (!IsNumber(field.AsSpan()) && !TryParseTimestamp(field.AsSpan(), out _))
            {
                firstLineIsHeader = true;
                break;
            }
        }

        int columnCount = options.ColumnCount ?? fields.Count;
        if (columnCount != fields.Count && firstLineIsHeader)
        {
            throw new ArgumentException($"The header has {fields.Count} columns but ColumnCount is {options.ColumnCount}.", nameof(options));
        }

        int timestampColumn = -1;
        if (options.TimestampColumn is { } named)
        {
            timestampColumn = ResolveColumn(named, fields, firstLineIsHeader, columnCount);
        }
        else if (firstLineIsHeader)
        {
            timestampColumn = fields.FindIndex(f => f.Trim().Equals("timestamp", StringComparison.OrdinalIgnoreCase)
                                                 || f.Trim().Equals("time", StringComparison.OrdinalIgnoreCase));
        }
        else
        {
            // No header: a first column that reads as a date is the timestamp (NAB files without their header).
            if (fields.Count > 1 && !IsNumber(fields[0].AsSpan()) && TryParseTimestamp(fields[0].AsSpan(), out _))
            {
                timestampColumn = 0;
            }
        }

        int[] valueColumns;
        if (options.ValueColumns is { } names)
        {
            valueColumns = new int[names.Count];
            for (int i = 0; i < names.Count; i++)
            {
                valueColumns[i] = ResolveColumn(names[i], fields, firstLineIsHeader, columnCount);
                if (valueColumns[i] == timestampColumn)
                {
                    throw new ArgumentException($"Column '{names[i]}' is both the timestamp and a value.", nameof(options));
                }
            }
        }
        else
        {
            var all = new List<int>();
            for (int i = 0; i < columnCount; i++)
            {
                if (i != timestampColumn)
                {
                    all.Add(i);
                }
            }

            valueColumns = all.ToArray();
        }

        if (valueColumns.Length == 0)
        {
            throw new ArgumentException("The CSV stream has no value column.", nameof(options));
        }

        return new CsvRecordParser(options.Separator, timestampColumn, valueColumns, columnCount);
    }

    /// <summary>
    /// A first line without the configured separator but with another one (a European "time;value" export, a
    /// tab-separated file) would read as one column of text: say so, rather than report every line as malformed.
    /// </summary>
    private static void RejectOtherSeparator(ReadOnlySpan<char> firstLine, char separator)
    {
        if (firstLine.IndexOf(separator) >= 0)
        {
            return;
        }
        foreach (char other in ";\t,")
        {
            if (other != separator && firstLine.IndexOf(other) >= 0)
            {
                string shown = firstLine.Length > 60 ? firstLine[..60].ToString() + "..." : firstLine.ToString();
                throw new InvalidDataException(
                    $"The CSV input's first line ('{shown}') is separated by {Describe(other)}, not by {Describe(separator)}: " +
                    $"set CsvSourceOptions.Separator to {Describe(other)} or write the file with {Describe(separator)}.");
            }
        }

        static string Describe(char c) => c switch { '\t' => "tabs", ';' => "';' (semicolons)", ',' => "',' (commas)", _ => $"'{c}'" };
    }

    /// <summary>Parses one record; on failure <paramref name="problem"/> says what was wrong.</summary>
    public bool TryParse(ReadOnlySpan<char> line, Span<float> values, out DateTimeOffset timestamp, out string? problem)
    {
        timestamp = default;
        problem = null;
        int column = 0;
        int remainingStart = 0;
        bool timestampSeen = _timestampColumn < 0;
        int valuesSeen = 0;
        while (true)
        {
            var rest = line[remainingStart..];
            int separator = rest.IndexOf(_separator);
            var field = (separator < 0 ? rest : rest[..separator]).Trim();
            if (column >= _columnCount)
            {
                problem = $"more than {_columnCount} columns";
                return false;
            }

            if (column == _timestampColumn)
            {
                if (!TryParseTimestamp(field, out timestamp))
                {
                    problem = $"column {column} is not a timestamp";
                    return false;
                }

                timestampSeen = true;
            }
            else
            {
                int channel = Array.IndexOf(_valueColumns, column);
                if (channel >= 0)
                {
                    if (!float.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out values[channel]))
                    {
                        problem = $"column {column} is not a number";
                        return false;
                    }

                    valuesSeen++;
                }
            }

            column++;
            if (separator < 0)
            {
                break;
            }

            remainingStart += separator + 1;
        }

        if (column != _columnCount || !timestampSeen || valuesSeen != _valueColumns.Length)
        {
            problem = $"{column} columns where {_columnCount} were expected";
            return false;
        }

        return true;
    }

    /// <summary>Reads ISO 8601 / NAB-style dates ("2014-04-10 07:15:00") or Unix seconds.</summary>
    internal static bool TryParseTimestamp(ReadOnlySpan<char> text, out DateTimeOffset timestamp)
    {
        text = text.Trim();
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds))
        {
            if (double.IsFinite(seconds) && Math.Abs(seconds) < 2.5e11)
            {
                timestamp = DateTimeOffset.UnixEpoch.AddTicks((long)(seconds * TimeSpan.TicksPerSecond));
                return true;
            }

            timestamp = default;
            return false;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out timestamp);
    }

    private static bool IsNumber(ReadOnlySpan<char> text)
        => double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    private static int ResolveColumn(string name, List<string> fields, bool hasHeader, int columnCount)
    {
        if (hasHeader)
        {
            int byName = fields.FindIndex(f => f.Trim().Equals(name, StringComparison.OrdinalIgnoreCase));
            if (byName >= 0)
            {
                return byName;
            }
        }

        if (int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out int index) && index < columnCount)
        {
            return index;
        }

        throw new ArgumentException(hasHeader
            ? $"No column '{name}' in the header ({string.Join(",", fields)})."
            : $"Column '{name}' is neither a valid index (0..{columnCount - 1}) nor usable as a name without a header.");
    }

    private static List<string> SplitToStrings(ReadOnlySpan<char> line, char separator)
    {
        var fields = new List<string>();
        foreach (var range in line.Split(separator))
        {
            fields.Add(line[range].Trim().ToString());
        }

        return fields;
    }
}
