using System;
using System.Threading;
using EdgeLstm.IO;
using EdgeLstm.Model;

namespace EdgeLstm.Import;

// File access lives outside the shared import source: the generator must not touch the file system
// (the compiler hands it the file's text), so only the runtime gets these overloads.
public static partial class ModelImporter
{
    /// <summary>Reads a model from a file on disk.</summary>
    public static NetworkModel Load(string path) => Load(path, ImportOptions.None);

    /// <summary>Reads a model from a file on disk, with architecture facts the file may not carry.</summary>
    public static NetworkModel Load(string path, ImportOptions options) => Load(path, options, CancellationToken.None);

    /// <summary>
    /// Reads a model from a file on disk within the import budget (see <see cref="ImportBudget"/>), observing
    /// <paramref name="cancellationToken"/>. Only a regular file is read: a directory, device, FIFO or socket is
    /// refused before it is opened.
    /// </summary>
    /// <exception cref="ModelFormatException">The file cannot be read, is not a regular file, or is not a valid model.</exception>
    public static NetworkModel Load(string path, ImportOptions options, CancellationToken cancellationToken)
    {
        if (path is null) throw new ArgumentNullException(nameof(path));
        return Load(ReadFile(path), path, options, cancellationToken);
    }

    /// <summary>
    /// The bytes of a weight file, read as <see cref="Load(string)"/> reads them: a regular file of at most
    /// <see cref="MaxFileBytes"/>, or a <see cref="ModelFormatException"/> naming the path.
    /// </summary>
    public static byte[] ReadFile(string path)
    {
        if (path is null) throw new ArgumentNullException(nameof(path));
        return WeightFileReader.Read(path, MaxFileBytes);
    }
}
