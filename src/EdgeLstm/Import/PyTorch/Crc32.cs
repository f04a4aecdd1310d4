namespace EdgeLstm.Import.PyTorch;

/// <summary>The zip CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320); catches damaged entries before they are parsed.</summary>
internal static class Crc32
{
    private static readonly uint[] Table = BuildTable();

    /// <summary>The running value before any byte.</summary>
    public const uint Initial = 0xFFFFFFFFu;

    public static uint Compute(byte[] data, int offset, int count) => Complete(Update(Initial, data, offset, count));

    /// <summary>Continues a running CRC over more bytes, so that an entry is checked as it is inflated.</summary>
    public static uint Update(uint crc, byte[] data, int offset, int count)
    {
        for (int i = offset; i < offset + count; i++)
        {
            crc = Table[(crc ^ data[i]) & 0xFF] ^ (crc >> 8);
        }
        return crc;
    }

    /// <summary>The CRC of everything passed to <see cref="Update"/>.</summary>
    public static uint Complete(uint crc) => ~crc;

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }
            table[n] = c;
        }
        return table;
    }
}
