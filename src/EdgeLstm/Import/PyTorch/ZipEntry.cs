namespace EdgeLstm.Import.PyTorch;

/// <summary>One file of a zip archive, as its central directory describes it.</summary>
internal sealed class ZipEntry
{
    public ZipEntry(string name, int method, uint crc32, long compressedSize, long uncompressedSize, long localOffset, long dataOffset)
    {
        LocalOffset = localOffset;
        Name = name;
        Method = method;
        Crc32 = crc32;
        CompressedSize = compressedSize;
        UncompressedSize = uncompressedSize;
        DataOffset = dataOffset;
    }

    public string Name { get; }

    /// <summary>0 = stored, 8 = deflate.</summary>
    public int Method { get; }

    public uint Crc32 { get; }

    public long CompressedSize { get; }

    public long UncompressedSize { get; }

    /// <summary>Where the entry's local header starts in the archive.</summary>
    public long LocalOffset { get; }

    /// <summary>Where the entry's (possibly compressed) bytes start in the archive, after its local header.</summary>
    public long DataOffset { get; }

    /// <summary>"zip entry 'name'", the location used in every message about this entry.</summary>
    public string Describe() => Describe(Name);

    public static string Describe(string name) => "zip entry " + FileText.Quote(name);
}
