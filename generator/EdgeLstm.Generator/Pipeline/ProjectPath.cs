using System;
using System.Collections.Generic;

namespace EdgeLstm.Generator.Pipeline;

/// <summary>
/// Path arithmetic without the file system (generators must not touch it, and the answer must not depend on the
/// compiler's current directory): joins a relative path to the project folder and folds "." and "..".
/// </summary>
internal static class ProjectPath
{
    /// <summary>The absolute, normalised form of <paramref name="path"/> (relative to <paramref name="baseDirectory"/>).</summary>
    public static string Resolve(string baseDirectory, string path)
    {
        string combined = IsRooted(path) ? path : baseDirectory.TrimEnd('/', '\\') + "/" + path;
        return Normalize(combined);
    }

    /// <summary>Forward slashes, no "." or ".." segments, no repeated separators (a leading "//" UNC prefix is kept).</summary>
    public static string Normalize(string path)
    {
        string unified = path.Replace('\\', '/');
        string prefix = unified.StartsWith("//", StringComparison.Ordinal) ? "//" : unified.StartsWith("/", StringComparison.Ordinal) ? "/" : string.Empty;
        var segments = new List<string>();
        foreach (string segment in unified.Substring(prefix.Length).Split('/'))
        {
            if (segment.Length == 0 || segment == ".")
            {
                continue;
            }
            if (segment == ".." && segments.Count > 0 && segments[segments.Count - 1] != ".." && !IsDrive(segments[segments.Count - 1]))
            {
                segments.RemoveAt(segments.Count - 1);
                continue;
            }
            segments.Add(segment);
        }
        return prefix + string.Join("/", segments);
    }

    /// <summary>Windows file systems ignore case; others usually do not. The generator cannot ask, so it follows the host.</summary>
    public static StringComparison Comparison
        => System.IO.Path.DirectorySeparatorChar == '\\' ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    private static bool IsRooted(string path)
        => path.StartsWith("/", StringComparison.Ordinal) || path.StartsWith("\\", StringComparison.Ordinal) ||
           (path.Length >= 2 && path[1] == ':' && char.IsLetter(path[0]));

    private static bool IsDrive(string segment) => segment.Length == 2 && segment[1] == ':';
}
