using System;
using System.Globalization;
using System.IO;
using System.IO.Hashing;

namespace EdgeLstm.Iot.Fleet;

/// <summary>
/// How far into the event log the broker has acknowledged: a byte offset (always just after a newline), the number
/// of lines before it, which log of the device this is, and a fingerprint of the log's first bytes. Kept beside the
/// log as <c>&lt;log&gt;.sent</c> (<c>OFFSET LINES LOG FINGERPRINT</c>) and replaced atomically (write a temporary
/// file, fsync, rename), so after a crash or power cut it holds either the old or the new position, never a torn
/// one. Losing the newest position only means re-sending some events, which their ids deduplicate.
/// </summary>
/// <remarks>
/// The fingerprint is what lets a cursor recognise a log it does not belong to. Deleting or rotating the log while
/// keeping <c>.sent</c> used to go unnoticed whenever the new log happened to have a line boundary at the old offset
/// (its first events were then never sent) and otherwise restarted the line numbers, so the new log's ids repeated
/// the old log's and a consumer deduplicating by id dropped the new events. Now such a cursor starts the new log
/// from its first line as the device's next <see cref="Log"/>, which the ids carry. The fingerprint covers the
/// acknowledged bytes only (at most the first <see cref="FingerprintBytes"/>): the log is append-only, so those
/// never change while it is the same log. It is XxHash64, not SHA-256: nothing here needs a cryptographic hash, and
/// .NET's SHA-256 on Linux is OpenSSL's, whose absence (a minimal board image, qemu with a bare sysroot) aborts the
/// process on first use, which would turn a plain mqtt:// link into a crash at the first acknowledgement.
/// </remarks>
public sealed class OutboxCursor
{
    /// <summary>The fingerprint hashes this many bytes at most from the start of the log.</summary>
    public const int FingerprintBytes = 4096;

    private readonly string _logPath;
    private readonly string _temporaryPath;

    private OutboxCursor(string logPath, long offset, long lines, int log, string? fingerprint)
    {
        _logPath = logPath;
        Path = PathFor(logPath);
        _temporaryPath = Path + ".tmp";
        Offset = offset;
        Lines = lines;
        Log = log;
        Fingerprint = fingerprint;
    }

    /// <summary>The cursor file.</summary>
    public string Path { get; }

    /// <summary>Bytes of the log the broker has acknowledged.</summary>
    public long Offset { get; private set; }

    /// <summary>Lines (events) of the log the broker has acknowledged.</summary>
    public long Lines { get; private set; }

    /// <summary>
    /// Which log of the device this is: 1 for the first, one more each time the cursor found its log replaced.
    /// Part of the event ids from the second log on, so that they do not repeat the earlier logs' ids.
    /// </summary>
    public int Log { get; }

    /// <summary>XxHash64 (16 lower-case hex digits) of the log's first min(<see cref="Offset"/>, <see cref="FingerprintBytes"/>) bytes; null before anything was acknowledged.</summary>
    public string? Fingerprint { get; private set; }

    /// <summary>The cursor file that belongs to <paramref name="logPath"/>.</summary>
    public static string PathFor(string logPath) => logPath + ".sent";

    /// <summary>
    /// Reads the cursor of <paramref name="logPath"/> (the start when there is none). A cursor that does not belong to
    /// the log (beyond its end, not at a line boundary, or another log's fingerprint: the log was replaced) starts the
    /// log over as the device's next <see cref="Log"/>, and says so in <paramref name="warning"/>.
    /// </summary>
    public static OutboxCursor Open(string logPath, out string? warning)
    {
        ArgumentNullException.ThrowIfNull(logPath);
        warning = null;
        string path = PathFor(logPath);
        if (!File.Exists(path))
        {
            return new OutboxCursor(logPath, 0, 0, 1, null);
        }

        if (!TryParse(File.ReadAllText(path), out long offset, out long lines, out int log, out string? fingerprint))
        {
            // Which log it was is unknown too: ids may repeat those of an earlier log.
            warning = $"{path}: not a cursor ('OFFSET LINES LOG FINGERPRINT' expected); sending the whole log again.";
            return new OutboxCursor(logPath, 0, 0, 1, null);
        }

        if (!FitsLog(logPath, offset) || (fingerprint is not null && fingerprint != FingerprintOf(logPath, offset)))
        {
            warning = $"{path}: the acknowledged position {offset} does not fit {logPath} (another log: replaced, rotated or truncated?); " +
                $"sending it from its first line as log {log + 1} of this device (ids DEVICE:{log + 1}:LINE, so they do not repeat log {log}'s).";
            return new OutboxCursor(logPath, 0, 0, log + 1, null);
        }

        return new OutboxCursor(logPath, offset, lines, log, fingerprint);
    }

    /// <summary>Moves the cursor to <paramref name="offset"/>/<paramref name="lines"/> and persists it.</summary>
    public void Advance(long offset, long lines)
    {
        if (offset < Offset || lines < Lines)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), $"The cursor only moves forward ({Offset}/{Lines} -> {offset}/{lines}).");
        }

        // Once the log is longer than the fingerprint's window, the fingerprint no longer changes: read it once.
        string fingerprint = Fingerprint is not null && Math.Min(offset, FingerprintBytes) == Math.Min(Offset, FingerprintBytes)
            ? Fingerprint
            : FingerprintOf(_logPath, offset);
        using (var stream = new FileStream(_temporaryPath, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0))
        {
            stream.Write(System.Text.Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{offset} {lines} {Log} {fingerprint}\n")));
            stream.Flush(flushToDisk: true);
        }

        File.Move(_temporaryPath, Path, overwrite: true);
        Offset = offset;
        Lines = lines;
        Fingerprint = fingerprint;
    }

    // "OFFSET LINES LOG FINGERPRINT", or "OFFSET LINES" as the first release wrote it (log 1, no fingerprint).
    private static bool TryParse(string text, out long offset, out long lines, out int log, out string? fingerprint)
    {
        string[] parts = text.Trim().Split(' ');
        log = 1;
        fingerprint = null;
        offset = lines = 0;
        bool parsed = parts.Length is 2 or 4
            && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out offset)
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out lines)
            && lines <= offset;
        if (!parsed)
        {
            return false;
        }

        if (parts.Length == 4)
        {
            fingerprint = parts[3];
            return int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out log) && log >= 1
                && fingerprint.Length == 16 && fingerprint.AsSpan().IndexOfAnyExcept("0123456789abcdef") < 0;
        }

        return true;
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

    private static string FingerprintOf(string logPath, long offset)
    {
        Span<byte> prefix = stackalloc byte[FingerprintBytes];
        int length = (int)Math.Min(offset, FingerprintBytes);
        using (var log = new FileStream(logPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0))
        {
            log.ReadExactly(prefix[..length]);
        }

        return XxHash64.HashToUInt64(prefix[..length]).ToString("x16", CultureInfo.InvariantCulture);
    }
}
