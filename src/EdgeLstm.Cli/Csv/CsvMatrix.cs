using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace EdgeLstm.Cli.Csv;

/// <summary>
/// A numeric CSV file read as a row-major matrix: one row per time step, one column per channel.
/// </summary>
/// <remarks>
/// Rules, chosen to accept what PyTorch/NumPy/pandas and the generated device code write:
/// <list type="bullet">
/// <item>Fields are separated by commas; spaces around a field are ignored. Blank lines and lines starting with
/// <c>#</c> are skipped.</item>
/// <item>The header is optional: the first line is a header when any of its fields is not a number.</item>
/// <item>Numbers use the invariant culture (a dot as the decimal separator, whatever the machine's locale) and
/// must be finite.</item>
/// <item>Every row has as many fields as the first line.</item>
/// </list>
/// Every error names the file and the line.
/// </remarks>
internal sealed class CsvMatrix
{
    private readonly int[] _lines;

    private CsvMatrix(string source, IReadOnlyList<string>? header, int rows, int columns, double[] values, int[] lines)
    {
        Source = source;
        Header = header;
        Rows = rows;
        Columns = columns;
        Values = values;
        _lines = lines;
    }

    /// <summary>The file as the user named it (or "stdin").</summary>
    public string Source { get; }

    /// <summary>The column names, when the file has a header line.</summary>
    public IReadOnlyList<string>? Header { get; }

    public int Rows { get; }

    public int Columns { get; }

    /// <summary>Row-major [Rows, Columns].</summary>
    public double[] Values { get; }

    /// <summary>The 1-based line each row came from, for error messages about a particular row.</summary>
    public IReadOnlyList<int> LineNumbers => _lines;

    public double this[int row, int column] => Values[row * Columns + column];

    /// <summary>Reads a file; a missing or unreadable file is a <see cref="CsvFormatException"/> naming it.</summary>
    public static CsvMatrix Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new CsvFormatException(path, 0, Directory.Exists(path) ? "is a directory; expected a CSV file." : "file not found.");
        }
        try
        {
            using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
            return Parse(reader, path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CsvFormatException(path, 0, $"cannot be read: {e.Message}");
        }
    }

    /// <summary>Reads CSV text to its end.</summary>
    public static CsvMatrix Parse(TextReader reader, string source)
    {
        List<string>? header = null;
        var values = new List<double>();
        var lines = new List<int>();
        int columns = -1;
        int lineNumber = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            string trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed[0] == '#')
            {
                continue;
            }

            string[] fields = trimmed.Split(',');
            RequireCommas(fields, source, lineNumber);
            if (columns < 0)
            {
                columns = fields.Length;
                if (!AllNumbers(fields))
                {
                    header = ReadHeader(fields, source, lineNumber);
                    continue;
                }
            }
            else if (fields.Length != columns)
            {
                throw new CsvFormatException(source, lineNumber,
                    $"{fields.Length} field(s); expected {columns} like the {(header is null ? "first row" : "header")}.");
            }

            for (int column = 0; column < fields.Length; column++)
            {
                values.Add(ParseNumber(fields[column], source, lineNumber, column, header));
            }
            lines.Add(lineNumber);
        }

        if (lines.Count == 0)
        {
            throw new CsvFormatException(source, 0, header is null ? "the file holds no data rows." : "the file holds a header but no data rows.");
        }
        return new CsvMatrix(source, header, lines.Count, columns, values.ToArray(), lines.ToArray());
    }

    /// <summary>Throws unless the file has exactly <paramref name="expected"/> columns; <paramref name="meaning"/> says why.</summary>
    public void RequireColumns(int expected, string meaning)
    {
        if (Columns != expected)
        {
            throw new CsvFormatException(Source, 0, $"has {Columns} column(s); expected {expected} ({meaning}).");
        }
    }

    /// <summary>Copies row <paramref name="row"/> into a new array.</summary>
    public double[] Row(int row)
    {
        var result = new double[Columns];
        Array.Copy(Values, row * Columns, result, 0, Columns);
        return result;
    }

    /// <summary>The first <paramref name="rows"/> rows.</summary>
    public CsvMatrix Take(int rows)
    {
        if (rows < 0 || rows > Rows) throw new ArgumentOutOfRangeException(nameof(rows), rows, $"expected 0..{Rows}.");
        var values = new double[rows * Columns];
        Array.Copy(Values, values, values.Length);
        var lines = new int[rows];
        Array.Copy(_lines, lines, rows);
        return new CsvMatrix(Source, Header, rows, Columns, values, lines);
    }

    /// <summary>Throws, saying how to write commas, when a line's fields are separated otherwise.</summary>
    internal static void RequireCommas(string[] fields, string source, int lineNumber)
    {
        if (OtherSeparator(fields) is { } separator)
        {
            throw new CsvFormatException(source, lineNumber,
                $"the fields are separated by {separator}; EdgeLstm reads comma-separated values with '.' as the decimal separator. " +
                "Write the file with commas (pandas: df.to_csv(path, sep=',', decimal='.'); NumPy: np.savetxt(path, data, delimiter=','); " +
                "Excel: save as \"CSV (Comma delimited)\").");
        }
    }

    /// <summary>
    /// The separator a line uses instead of commas, or null: a semicolon or a tab inside a field (neither can be part of
    /// a number or of a header pandas or NumPy writes), or numbers separated by spaces (NumPy's savetxt default). A
    /// header name may hold spaces, so spaces count only where every space-separated part is a number.
    /// </summary>
    private static string? OtherSeparator(string[] fields)
    {
        foreach (string field in fields)
        {
            string text = field.Trim();
            if (text.IndexOf(';') >= 0) return "';' (semicolons)";
            if (text.IndexOf('\t') >= 0) return "tabs";
        }
        foreach (string field in fields)
        {
            string[] parts = field.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length > 1 && AllNumbers(parts)) return "spaces";
        }
        return null;
    }

    private static bool AllNumbers(string[] fields)
    {
        foreach (string field in fields)
        {
            if (!double.TryParse(field.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            {
                return false;
            }
        }
        return true;
    }

    private static List<string> ReadHeader(string[] fields, string source, int lineNumber)
    {
        var names = new List<string>(fields.Length);
        for (int i = 0; i < fields.Length; i++)
        {
            // pandas quotes names only when it must; accept "name" as well as name.
            string name = fields[i].Trim().Trim('"').Trim();
            if (name.Length == 0)
            {
                throw new CsvFormatException(source, lineNumber, $"header field {i + 1} is empty; every column needs a name.");
            }
            names.Add(name);
        }
        return names;
    }

    private static double ParseNumber(string field, string source, int lineNumber, int column, List<string>? header)
    {
        string text = field.Trim();
        string where = header is null ? $"field {column + 1}" : $"field {column + 1} ('{header[column]}')";
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
        {
            string shown = text.Length > 40 ? text.Substring(0, 40) + "..." : text;
            throw new CsvFormatException(source, lineNumber,
                $"{where} is '{shown}'; expected a number with '.' as the decimal separator.");
        }
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            throw new CsvFormatException(source, lineNumber, $"{where} is {text}; expected a finite number.");
        }
        return value;
    }
}
