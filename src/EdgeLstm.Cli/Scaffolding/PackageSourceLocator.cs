using System;
using System.Collections.Generic;
using System.IO;

namespace EdgeLstm.Cli.Scaffolding;

/// <summary>
/// Where a scaffolded project gets the EdgeLstm package when <c>--package-source</c> is not given. Until EdgeLstm is on
/// nuget.org, the package comes from a local build: <c>./build.sh pack</c> writes it to <c>artifacts/packages/</c> of
/// the repository, so the tool looks for that folder above the current folder (a clone the user works in), then above
/// the tool's own files (the tool run from a clone's build output).
/// </summary>
internal static class PackageSourceLocator
{
    /// <summary>Where <c>./build.sh pack</c> writes, relative to the repository root.</summary>
    public static readonly string PackFolder = Path.Combine("artifacts", "packages");

    /// <summary>The file name of the EdgeLstm package of <paramref name="version"/>.</summary>
    public static string PackageFile(string version) => $"EdgeLstm.{version}.nupkg";

    /// <summary>Where to look by default: above the current folder, then above the tool's own files.</summary>
    public static IReadOnlyList<string> DefaultStartFolders() => new[] { Environment.CurrentDirectory, AppContext.BaseDirectory };

    /// <summary>The first <c>artifacts/packages</c> folder holding EdgeLstm <paramref name="version"/>, found by walking up from each start folder; or null.</summary>
    public static string? Find(string version, IEnumerable<string> startFolders)
    {
        foreach (string start in startFolders)
        {
            for (DirectoryInfo? folder = new(Path.GetFullPath(start)); folder is not null; folder = folder.Parent)
            {
                string candidate = Path.Combine(folder.FullName, PackFolder);
                if (File.Exists(Path.Combine(candidate, PackageFile(version))))
                {
                    return candidate;
                }
            }
        }
        return null;
    }

    /// <summary>True when NuGet's global packages folder already holds EdgeLstm <paramref name="version"/> (restore then needs no source).</summary>
    public static bool IsCached(string version)
    {
        string packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        return Directory.Exists(Path.Combine(packages, "edgelstm", version.ToLowerInvariant()));
    }
}
