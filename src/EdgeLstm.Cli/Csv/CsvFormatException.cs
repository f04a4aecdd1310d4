using EdgeLstm.Cli.Infrastructure;

namespace EdgeLstm.Cli.Csv;

/// <summary>A CSV file that cannot be read as a numeric matrix. The message reads "file:line: problem", like a compiler's.</summary>
internal sealed class CsvFormatException : InputException
{
    public CsvFormatException(string source, int line, string problem)
        : base(line > 0 ? $"{source}:{line}: {problem}" : $"{source}: {problem}")
    {
        Source = source;
        Line = line;
    }

    /// <summary>The file as the user named it.</summary>
    public new string Source { get; }

    /// <summary>1-based line number, or 0 when the problem concerns the whole file.</summary>
    public int Line { get; }
}
