using System;

namespace EdgeLstm.Iot.Sources;

/// <summary>
/// Yields text lines without allocating a string per line. The CSV and serial sources read through it, so tests can
/// feed lines directly and a serial port, a file and stdin share one parser.
/// </summary>
public interface ILineReader : IDisposable
{
    /// <summary>Reads the next line without its terminator. The span is valid until the next call.</summary>
    /// <returns>False at the end of the input.</returns>
    /// <exception cref="TimeoutException">No complete line arrived within the reader's timeout.</exception>
    /// <exception cref="System.IO.IOException">The underlying stream failed.</exception>
    bool TryReadLine(out ReadOnlySpan<char> line);
}
