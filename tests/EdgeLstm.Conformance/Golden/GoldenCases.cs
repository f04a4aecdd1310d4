using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Text.Json;

namespace EdgeLstm.Conformance.Golden;

/// <summary>
/// The golden cases embedded in this assembly (every tests/cases/*/case.json, see the project file), so the binary
/// needs no files beside it on a board or under qemu.
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
            GoldenCase golden = JsonSerializer.Deserialize(stream, GoldenCaseJsonContext.Default.GoldenCase)
                ?? throw new InvalidDataException($"Embedded resource '{resource}' holds JSON null, not a golden case.");
            Validate(golden, resource);
            cases.Add(golden);
        }
        cases.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return cases;
    }

    // A truncated or mismatched case.json would otherwise show up as a confusing model failure.
    private static void Validate(GoldenCase golden, string resource)
    {
        if (golden.Input.Length != golden.Steps * golden.InputSize || golden.Output.Length != golden.Steps * golden.OutputSize)
        {
            throw new InvalidDataException(
                $"{resource}: expected {golden.Steps} x {golden.InputSize} inputs and {golden.Steps} x {golden.OutputSize} outputs, " +
                $"found {golden.Input.Length} and {golden.Output.Length}.");
        }
    }
}
