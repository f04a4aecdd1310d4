using System;
using System.Buffers;
using System.IO;
using System.Text;
using System.Threading;

namespace EdgeLstm.Iot.Fleet;

/// <summary>One logged event on its way to the broker.</summary>
/// <param name="Sequence">Its line number in the log, from 1: with the device id, its stable <c>id</c>.</param>
/// <param name="EndOffset">The log offset just after its line: where the cursor moves once it is acknowledged.</param>
/// <param name="Payload">The log's JSON object with <c>id</c> and <c>device</c> added in front.</param>
public readonly record struct OutboxEntry(long Sequence, long EndOffset, ReadOnlyMemory<byte> Payload);

/// <summary>
/// The durable JSON-lines event log read as an outbox: everything after the <see cref="OutboxCursor"/> is not yet
/// acknowledged by the broker. The log stays the only record: nothing is copied or deleted, and the outbox only
/// reads whole lines (a line is whole once its newline is on disk, which <c>JsonLinesEventLog</c> fsyncs before
/// returning), so a crash mid-write never sends half an event.
/// </summary>
/// <remarks>
/// The ids are <c>&lt;device-id&gt;:&lt;line number&gt;</c>: stable across restarts because the log is append-only
/// (its repair on open removes only a partial last line, which was never whole and so never sent). A log that
/// replaces an earlier one while its <c>.sent</c> file stays (deleted, rotated) is recognised by the cursor's
/// fingerprint and sent from its first line with ids <c>&lt;device-id&gt;:&lt;log&gt;:&lt;line number&gt;</c>
/// (log 2, 3, ...), so they never repeat the earlier log's; the first log keeps the short form, which is what every
/// device sent before logs were numbered. Deleting the log and its <c>.sent</c> file together starts the device's
/// history over (ids from <c>&lt;device-id&gt;:1</c> again): keep <c>.sent</c>, or give the board a new device id.
/// </remarks>
public sealed class EventOutbox : IDisposable
{
    /// <summary>Longer lines are not events this library wrote; they are skipped and counted.</summary>
    public const int MaxLineBytes = 256 * 1024;

    private readonly FileStream _log;
    private readonly OutboxCursor _cursor;
    private readonly byte[] _prefix;
    private readonly ArrayBufferWriter<byte> _payload = new(1024);
    private byte[] _buffer = new byte[16 * 1024];
    private int _buffered;
    private long _bufferOffset;
    private long _readOffset;
    private long _readLines;
    private long _lines;

