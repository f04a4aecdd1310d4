using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace EdgeLstm.HostileFiles;

/// <summary>
/// Zip archives laid out by hand: local headers, data, central directory and end record, with every offset under
/// the caller's control, so that entries can share one deflate stream (which no zip library writes).
/// </summary>
internal sealed class ZipWriter
{
    private readonly MemoryStream _archive = new();
    private readonly List<(string Name, int Method, uint Crc, long Compressed, long Uncompressed, long LocalOffset)> _directory = new();

    public long Position => _archive.Position;

    /// <summary>A stored (method 0) entry: local header then the bytes.</summary>
    public ZipWriter Stored(string name, byte[] data)
    {
        long offset = LocalHeader(name, 0, extraLength: 0);
        _archive.Write(data);
        _directory.Add((name, 0, Crc(data), data.Length, data.Length, offset));
        return this;
    }

    /// <summary>A deflated (method 8) entry of its own.</summary>
    public ZipWriter Deflated(string name, Deflated stream)
    {
        long offset = LocalHeader(name, 8, extraLength: 0);
        _archive.Write(stream.Compressed);
        _directory.Add((name, 8, stream.Crc, stream.Compressed.Length, stream.UncompressedLength, offset));
        return this;
    }

    /// <summary>
    /// Entries that all point at one deflate stream: their local headers are written back to back, each with an extra
    /// field long enough to reach the shared stream written after the last header. The extra field's 16-bit length
    /// limits the headers to 64 KiB before the stream.
    /// </summary>
    public ZipWriter SharedStream(IReadOnlyList<string> names, Deflated stream)
    {
        long headersLength = 0;
        foreach (string name in names) headersLength += 30 + Encoding.UTF8.GetByteCount(name);
        long start = _archive.Position;
        long dataStart = start + headersLength;
        foreach (string name in names)
        {
            long headerEnd = _archive.Position + 30 + Encoding.UTF8.GetByteCount(name);
            long extra = dataStart - headerEnd;
            if (extra > ushort.MaxValue) throw new ArgumentException("too many entries to share one stream within 64 KiB");
            long offset = LocalHeader(name, 8, (int)extra, writeExtra: false);
            _directory.Add((name, 8, stream.Crc, stream.Compressed.Length, stream.UncompressedLength, offset));
        }
        _archive.Write(stream.Compressed);
        return this;
    }

    public byte[] ToArray()
    {
        long directoryOffset = _archive.Position;
        foreach (var entry in _directory)
        {
            byte[] name = Encoding.UTF8.GetBytes(entry.Name);
            U32(0x02014b50); U16(20); U16(20); U16(0); U16(entry.Method); U16(0); U16(0x21);
            U32(entry.Crc); U32((uint)entry.Compressed); U32((uint)entry.Uncompressed);
            U16(name.Length); U16(0); U16(0); U16(0); U16(0); U32(0); U32((uint)entry.LocalOffset);
            _archive.Write(name);
        }
        long directorySize = _archive.Position - directoryOffset;
        U32(0x06054b50); U16(0); U16(0); U16(_directory.Count); U16(_directory.Count);
        U32((uint)directorySize); U32((uint)directoryOffset); U16(0);
        return _archive.ToArray();
    }

    private long LocalHeader(string name, int method, int extraLength, bool writeExtra = true)
    {
        long offset = _archive.Position;
        byte[] bytes = Encoding.UTF8.GetBytes(name);
        U32(0x04034b50); U16(20); U16(0); U16(method); U16(0); U16(0x21);
        U32(0); U32(0); U32(0); // torch writes sizes and CRC in the central directory only
        U16(bytes.Length); U16(extraLength);
        _archive.Write(bytes);
        if (writeExtra) _archive.Write(new byte[extraLength]);
        return offset;
    }

    private static uint Crc(byte[] data) => System.IO.Hashing.Crc32.HashToUInt32(data);

    private void U16(int value) { _archive.WriteByte((byte)value); _archive.WriteByte((byte)(value >> 8)); }

    private void U32(uint value) { U16((int)(value & 0xFFFF)); U16((int)(value >> 16)); }
}

/// <summary>A raw deflate stream with the CRC-32 and length of what it inflates to.</summary>
internal sealed record Deflated(byte[] Compressed, uint Crc, long UncompressedLength)
{
    /// <summary>Deflates a prefix, <paramref name="length"/> copies of <paramref name="fill"/> and a suffix, at the best ratio.</summary>
    public static Deflated Repeat(byte fill, long length, byte[]? prefix = null, byte[]? suffix = null)
    {
        prefix ??= Array.Empty<byte>();
        suffix ??= Array.Empty<byte>();
        var crc = new System.IO.Hashing.Crc32();
        var output = new MemoryStream();
        using (var deflate = new System.IO.Compression.DeflateStream(output, System.IO.Compression.CompressionLevel.SmallestSize, leaveOpen: true))
        {
            deflate.Write(prefix);
            crc.Append(prefix);
            byte[] chunk = new byte[1 << 20];
            Array.Fill(chunk, fill);
            for (long left = length; left > 0; left -= chunk.Length)
            {
                ReadOnlySpan<byte> piece = chunk.AsSpan(0, (int)Math.Min(chunk.Length, left));
                deflate.Write(piece);
                crc.Append(piece);
            }
            deflate.Write(suffix);
            crc.Append(suffix);
        }
        return new Deflated(output.ToArray(), crc.GetCurrentHashAsUInt32(), prefix.Length + length + suffix.Length);
    }

    /// <summary>Deflates the given bytes.</summary>
    public static Deflated Of(byte[] data)
    {
        var output = new MemoryStream();
        using (var deflate = new System.IO.Compression.DeflateStream(output, System.IO.Compression.CompressionLevel.SmallestSize, leaveOpen: true))
        {
            deflate.Write(data);
        }
        return new Deflated(output.ToArray(), System.IO.Hashing.Crc32.HashToUInt32(data), data.Length);
    }
}
