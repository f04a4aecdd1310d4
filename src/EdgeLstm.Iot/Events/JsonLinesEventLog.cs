using System;
using System.IO;

namespace EdgeLstm.Iot.Events;

/// <summary>
/// An append-only JSON Lines event log that survives power loss and <c>kill -9</c>: each event is written with
/// one <c>write</c> call and then <c>fsync</c>'ed (<see cref="FileStream.Flush(bool)"/> with
/// <c>flushToDisk: true</c>) before <see cref="Write"/> returns, so every event reported as written is on disk
/// and complete. A crash in the middle of a write can leave a partial last line; on open, anything after the
/// last newline is truncated away so the file is again a sequence of whole lines.
/// </summary>
public sealed class JsonLinesEventLog : IEventSink
{
    private readonly FileStream _stream;
    private readonly EventJsonFormatter _formatter = new();

    /// <summary>Opens (or creates) the log at <paramref name="path"/> for appending.</summary>
    public JsonLinesEventLog(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        Path = path;
        _stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, bufferSize: 0);
        try
        {
            TruncatedBytes = TruncatePartialLastLine(_stream);
            _stream.Seek(0, SeekOrigin.End);
        }
        catch
        {
            _stream.Dispose();
            throw;
        }
    }

    /// <summary>The log file.</summary>
    public string Path { get; }

    /// <summary>Bytes of a partial last line removed when the log was opened (0 after a clean shutdown).</summary>
    public long TruncatedBytes { get; }

    /// <summary>Events written by this instance.</summary>
    public long EventsWritten { get; private set; }

    /// <inheritdoc/>
    public void Write(in MonitorEvent monitorEvent)
    {
        _stream.Write(_formatter.Format(monitorEvent));
        _stream.Flush(flushToDisk: true);
        EventsWritten++;
    }

    /// <inheritdoc/>
    public void Dispose() => _stream.Dispose();

    private static long TruncatePartialLastLine(FileStream stream)
    {
        long length = stream.Length;
        if (length == 0)
        {
            return 0;
        }

        // Scan backwards in small blocks for the last newline; bounded by the file length.
        Span<byte> block = stackalloc byte[4096];
        long end = length;
        while (end > 0)
        {
            int size = (int)Math.Min(block.Length, end);
            long start = end - size;
            stream.Seek(start, SeekOrigin.Begin);
            stream.ReadExactly(block[..size]);
            int newline = block[..size].LastIndexOf((byte)'\n');
            if (newline >= 0)
            {
                long keep = start + newline + 1;
                if (keep < length)
                {
                    stream.SetLength(keep);
                    stream.Flush(flushToDisk: true);
                }

                return length - keep;
            }

            end = start;
        }

        // No newline at all: the whole file is one partial line.
        stream.SetLength(0);
        stream.Flush(flushToDisk: true);
        return length;
    }
}
