namespace EdgeLstm.IO;

/// <summary>What stands at a path, as the file system says before anything is opened.</summary>
internal enum FileKind
{
    /// <summary>Nothing (or a dangling link).</summary>
    Missing,
    Regular,
    Directory,
    /// <summary>A character device such as /dev/zero or a serial port.</summary>
    CharacterDevice,
    BlockDevice,
    /// <summary>A named pipe: opening it for reading blocks until a writer appears.</summary>
    Fifo,
    Socket,
    /// <summary>The platform cannot tell (no statx); only the length is known.</summary>
    Unknown,
}
