using System;

namespace EdgeLstm.HostileFiles;

/// <summary>What stands at a hostile file's path when it is not a regular file.</summary>
public enum SpecialFile
{
    None,
    /// <summary>A symbolic link to /dev/zero: endless bytes behind a link whose own length is a few bytes.</summary>
    DevZeroLink,
    /// <summary>A named pipe nobody writes to: opening it for reading blocks.</summary>
    Fifo,
    /// <summary>A directory named like a weight file.</summary>
    Directory,
}

/// <summary>One hostile weight file.</summary>
/// <param name="Name">The file name, with the extension a user would give it.</param>
/// <param name="Family">The kind of attack (zip bomb, pickle bomb, ...), for grouping in reports.</param>
/// <param name="Description">What the file does to an importer without budgets.</param>
/// <param name="Refusal">What the refusal must say: the budget or check that stops the file, as issue 13 asks; alternatives
/// separated by '|' where two checks may stop it first (a data-path rank limit before the total-rank budget, say).</param>
/// <param name="Build">Its bytes; null for a <see cref="SpecialFile"/>.</param>
/// <param name="Special">What stands at the path when it is not a regular file.</param>
public sealed record HostileFile(string Name, string Family, string Description, string Refusal, Func<byte[]>? Build, SpecialFile Special = SpecialFile.None)
{
    /// <summary>True when <paramref name="message"/> says what <see cref="Refusal"/> asks for.</summary>
    public bool IsRefusedBy(string message) => Array.Exists(Refusal.Split('|'), message.Contains);

    public override string ToString() => Name;
}
