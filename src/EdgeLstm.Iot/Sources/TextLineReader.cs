using System;
using System.IO;

namespace EdgeLstm.Iot.Sources;

/// <summary>
/// An <see cref="ILineReader"/> over a <see cref="TextReader"/> (a file, stdin, a serial port's stream) that keeps
/// one fixed buffer, so reading a line allocates nothing. Lines longer than the buffer are cut at the buffer length
/// and the rest of the line is discarded (it may surface as an empty line, which callers skip) — a sensor record is never that long, and a bounded buffer means a stream of
/// garbage without newlines cannot exhaust memory.
/// </summary>
public sealed class TextLineReader : ILineReader
{
    private readonly TextReader _reader;
    private readonly bool _ownsReader;
    private readonly char[] _buffer;
    private int _start;
    private int _end;
    private bool _endOfInput;
    private bool _skipRestOfLine;
    private bool _skipLeadingLineFeed;

    /// <summary>Reads lines from <paramref name="reader"/>.</summary>
    /// <param name="reader">The text to read.</param>
    /// <param name="maxLineLength">The longest line kept whole; longer lines are truncated.</param>
    /// <param name="ownsReader">Dispose <paramref name="reader"/> with this object.</param>
    public TextLineReader(TextReader reader, int maxLineLength = 4096, bool ownsReader = true)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLineLength, 16);
        _reader = reader;
        _ownsReader = ownsReader;
        _buffer = new char[maxLineLength];
    }

    /// <inheritdoc/>
    public bool TryReadLine(out ReadOnlySpan<char> line)
    {
        if (_skipRestOfLine)
        {
            _skipRestOfLine = false;
            SkipRestOfLine();
        }

        while (true)
        {
            if (_skipLeadingLineFeed && _start < _end)
            {
                _skipLeadingLineFeed = false;
                if (_buffer[_start] == '\n')
                {
                    _start++;
                }
            }

            int newline = _buffer.AsSpan(_start, _end - _start).IndexOfAny('\n', '\r');
            if (newline >= 0)
            {
                int lineEnd = _start + newline;
                int next = lineEnd + 1;
                if (_buffer[lineEnd] == '\r')
                {
                    if (next < _end)
                    {
                        if (_buffer[next] == '\n')
                        {
                            next++;
                        }
                    }
                    else
                    {
                        // The LF of a CRLF may arrive with the next read; drop it then.
                        _skipLeadingLineFeed = true;
                    }
                }

                line = _buffer.AsSpan(_start, lineEnd - _start);
                _start = next;
                return true;
            }

            if (_endOfInput)
            {
                if (_end > _start)
                {
                    line = _buffer.AsSpan(_start, _end - _start);
                    _start = _end;
                    return true;
                }

                line = default;
                return false;
            }

            if (_start == 0 && _end == _buffer.Length)
            {
                // The buffer is full without a newline: hand out the truncated line and drop the rest of it.
                line = _buffer.AsSpan(0, _end);
                _start = _end = 0;
                _skipRestOfLine = true; // deferred: the caller still reads the span from the buffer
                return true;
            }

            Fill();
        }
    }

    private void SkipRestOfLine()
    {
        // Reads and drops chunks until a terminator is found; what follows it stays buffered.
        while (true)
        {
            if (_start == _end && !Fill())
            {
                return;
            }

            int newline = _buffer.AsSpan(_start, _end - _start).IndexOfAny('\n', '\r');
            if (newline >= 0)
            {
                // Leaves a lone LF of a CRLF behind; it reads as an empty line, which callers skip.
                _start += newline + 1;
                return;
            }

            _start = _end = 0;
        }
    }

    /// <summary>Moves pending text to the front and reads more; false when the input has ended.</summary>
    private bool Fill()
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            return true;
        }

        int read = _reader.Read(_buffer, _end, _buffer.Length - _end);
        if (read <= 0)
        {
            _endOfInput = true;
            return false;
        }

        _end += read;
        return true;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_ownsReader)
        {
            _reader.Dispose();
        }
    }
}
