using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace EdgeLstm.Import.PyTorch;

/// <summary>
/// Just enough of the zip format to read what <c>torch.save</c> writes: the end-of-central-directory record, the
/// central directory, local headers, stored and deflated entries, CRC-32 checks. torch writes sizes only in the
/// central directory (its local headers carry a data descriptor flag and zeros), so sizes always come from there.
/// Every offset and length is checked against the archive's bytes before use, entries may not share bytes, and every
/// byte taken out of an entry is charged to the import's budget before it is allocated (so a thousand entries over one
/// deflate stream, or one entry read many times, cannot inflate more than the budget). System.IO.Compression.ZipArchive
/// is not used because it needs a seekable stream and would hide where a damaged archive went wrong.
/// </summary>
internal static class MinimalZipReader
{
    private const uint EndOfDirectorySignature = 0x06054b50, DirectorySignature = 0x02014b50, LocalSignature = 0x04034b50;
    private const int EndOfDirectorySize = 22, DirectoryHeaderSize = 46, LocalHeaderSize = 30;

    /// <summary>Deflate cannot expand data more than about 1032:1; a larger declared size is a lie or a zip bomb.</summary>
    private const long MaxDeflateRatio = 1032;

    /// <summary>Inflated per step; cancellation is observed between steps.</summary>
    private const int ChunkBytes = 1 << 16;

    public static List<ZipEntry> ReadDirectory(byte[] archive, ImportMeter meter)
    {
        string file = meter.File;
        int end = FindEndOfDirectory(archive, file);
        if (ReadUInt16(archive, end + 4) != 0 || ReadUInt16(archive, end + 6) != 0)
        {
            throw new ModelFormatException(file, $"offset {end}", "multi-volume zip archives are not supported.");
        }
        int count = ReadUInt16(archive, end + 10);
        long directorySize = ReadUInt32(archive, end + 12);
        long directoryOffset = ReadUInt32(archive, end + 16);
        if (count == 0xFFFF || directorySize == 0xFFFFFFFF || directoryOffset == 0xFFFFFFFF)
        {
            throw new ModelFormatException(file, $"offset {end}", "zip64 archives (over 4 GiB or 65535 entries) are not supported.");
        }
        if (directoryOffset + directorySize > end)
        {
            throw new ModelFormatException(file, $"offset {end}",
                $"the central directory [{directoryOffset}, {directoryOffset + directorySize}) runs past the end-of-directory record at {end} (truncated or damaged archive).");
        }

        var entries = new List<ZipEntry>(Math.Min(count, (int)(directorySize / DirectoryHeaderSize)));
        var names = new HashSet<string>(StringComparer.Ordinal);
        long position = directoryOffset;
        long directoryEnd = directoryOffset + directorySize;
        for (int i = 0; i < count; i++)
        {
            meter.ThrowIfCancellationRequested();
            ZipEntry entry = ReadDirectoryEntry(archive, ref position, directoryEnd, directoryOffset, file);
            if (!names.Add(entry.Name))
            {
                throw new ModelFormatException(file, entry.Describe(), "appears twice in the central directory.");
            }
            entries.Add(entry);
        }
        RefuseSharedBytes(entries, file);
        return entries;
    }

    // Entries of a real archive lie one after another. Entries whose headers all lead into one stream are how a 1 MB
    // file makes a thousand entries of 1 GiB each; the budget would stop them anyway, but the layout itself is the lie.
    private static void RefuseSharedBytes(List<ZipEntry> entries, string file)
    {
        var byOffset = new List<ZipEntry>(entries);
        byOffset.Sort((a, b) => a.LocalOffset.CompareTo(b.LocalOffset));
        for (int i = 1; i < byOffset.Count; i++)
        {
            ZipEntry previous = byOffset[i - 1], next = byOffset[i];
            if (previous.DataOffset + previous.CompressedSize > next.LocalOffset)
            {
                throw new ModelFormatException(file, next.Describe(),
                    $"its local header at offset {next.LocalOffset} lies inside the bytes of {previous.Describe()} (offsets {previous.LocalOffset} to {previous.DataOffset + previous.CompressedSize}); the entries of a zip archive never share bytes.");
            }
        }
    }

