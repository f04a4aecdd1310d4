using System;
using System.IO;

namespace EdgeLstm.Fleet.Tests.Support;

/// <summary>A fresh folder for one test (logs, broker config, certificates), deleted afterwards.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = Directory.CreateTempSubdirectory("edgelstm-fleet-").FullName;
        // The broker may drop root privileges to its own user; it must still read its config and certificates here.
        if (!OperatingSystem.IsWindows())
        {
            System.IO.File.SetUnixFileMode(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
