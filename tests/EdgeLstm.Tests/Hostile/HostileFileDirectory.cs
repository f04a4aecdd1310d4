using System;
using System.Collections.Concurrent;
using System.IO;
using EdgeLstm.HostileFiles;
using Xunit;

namespace EdgeLstm.Tests.Hostile;

/// <summary>
/// A temporary folder holding the hostile and large files, each written the first time a test asks for it (the
/// bombs take a few seconds to deflate), and deleted when the collection is done.
/// </summary>
public sealed class HostileFileDirectory : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("edgelstm-hostile-");
    private readonly ConcurrentDictionary<string, Lazy<string>> _paths = new(StringComparer.Ordinal);

    /// <summary>The path of a file of <see cref="HostileCatalog"/>, written on first use.</summary>
    public string PathOf(HostileFile file)
        => _paths.GetOrAdd(file.Name, _ => new Lazy<string>(() => HostileFileWriter.Write(file, _directory.FullName))).Value;

    /// <summary>The path of a file of <see cref="LargeModelFiles"/>, written on first use.</summary>
    public string PathOf(string largeModelName, Func<byte[]> build)
        => _paths.GetOrAdd(largeModelName, name => new Lazy<string>(() =>
        {
            string path = Path.Combine(_directory.FullName, name);
            File.WriteAllBytes(path, build());
            return path;
        })).Value;

    public void Dispose()
    {
        try
        {
            _directory.Delete(recursive: true);
        }
        catch (IOException)
        {
            // The temporary folder is cleaned by the system anyway.
        }
    }
}

[CollectionDefinition(Name)]
public sealed class HostileFileCollection : ICollectionFixture<HostileFileDirectory>
{
    public const string Name = "Hostile weight files";
}
