using System;
using System.Globalization;
using System.IO;

namespace EdgeLstm.IO;

/// <summary>
/// Reads a weight file named by a path: only a regular file, refused before it is opened when it is a directory,
/// device, FIFO or socket (a link to /dev/zero is endless, a FIFO blocks the reader forever); its real length checked
/// against the limit; and at most that many bytes read, so a file that grows or lies about its length cannot make the
/// read unbounded. Every failure, including the read itself, is a <see cref="ModelFormatException"/> naming the path.
/// </summary>
internal static class WeightFileReader
{
    public static byte[] Read(string path, long maxBytes)
    {
        try
        {
            long length = CheckRegularFile(path, maxBytes);
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
            if (!stream.CanSeek)
            {
                // Replaced by something else between the check and the open.
                throw Refuse(path, "is not a regular file; name the weight file itself.");
            }
            var content = new byte[length];
            int filled = 0, read;
            while (filled < content.Length && (read = stream.Read(content, filled, content.Length - filled)) > 0)
            {
                filled += read;
            }
            if (filled != content.Length || stream.ReadByte() >= 0)
            {
                throw Refuse(path, $"changed while it was read (its length was {Format(length)} bytes when the read began); read it again once nothing writes to it.");
            }
            return content;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new ModelFormatException(path, string.Empty, $"could not be read: {e.Message}", e);
        }
    }

    /// <summary>The file's length, after refusing anything that is not a regular file of at most <paramref name="maxBytes"/>.</summary>
    private static long CheckRegularFile(string path, long maxBytes)
    {
        if (!LinuxFileStatus.TryGet(path, out FileKind kind, out long length, out int error))
        {
            (kind, length) = Portable(path);
        }
        switch (kind)
        {
            case FileKind.Missing:
                throw Refuse(path, "file not found.");
            case FileKind.Directory:
                throw Refuse(path, "is a directory, not a weight file; name the file inside it.");
            case FileKind.CharacterDevice:
            case FileKind.BlockDevice:
                throw Refuse(path, "is a device, not a regular file (a link to /dev/zero, say); EdgeLstm reads weight files only from regular files.");
            case FileKind.Fifo:
                throw Refuse(path, "is a named pipe (FIFO), not a regular file; reading it could block for ever, so EdgeLstm reads weight files only from regular files.");
            case FileKind.Socket:
                throw Refuse(path, "is a socket, not a regular file; EdgeLstm reads weight files only from regular files.");
            case FileKind.Unknown when error != 0:
                throw Refuse(path, $"could not be examined (error {error.ToString(CultureInfo.InvariantCulture)}).");
        }
        if (length > maxBytes)
        {
            throw Refuse(path, $"the file is {Format(length)} bytes; at most {Format(maxBytes)} are accepted.");
        }
        if (kind == FileKind.Unknown && length == 0)
        {
            // Without statx a device or FIFO looks like an empty file; neither is a model, and opening a FIFO would block.
            throw Refuse(path, "is empty or not a regular file (a device, FIFO or socket).");
        }
        return length;
    }

    /// <summary>What .NET alone can tell: directories, missing files, and a link's target length.</summary>
    private static (FileKind Kind, long Length) Portable(string path)
    {
        if (Directory.Exists(path)) return (FileKind.Directory, 0);
        var info = new FileInfo(path);
        if (!info.Exists) return (FileKind.Missing, 0);
        if (info.LinkTarget is not null)
        {
            if (info.ResolveLinkTarget(returnFinalTarget: true) is not FileInfo { Exists: true } target) return (FileKind.Missing, 0);
            info = target;
        }
        return (FileKind.Unknown, info.Length);
    }

    private static ModelFormatException Refuse(string path, string problem) => new(path, string.Empty, problem);

    private static string Format(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