    /// <summary>
    /// The entry's bytes, inflated if needed and checked against its CRC-32. The declared size is charged to the
    /// budget before anything is allocated, so reading an entry costs budget every time it is read.
    /// </summary>
    public static byte[] Extract(byte[] archive, ZipEntry entry, ImportMeter meter)
    {
        string file = meter.File;
        string where = entry.Describe();
        if (entry.Method == 0 && entry.CompressedSize != entry.UncompressedSize)
        {
            throw new ModelFormatException(file, where,
                $"a stored entry declares {entry.CompressedSize} stored and {entry.UncompressedSize} uncompressed bytes; they must be equal.");
        }
        if (entry.Method != 0 && (entry.UncompressedSize > entry.CompressedSize * MaxDeflateRatio + 64 || entry.UncompressedSize > ModelImporter.MaxFileBytes))
        {
            throw new ModelFormatException(file, where,
                $"declares {entry.UncompressedSize} uncompressed bytes from {entry.CompressedSize} deflated ones; deflate cannot expand that much.");
        }
        meter.ChargeExtracted(entry.UncompressedSize, where);

        var data = new byte[entry.UncompressedSize];
        uint crc;
        if (entry.Method == 0)
        {
            crc = Crc32.Initial;
            for (int done = 0; done < data.Length; done += ChunkBytes)
            {
                meter.ThrowIfCancellationRequested();
                int count = Math.Min(ChunkBytes, data.Length - done);
                Buffer.BlockCopy(archive, (int)entry.DataOffset + done, data, done, count);
                crc = Crc32.Update(crc, data, done, count);
            }
        }
        else
        {
            crc = Inflate(archive, entry, data, meter, where);
        }
        crc = Crc32.Complete(crc);
        if (crc != entry.Crc32)
        {
            throw new ModelFormatException(file, where, $"CRC-32 is {crc:x8} but the directory says {entry.Crc32:x8}: the entry is damaged.");
        }
        return data;
    }

    /// <summary>Inflates into <paramref name="data"/> chunk by chunk, updating the CRC as it goes; returns the running CRC.</summary>
    private static uint Inflate(byte[] archive, ZipEntry entry, byte[] data, ImportMeter meter, string where)
    {
        string file = meter.File;
        uint crc = Crc32.Initial;
        try
        {
            using var input = new MemoryStream(archive, (int)entry.DataOffset, (int)entry.CompressedSize, writable: false);
            using var inflater = new DeflateStream(input, CompressionMode.Decompress);
            int filled = 0;
            int read;
            while (filled < data.Length && (read = inflater.Read(data, filled, Math.Min(ChunkBytes, data.Length - filled))) > 0)
            {
                meter.ThrowIfCancellationRequested();
                crc = Crc32.Update(crc, data, filled, read);
                filled += read;
            }
            if (filled != data.Length || inflater.Read(new byte[1], 0, 1) != 0)
            {
                throw new ModelFormatException(file, where,
                    $"inflates to {(filled != data.Length ? filled.ToString(System.Globalization.CultureInfo.InvariantCulture) : "more than " + data.Length)} bytes; the directory says {data.Length}.");
            }
        }
        catch (InvalidDataException e)
        {
            throw new ModelFormatException(file, where, $"the deflated data is damaged: {e.Message}", e);
        }
        return crc;
    }

    private static int FindEndOfDirectory(byte[] archive, string file)
    {
        // The record sits at the very end, followed only by a comment of at most 65535 bytes. Requiring the comment
        // length to reach exactly the end keeps a stray signature inside the data from being taken for it.
        int last = archive.Length - EndOfDirectorySize;
        for (int position = last; position >= 0 && position >= last - 0xFFFF; position--)
        {
            if (ReadUInt32(archive, position) == EndOfDirectorySignature &&
                position + EndOfDirectorySize + ReadUInt16(archive, position + 20) == archive.Length)
            {
                return position;
            }
        }
        throw new ModelFormatException(file, $"offset {archive.Length}",
            "no zip end-of-central-directory record: the archive is truncated or not a zip file.");
    }

