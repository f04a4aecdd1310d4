using System;
using System.Runtime.InteropServices;

namespace EdgeLstm.IO;

/// <summary>
/// The type and real length of what a path leads to on Linux, from statx(2), which follows symbolic links and opens
/// nothing. statx is used rather than stat because its struct has one layout on every architecture (x64, arm64, arm).
/// .NET's FileInfo cannot tell a FIFO or a device from a regular file, and for a link reports the link's own length.
/// </summary>
internal static partial class LinuxFileStatus
{
    private const int AtFdCwd = -100;
    private const uint StatxType = 0x0001, StatxSize = 0x0200;
    private const int FormatMask = 0xF000;
    private const int ENOENT = 2, ENOTDIR = 20, ENOSYS = 38;

    /// <summary>What <paramref name="path"/> leads to; false when statx is not available here (not Linux, or an old C library).</summary>
    public static bool TryGet(string path, out FileKind kind, out long length, out int error)
    {
        kind = FileKind.Unknown;
        length = 0;
        error = 0;
        if (!OperatingSystem.IsLinux()) return false;
        StatxBuffer buffer;
        try
        {
            if (Statx(AtFdCwd, path, 0, StatxType | StatxSize, out buffer) != 0)
            {
                error = Marshal.GetLastPInvokeError();
                if (error == ENOSYS) return false;
                kind = error is ENOENT or ENOTDIR ? FileKind.Missing : FileKind.Unknown;
                return true;
            }
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return false;
        }
        length = (long)Math.Min(buffer.Size, long.MaxValue);
        kind = (buffer.Mode & FormatMask) switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Directory,
            0x2000 => FileKind.CharacterDevice,
            0x6000 => FileKind.BlockDevice,
            0x1000 => FileKind.Fifo,
            0xC000 => FileKind.Socket,
            _ => FileKind.Unknown,
        };
        return true;
    }

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Statx(int directory, string path, int flags, uint mask, out StatxBuffer buffer);

    /// <summary>struct statx (include/uapi/linux/stat.h): 256 bytes, the same on every architecture.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    private struct StatxBuffer
    {
        [FieldOffset(28)] public ushort Mode;
        [FieldOffset(40)] public ulong Size;
    }
}
