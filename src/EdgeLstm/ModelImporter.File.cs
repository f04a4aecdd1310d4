using System;
using System.IO;
using EdgeLstm.Model;

namespace EdgeLstm.Import;

// File access lives outside the shared import source: the generator must not touch the file system
// (the compiler hands it the file's text), so only the runtime gets this overload.
public static partial class ModelImporter
{
    /// <summary>Reads a model from a file on disk.</summary>
    public static NetworkModel Load(string path) => Load(path, ImportOptions.None);

    /// <summary>Reads a model from a file on disk, with architecture facts the file may not carry.</summary>
    public static NetworkModel Load(string path, ImportOptions options)
    {
        if (path is null) throw new ArgumentNullException(nameof(path));
        FileInfo info = new(path);
        if (!info.Exists)
        {
            throw new ModelFormatException(path, string.Empty, "file not found.");
        }
        if (info.Length > MaxFileBytes)
        {
            throw new ModelFormatException(path, string.Empty, $"the file is {info.Length} bytes; at most {MaxFileBytes} are accepted.");
        }
        return Load(File.ReadAllBytes(path), path, options);
    }
}
