using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;

namespace EdgeLstm.Tests.PyTorch;

/// <summary>Reads and writes .pt zip archives with System.IO.Compression, independently of the importer's own zip reader.</summary>
internal static class TorchArchiveBuilder
{
    public static List<(string Name, byte[] Data)> Entries(byte[] archive)
    {
        using var zip = new ZipArchive(new MemoryStream(archive), ZipArchiveMode.Read);
        return zip.Entries.Select(e =>
        {
            using var stream = e.Open();
            var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            return (e.FullName, buffer.ToArray());
        }).ToList();
    }

    public static byte[] Build(IEnumerable<(string Name, byte[] Data)> entries, CompressionLevel level = CompressionLevel.NoCompression)
    {
        var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach ((string name, byte[] data) in entries)
            {
                using Stream stream = zip.CreateEntry(name, level).Open();
                stream.Write(data);
            }
        }
        return output.ToArray();
    }

    /// <summary>A one-entry archive holding <paramref name="pickle"/> as archive/data.pkl.</summary>
    public static byte[] WithPickle(byte[] pickle) => Build(new[] { ("archive/data.pkl", pickle) });
}
