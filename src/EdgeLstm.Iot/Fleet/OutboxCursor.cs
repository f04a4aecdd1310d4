using System;
using System.Globalization;
using System.IO;

namespace EdgeLstm.Iot.Fleet;

/// <summary>
/// How far into the event log the broker has acknowledged: a byte offset (always just after a newline) and the
/// number of lines before it. Kept beside the log as <c>&lt;log&gt;.sent</c> and replaced atomically (write a
/// temporary file, fsync, rename), so after a crash or power cut it holds either the old or the new position,
/// never a torn one. Losing the newest position only means re-sending some events, which their ids deduplicate.
/// </summary>
public sealed class OutboxCursor
{
    private readonly string _temporaryPath;

    private OutboxCursor(string path, long offset, long lines)
    {
        Path = path;
        _temporaryPath = path + ".tmp";
        Offset = offset;
        Lines = lines;
    }

    /// <summary>The cursor file.</summary>
    public string Path { get; }

    /// <summary>Bytes of the log the broker has acknowledged.</summary>
    public long Offset { get; private set; }

    /// <summary>Lines (events) of the log the broker has acknowledged.</summary>
    public long Lines { get; private set; }

    /// <summary>The cursor file that belongs to <paramref name="logPath"/>.</summary>
    public static string PathFor(string logPath) => logPath + ".sent";

    /// <summary>
    /// Reads the cursor of <paramref name="logPath"/> (the start when there is none). A cursor that does not fit the
    /// log (beyond its end, or not at a line boundary: the log was replaced) starts over, and says so in <paramref name="warning"/>.
    /// </summary>
    public static OutboxCursor Open(string logPath, out string? warning)
    {
        ArgumentNullException.ThrowIfNull(logPath);
        warning = null;
        string path = PathFor(logPath);
        if (!File.Exists(path))
        {
            return new OutboxCursor(path, 0, 0);
        }

        string text = File.ReadAllText(path);
        string[] parts = text.Trim().Split(' ');
        if (parts.Length != 2
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out long offset)
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out long lines)
            || lines > offset)
        {
            warning = $"{path}: not a cursor ('OFFSET LINES' expected); sending the whole log again.";
            return new OutboxCursor(path, 0, 0);
        }

        if (!FitsLog(logPath, offset))
        {
            warning = $"{path}: the acknowledged position {offset} does not fit {logPath} (replaced or truncated?); sending the whole log again.";
            return new OutboxCursor(path, 0, 0);
        }

        return new OutboxCursor(path, offset, lines);
    }

    /// <summary>Moves the cursor to <paramref name="offset"/>/<paramref name="lines"/> and persists it.</summary>
    public void Advance(long offset, long lines)
    {
        if (offset < Offset || lines < Lines)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), $"The cursor only moves forward ({Offset}/{Lines} -> {offset}/{lines}).");
        }

        using (var stream = new FileStream(_temporaryPath, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0))
        {
            stream.Write(System.Text.Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{offset} {lines}\n")));
            stream.Flush(flushToDisk: true);
        }

        File.Move(_temporaryPath, Path, overwrite: true);
        Offset = offset;
        Lines = lines;
    }

    private static bool FitsLog(string logPath, long offset)
    {
        if (offset == 0)
        {
            return true;
        }

        using var log = new FileStream(logPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);
        if (offset > log.Length)
        {
            return false;
        }

        log.Seek(offset - 1, SeekOrigin.Begin);
        return log.ReadByte() == '\n';
    }
}
