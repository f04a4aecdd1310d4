using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace EdgeLstm.Cli.Csv;

/// <summary>
/// Some columns of a CSV file as a <see cref="CsvMatrix"/>, for files that also hold columns that are not numbers:
/// NAB's <c>timestamp,value</c>, a logger's <c>time,sensor,temperature,vibration</c>. The kept columns are those named
/// (by header name, or by 0-based position), or else every column whose first data row holds a number.
/// </summary>
/// <remarks>
/// The file is read by <see cref="CsvMatrix"/> itself, with the left-out fields replaced by placeholders line by line,
/// so that its rules (header detection, comments, field counts) and its file:line messages apply unchanged.
/// </remarks>
internal sealed class CsvColumnSelection
{
    private CsvColumnSelection(CsvMatrix matrix, int[] columns, IReadOnlyList<string> names, IReadOnlyList<string> skipped)
    {
        Matrix = matrix;
        Columns = columns;
        Names = names;
        Skipped = skipped;
    }

    /// <summary>The whole file; only the <see cref="Columns"/> hold real values.</summary>
    public CsvMatrix Matrix { get; }

    /// <summary>The kept columns' 0-based positions in the file, in the order asked.</summary>
    public IReadOnlyList<int> Columns { get; }

    /// <summary>The kept columns' names: the header's, or <c>column N</c> (0-based) without one.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The header names (or positions) of the columns left out when none were named.</summary>
    public IReadOnlyList<string> Skipped { get; }

    public int Rows => Matrix.Rows;

    /// <summary>Row-major [Rows, Columns.Count] of the kept columns.</summary>
    public double[] Values()
    {
        var values = new double[Matrix.Rows * Columns.Count];
        for (int r = 0; r < Matrix.Rows; r++)
        {
            for (int k = 0; k < Columns.Count; k++)
            {
                values[r * Columns.Count + k] = Matrix[r, Columns[k]];
            }
        }
        return values;
    }

    /// <param name="path">The CSV file.</param>
    /// <param name="requested">Column names or 0-based positions; null or empty for every numeric column.</param>
    /// <exception cref="CsvFormatException">The file cannot be read, a named column does not exist, or no column is numeric.</exception>
    public static CsvColumnSelection Load(string path, IReadOnlyList<string>? requested)
    {
        string[] lines = ReadLines(path);
        int first = Array.FindIndex(lines, IsContent);
        if (first < 0)
        {
            throw new CsvFormatException(path, 0, "the file holds no data rows.");
        }
        string[] firstFields = Split(lines[first]);
        int second = Array.FindIndex(lines, first + 1, IsContent);
        // Before choosing columns: a file separated by semicolons would otherwise look like one non-numeric column.
        CsvMatrix.RequireCommas(firstFields, path, first + 1);
        if (second >= 0) CsvMatrix.RequireCommas(Split(lines[second]), path, second + 1);
        bool hasHeader = IsHeader(firstFields, second < 0 ? null : Split(lines[second]));
        string[]? header = hasHeader ? firstFields.Select(f => f.Trim('"').Trim()).ToArray() : null;
        int dataLine = hasHeader ? second : first;
        if (dataLine < 0)
        {
            throw new CsvFormatException(path, 0, "the file holds a header but no data rows.");
        }

        int width = firstFields.Length;
        int[] columns;
        var skipped = new List<string>();
        if (requested is { Count: > 0 })
        {
            columns = requested.Select(name => Resolve(name, header, width, path)).ToArray();
        }
        else
        {
            string[] sample = Split(lines[dataLine]);
            columns = Enumerable.Range(0, Math.Min(width, sample.Length)).Where(c => IsNumber(sample[c])).ToArray();
            skipped.AddRange(Enumerable.Range(0, width).Except(columns).Select(c => header?[c] ?? $"column {c}"));
            if (columns.Length == 0)
            {
                throw new CsvFormatException(path, dataLine + 1,
                    "no field of the first data row is a number; name the columns to read with --columns.");
            }
        }
        var duplicate = columns.GroupBy(c => c).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new CsvFormatException(path, 0, $"column {Describe(duplicate.Key, header)} is named twice in --columns.");
        }

        string projected = Project(lines, hasHeader ? first : -1, columns, width);
        CsvMatrix matrix = CsvMatrix.Parse(new StringReader(projected), path);
        string[] names = columns.Select(c => header?[c] ?? $"column {c}").ToArray();
        return new CsvColumnSelection(matrix, columns, names, skipped);
    }

    /// <summary>
    /// The first line is a header when one of its fields is not a number where the next line has a number: a name above
    /// a value. A timestamp above a timestamp is data, so a file of timestamped rows without a header keeps its first row.
    /// </summary>
    private static bool IsHeader(string[] first, string[]? next)
    {
        if (next is null)
        {
            return !first.All(IsNumber);
        }
        for (int c = 0; c < first.Length; c++)
        {
            if (!IsNumber(first[c]) && (c >= next.Length || IsNumber(next[c])))
            {
                return true;
            }
        }
        return false;
    }

    private static int Resolve(string name, string[]? header, int width, string path)
    {
        string wanted = name.Trim();
        if (header is not null)
        {
            int exact = Array.IndexOf(header, wanted);
            if (exact >= 0) return exact;
            int[] folded = Enumerable.Range(0, header.Length).Where(i => string.Equals(header[i], wanted, StringComparison.OrdinalIgnoreCase)).ToArray();
            if (folded.Length == 1) return folded[0];
        }
        if (int.TryParse(wanted, NumberStyles.None, CultureInfo.InvariantCulture, out int index) && index < width)
        {
            return index;
        }
        string available = header is null
            ? $"the file has no header; give 0-based positions 0..{width - 1}"
            : $"the columns are {string.Join(", ", header.Select(h => $"'{h}'"))} (or 0-based positions 0..{width - 1})";
        throw new CsvFormatException(path, 0, $"no column '{wanted}'; {available}.");
    }

    // Left-out fields become "0" in data rows and "_" in the header line (index headerLine, -1 for none): every line keeps
    // its field count, a header stays a header for CsvMatrix (a left-out timestamp may be all that made it one) and a
    // data row with a left-out timestamp becomes all numbers.
    private static string Project(string[] lines, int headerLine, int[] columns, int width)
    {
        var keep = new bool[width];
        foreach (int c in columns) keep[c] = true;
        var text = new StringBuilder();
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            if (!IsContent(line))
            {
                text.Append(line).Append('\n');
                continue;
            }
            string[] fields = Split(line);
            bool isHeader = i == headerLine;
            for (int c = 0; c < fields.Length; c++)
            {
                if (c > 0) text.Append(',');
                text.Append(c < width && !keep[c] ? (isHeader ? "_" : "0") : fields[c]);
            }
            text.Append('\n');
        }
        return text.ToString();
    }

    private static string[] ReadLines(string path)
    {
        if (!File.Exists(path))
        {
            throw new CsvFormatException(path, 0, Directory.Exists(path) ? "is a directory; expected a CSV file." : "file not found.");
        }
        try
        {
            return File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CsvFormatException(path, 0, $"cannot be read: {e.Message}");
        }
    }

    private static bool IsContent(string line)
    {
        string trimmed = line.Trim();
        return trimmed.Length > 0 && trimmed[0] != '#';
    }

    private static string[] Split(string line) => line.Trim().Split(',');

    // As CsvMatrix decides what a number is, so that both agree on which line is the header.
    private static bool IsNumber(string field)
        => double.TryParse(field.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    private static string Describe(int column, string[]? header) => header is null ? column.ToString(CultureInfo.InvariantCulture) : $"'{header[column]}'";
}