    /// <summary>Opens the outbox of the log at <paramref name="logPath"/> (which must exist) for <paramref name="deviceId"/>.</summary>
    public EventOutbox(string logPath, string deviceId)
    {
        ArgumentNullException.ThrowIfNull(logPath);
        FleetTopics.ValidateDeviceId(deviceId);
        LogPath = logPath;
        DeviceId = deviceId;
        _cursor = OutboxCursor.Open(logPath, out string? warning);
        CursorWarning = warning;
        _log = new FileStream(logPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
        _prefix = Encoding.UTF8.GetBytes(_cursor.Log == 1 ? $"{{\"id\":\"{deviceId}:" : $"{{\"id\":\"{deviceId}:{_cursor.Log}:");
        _readOffset = _bufferOffset = _cursor.Offset;
        _readLines = _cursor.Lines;
        _lines = _cursor.Lines + CountLines(_cursor.Offset);
    }

    /// <summary>The event log.</summary>
    public string LogPath { get; }

    /// <summary>The device the ids name.</summary>
    public string DeviceId { get; }

    /// <summary>Which log of the device this is (see <see cref="OutboxCursor.Log"/>): 1 until a log was replaced.</summary>
    public int Log => _cursor.Log;

    /// <summary>Why the saved cursor was not used, or null.</summary>
    public string? CursorWarning { get; }

    /// <summary>Events in the log (as counted at open, plus <see cref="Appended"/> calls).</summary>
    public long TotalEvents => Interlocked.Read(ref _lines);

    /// <summary>Events the broker has acknowledged (persisted at the latest by the next <see cref="Persist"/>).</summary>
    public long AcknowledgedEvents => Math.Max(_cursor.Lines, Volatile.Read(ref _pendingLines));

    /// <summary>Events logged but not yet acknowledged: the backlog a health report shows.</summary>
    public long Backlog => TotalEvents - AcknowledgedEvents;

    /// <summary>Lines that were not JSON objects or were too long, skipped (and acknowledged so they do not block the rest).</summary>
    public long SkippedLines { get; private set; }

    /// <summary>Tells the outbox one more line was appended to the log (thread-safe; called from the sensor loop).</summary>
    public void Appended() => Interlocked.Increment(ref _lines);

    /// <summary>
    /// The next event to send, in log order: after open or <see cref="Rewind"/>, the first unacknowledged line. False
    /// when no whole line is left. One at a time: acknowledge an entry before reading the next (the payload is valid
    /// until then).
    /// </summary>
    public bool TryReadNext(out OutboxEntry entry)
    {
        while (true)
        {
            if (!TryReadLine(out ReadOnlySpan<byte> line, out long endOffset))
            {
                entry = default;
                return false;
            }

            _readLines++;
            if (line.Length < 2 || line[0] != (byte)'{' || line[^1] != (byte)'}')
            {
                // Not an object this library wrote (hand-edited, or an over-long line): acknowledge it as skipped.
                // Everything before it was acknowledged (one entry at a time), so the position may move past it.
                SkippedLines++;
                _pendingOffset = endOffset;
                _pendingLines = _readLines;
                continue;
            }

            _payload.ResetWrittenCount();
            _payload.Write(_prefix);
            WriteNumber(_payload, _readLines);
            _payload.Write("\",\"device\":\""u8);
            _payload.Write(Encoding.UTF8.GetBytes(DeviceId));
            _payload.Write("\""u8);
            if (line.Length > 2)
            {
                _payload.Write(","u8);
            }

            _payload.Write(line[1..]);
            entry = new OutboxEntry(_readLines, endOffset, _payload.WrittenMemory);
            return true;
        }
    }

    /// <summary>Marks everything up to and including <paramref name="entry"/> as acknowledged; persisted when <paramref name="persist"/>.</summary>
    public void Acknowledge(in OutboxEntry entry, bool persist)
    {
        _pendingOffset = entry.EndOffset;
        _pendingLines = entry.Sequence;
        if (persist)
        {
            Persist();
        }
    }

    /// <summary>Writes the acknowledged position to the cursor file if it moved.</summary>
    public void Persist()
    {
        if (_pendingLines > _cursor.Lines)
        {
            _cursor.Advance(_pendingOffset, _pendingLines);
        }
    }

    /// <summary>Reads again from the last acknowledged event (after a lost connection: unacknowledged events go again).</summary>
    public void Rewind()
    {
        Persist();
        _readOffset = _bufferOffset = _cursor.Offset;
        _readLines = _cursor.Lines;
        _buffered = 0;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Persist();
        _log.Dispose();
    }

    private long _pendingOffset;
    private long _pendingLines;

    // The next whole line at _readOffset, without its newline; refills the buffer from the file as needed.
    private bool TryReadLine(out ReadOnlySpan<byte> line, out long endOffset)
    {
        while (true)
        {
            int start = (int)(_readOffset - _bufferOffset);
            int newline = _buffer.AsSpan(start, _buffered - start).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                line = _buffer.AsSpan(start, newline);
                _readOffset += newline + 1;
                endOffset = _readOffset;
                return true;
            }

            // Keep the partial line at the buffer's start, grow for long lines, then read more.
            int partial = _buffered - start;
            if (partial == _buffer.Length)
            {
                if (_buffer.Length >= MaxLineBytes)
                {
                    // Over-long: skip to its end as one "line" that the caller will count as skipped.
                    if (!SkipPastNewline(out endOffset))
                    {
                        line = default;
                        return false;
                    }

                    line = ReadOnlySpan<byte>.Empty;
                    return true;
                }

                Array.Resize(ref _buffer, _buffer.Length * 2);
            }

            _buffer.AsSpan(start, partial).CopyTo(_buffer);
            _bufferOffset = _readOffset;
            _buffered = partial;
            _log.Seek(_bufferOffset + _buffered, SeekOrigin.Begin);
            int read = _log.Read(_buffer, _buffered, _buffer.Length - _buffered);
            if (read == 0)
            {
                line = default;
                endOffset = _readOffset;
                return false;
            }

            _buffered += read;
        }
    }

    private bool SkipPastNewline(out long endOffset)
    {
        long position = _bufferOffset + _buffered;
        _log.Seek(position, SeekOrigin.Begin);
        while (true)
        {
            int read = _log.Read(_buffer, 0, _buffer.Length);
            if (read == 0)
            {
                endOffset = _readOffset;
                return false; // the long line is still being written: wait for its end
            }

            int newline = _buffer.AsSpan(0, read).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                _readOffset = position + newline + 1;
                _bufferOffset = _readOffset;
                _buffered = 0;
                endOffset = _readOffset;
                return true;
            }

            position += read;
        }
    }

    private long CountLines(long from)
    {
        long count = 0;
        byte[] block = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            _log.Seek(from, SeekOrigin.Begin);
            int read;
            while ((read = _log.Read(block, 0, block.Length)) > 0)
            {
                count += block.AsSpan(0, read).Count((byte)'\n');
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(block);
        }

        return count;
    }

    private static void WriteNumber(ArrayBufferWriter<byte> writer, long value)
    {
        Span<byte> digits = writer.GetSpan(20);
        System.Buffers.Text.Utf8Formatter.TryFormat(value, digits, out int written);
        writer.Advance(written);
    }
}
