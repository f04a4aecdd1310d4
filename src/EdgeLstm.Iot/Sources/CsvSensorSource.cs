using System;
using System.IO;
using System.Text;

namespace EdgeLstm.Iot.Sources;

/// <summary>
/// Replays CSV records as samples: a file, stdin, or any <see cref="ILineReader"/> (the serial source uses it).
/// The first line decides the layout (see <see cref="CsvSourceOptions"/>); NAB's <c>timestamp,value</c> files work
/// unchanged. A malformed line is returned as a <see cref="SourceFaultKind.Malformed"/> fault, counted in
/// <see cref="MalformedLines"/>, and skipped: the next read continues with the following line.
/// </summary>
public sealed class CsvSensorSource : ISensorSource
{
    private readonly ILineReader _lines;
    private readonly TimeProvider _clock;
    private readonly CsvRecordParser _parser;
    private bool _pendingFirstRecord;
    private long _lineNumber;

    // A first line that was data rather than a header, parsed at construction and replayed by the first Read.
    private readonly float[]? _firstValues;
    private readonly bool _firstOk;
    private readonly DateTimeOffset _firstTimestamp;
    private readonly string? _firstProblem;

    /// <summary>Reads records from <paramref name="lines"/>; reads the first line now to learn the layout.</summary>
    /// <param name="lines">The record stream; disposed with this source.</param>
    /// <param name="options">Column selection; null for the defaults.</param>
    /// <param name="clock">Stamps samples when the data has no timestamp column; defaults to the system clock.</param>
    /// <exception cref="InvalidDataException">The stream is empty.</exception>
    /// <exception cref="ArgumentException">A named column is not in the header.</exception>
    public CsvSensorSource(ILineReader lines, CsvSourceOptions? options = null, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(lines);
        _lines = lines;
        _clock = clock ?? TimeProvider.System;
        options ??= new CsvSourceOptions();
        ReadOnlySpan<char> first;
        do
        {
            if (!lines.TryReadLine(out first))
            {
                throw new InvalidDataException("The CSV input is empty: no header and no record.");
            }

            _lineNumber++;
        }
        while (first.IsWhiteSpace());

        _parser = CsvRecordParser.Create(first, options, out bool isHeader);
        _pendingFirstRecord = !isHeader;
        if (_pendingFirstRecord)
        {
            // The line buffer is reused by the next read, so the record is parsed now and its values kept.
            _firstValues = new float[_parser.ChannelCount];
            _firstOk = _parser.TryParse(first, _firstValues, out _firstTimestamp, out _firstProblem);
        }
    }

    /// <summary>Opens a CSV file.</summary>
    public static CsvSensorSource OpenFile(string path, CsvSourceOptions? options = null, TimeProvider? clock = null)
        => new(new TextLineReader(new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true)), options, clock);

    /// <summary>Reads CSV records from standard input (for <c>sensor-tool | monitor</c> pipelines).</summary>
    public static CsvSensorSource OpenStandardInput(CsvSourceOptions? options = null, TimeProvider? clock = null)
        => new(new TextLineReader(new StreamReader(Console.OpenStandardInput(), Encoding.UTF8)), options, clock);

    /// <inheritdoc/>
    public int ChannelCount => _parser.ChannelCount;

    /// <summary>Whether samples carry the data's own timestamps (otherwise the clock's).</summary>
    public bool HasTimestampColumn => _parser.HasTimestamp;

    /// <summary>Lines that could not be parsed so far.</summary>
    public long MalformedLines { get; private set; }

    /// <inheritdoc/>
    public SampleResult Read(Span<float> values)
    {
        SourceGuard.RequireLength(values, ChannelCount);
        if (_pendingFirstRecord)
        {
            _pendingFirstRecord = false;
            if (_firstOk)
            {
                _firstValues.AsSpan().CopyTo(values);
                return SampleResult.Ok(_parser.HasTimestamp ? _firstTimestamp : _clock.GetUtcNow());
            }

            MalformedLines++;
            return SampleResult.Failed(SourceFaultKind.Malformed, _clock.GetUtcNow(), $"line 1: {_firstProblem}");
        }

        ReadOnlySpan<char> line;
        try
        {
            do
            {
                if (!_lines.TryReadLine(out line))
                {
                    return SampleResult.EndOfStream(_clock.GetUtcNow());
                }

                _lineNumber++;
            }
            while (line.IsWhiteSpace());
        }
        catch (TimeoutException ex)
        {
            return SampleResult.Failed(SourceFaultKind.Stalled, _clock.GetUtcNow(), ex.Message);
        }
        catch (IOException ex)
        {
            return SampleResult.Failed(SourceFaultKind.IoError, _clock.GetUtcNow(), ex.Message);
        }
        catch (InvalidOperationException ex)
        {
            // SerialPort throws this when the port was closed under us (USB cable pulled).
            return SampleResult.Failed(SourceFaultKind.Disconnected, _clock.GetUtcNow(), ex.Message);
        }

        if (!_parser.TryParse(line, values, out var timestamp, out string? problem))
        {
            MalformedLines++;
            return SampleResult.Failed(SourceFaultKind.Malformed, _clock.GetUtcNow(), $"line {_lineNumber}: {problem}");
        }

        return SampleResult.Ok(_parser.HasTimestamp ? timestamp : _clock.GetUtcNow());
    }

    /// <inheritdoc/>
    public void Dispose() => _lines.Dispose();
}
