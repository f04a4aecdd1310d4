using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace EdgeLstm.Testing;

/// <summary>Files of this repository that tests use as material (golden cases, projects to pack, baselines).</summary>
public static class RepositoryFiles
{
    /// <summary>The folder holding EdgeLstm.sln and tests/cases, above the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    public static string CasesDirectory => Path.Combine(Root, "tests", "cases");

    public static string CaseFile(string caseName, string fileName) => Path.Combine(CasesDirectory, caseName, fileName);

    /// <summary>Every weight file of every golden case (model.onnx, model.safetensors, model.pt, model.json).</summary>
    public static IReadOnlyList<string> CaseModelFiles()
        => Directory.GetDirectories(CasesDirectory)
            .SelectMany(dir => Directory.GetFiles(dir, "model.*"))
            .OrderBy(path => path, StringComparer.Ordinal)
            .ToArray();

    private static string FindRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EdgeLstm.sln")) && Directory.Exists(Path.Combine(dir.FullName, "tests", "cases")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"No EdgeLstm repository above '{AppContext.BaseDirectory}'.");
    }
}
