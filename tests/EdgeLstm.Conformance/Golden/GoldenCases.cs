using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using EdgeLstm.Testing;

namespace EdgeLstm.Conformance.Golden;

/// <summary>
/// The golden cases embedded in this assembly (every tests/cases/*/case.json, see the project file), so the binary
/// needs no files beside it on a board or under qemu; read by the test projects' one reader (tests/Shared/GoldenCase.cs,
/// JsonDocument only, so Native AOT runs it).
/// </summary>
public static class GoldenCases
{
    private const string ResourcePrefix = "golden/";

    /// <summary>Every embedded case, ordered by name.</summary>
    public static IReadOnlyList<GoldenCase> Load()
    {
        Assembly assembly = typeof(GoldenCases).Assembly;
        var cases = new List<GoldenCase>();
        foreach (string resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            {
                continue;
            }
            using Stream stream = assembly.GetManifestResourceStream(resource)
                ?? throw new InvalidOperationException($"Embedded resource '{resource}' is listed but cannot be opened.");
            cases.Add(GoldenCase.Read(stream, resource));
        }
        cases.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return cases;
    }
}
