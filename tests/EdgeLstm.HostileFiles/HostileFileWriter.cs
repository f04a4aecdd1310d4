using System;
using System.IO;
using System.Runtime.InteropServices;

namespace EdgeLstm.HostileFiles;

/// <summary>Puts hostile files on disk, including the ones that are not regular files.</summary>
public static partial class HostileFileWriter
{
    /// <summary>Writes <paramref name="file"/> into <paramref name="directory"/> and returns its path.</summary>
    public static string Write(HostileFile file, string directory)
    {
        string path = Path.Combine(directory, file.Name);
        switch (file.Special)
        {
            case SpecialFile.None:
                File.WriteAllBytes(path, file.Build!());
                break;
            case SpecialFile.DevZeroLink:
                File.CreateSymbolicLink(path, "/dev/zero");
                break;
            case SpecialFile.Fifo:
                if (MakeFifo(path, Convert.ToUInt32("644", 8)) != 0)
                {
                    throw new IOException($"mkfifo {path} failed with errno {Marshal.GetLastPInvokeError()}");
                }
                break;
            case SpecialFile.Directory:
                Directory.CreateDirectory(path);
                break;
        }
        return path;
    }

    [LibraryImport("libc", EntryPoint = "mkfifo", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int MakeFifo(string path, uint mode);
}