    private static ZipEntry ReadDirectoryEntry(byte[] archive, ref long position, long directoryEnd, long dataLimit, string file)
    {
        string at = $"offset {position}";
        if (position + DirectoryHeaderSize > directoryEnd || ReadUInt32(archive, (int)position) != DirectorySignature)
        {
            throw new ModelFormatException(file, at, "expected a central directory header (the directory is truncated or damaged).");
        }
        int p = (int)position;
        int flags = ReadUInt16(archive, p + 8);
        int method = ReadUInt16(archive, p + 10);
        uint crc = ReadUInt32(archive, p + 16);
        long compressedSize = ReadUInt32(archive, p + 20);
        long uncompressedSize = ReadUInt32(archive, p + 24);
        int nameLength = ReadUInt16(archive, p + 28);
        int extraLength = ReadUInt16(archive, p + 30);
        int commentLength = ReadUInt16(archive, p + 32);
        long localOffset = ReadUInt32(archive, p + 42);
        long next = position + DirectoryHeaderSize + nameLength + extraLength + commentLength;
        if (next > directoryEnd)
        {
            throw new ModelFormatException(file, at, "the central directory header's name, extra field or comment runs past the directory.");
        }
        string name = DecodeName(archive, p + DirectoryHeaderSize, nameLength, file, at);
        string where = ZipEntry.Describe(name);
        if ((flags & 1) != 0)
        {
            throw new ModelFormatException(file, where, "is encrypted; torch.save never encrypts.");
        }
        if (method != 0 && method != 8)
        {
            throw new ModelFormatException(file, where, $"uses compression method {method}; only stored (0) and deflate (8) are supported.");
        }
        if (compressedSize == 0xFFFFFFFF || uncompressedSize == 0xFFFFFFFF || localOffset == 0xFFFFFFFF)
        {
            throw new ModelFormatException(file, where, "has zip64 sizes (over 4 GiB); zip64 is not supported.");
        }

        if (localOffset + LocalHeaderSize > dataLimit || ReadUInt32(archive, (int)localOffset) != LocalSignature)
        {
            throw new ModelFormatException(file, where, $"no local file header at offset {localOffset}.");
        }
        int localNameLength = ReadUInt16(archive, (int)localOffset + 26);
        int localExtraLength = ReadUInt16(archive, (int)localOffset + 28);
        long dataOffset = localOffset + LocalHeaderSize + localNameLength + localExtraLength;
        if (localNameLength != nameLength || dataOffset > dataLimit ||
            DecodeName(archive, (int)localOffset + LocalHeaderSize, localNameLength, file, where) != name)
        {
            throw new ModelFormatException(file, where, $"the local header at offset {localOffset} does not match the central directory.");
        }
        if (dataOffset + compressedSize > dataLimit)
        {
            throw new ModelFormatException(file, where,
                $"its {compressedSize} bytes at offset {dataOffset} run past the start of the central directory at {dataLimit} (truncated or damaged archive).");
        }
        position = next;
        return new ZipEntry(name, method, crc, compressedSize, uncompressedSize, localOffset, dataOffset);
    }

    private static string DecodeName(byte[] archive, int offset, int length, string file, string where)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(archive, offset, length);
        }
        catch (DecoderFallbackException)
        {
            throw new ModelFormatException(file, where, "an entry name is not valid UTF-8.");
        }
    }

    private static int ReadUInt16(byte[] bytes, int offset) => bytes[offset] | (bytes[offset + 1] << 8);

    private static uint ReadUInt32(byte[] bytes, int offset)
        => (uint)(bytes[offset] | (bytes[offset + 1] << 8) | (bytes[offset + 2] << 16) | (bytes[offset + 3] << 24));
}
