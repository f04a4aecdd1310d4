using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace EdgeLstm.Generator.Tests.Conformance;

/// <summary>
/// What a conformance run must cover, read from the case folders copied next to the tests (tests/cases), not from the
/// conformance app itself, so a case the app forgets to check is noticed.
/// </summary>
internal static class GoldenCaseFolders
{
    /// <summary>One weight file of one case; bidirectional models have no Step.</summary>
    public sealed record Entry(string Case, string Format, bool Streaming);

    public static IReadOnlyList<Entry> All { get; } = Load();

    /// <summary>The result lines a passing run prints for every entry: Step (streaming only), Run and SelfTest.</summary>
    public static IEnumerable<string> ExpectedOkLinePrefixes()
    {
        foreach (Entry entry in All)
        {
            if (entry.Streaming)
            {
                yield return $"ok   {entry.Case}/{entry.Format} Step max|err|=";
            }
            yield return $"ok   {entry.Case}/{entry.Format} Run max|err|=";
            yield return $"ok   {entry.Case}/{entry.Format} SelfTest max|err|=";
        }
    }

    /// <summary>Asserts that <paramref name="output"/> (a conformance run's output) passed every expected check.</summary>
    public static void AssertEveryCasePassed(string output)
    {
        string[] lines = output.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        Assert.DoesNotContain(lines, l => l.StartsWith("FAIL", StringComparison.Ordinal));
        List<string> missing = ExpectedOkLinePrefixes()
            .Where(prefix => !lines.Any(l => l.StartsWith(prefix, StringComparison.Ordinal)))
            .ToList();
        Assert.True(missing.Count == 0, "checks missing from the conformance output:\n" + string.Join("\n", missing) + "\n\noutput:\n" + output);
        int expectedChecks = ExpectedOkLinePrefixes().Count()
            + global::EdgeLstm.Conformance.ModelCatalogue.MultiStreamForms * global::EdgeLstm.Conformance.ModelCatalogue.ChecksPerMultiStreamForm;
        Assert.Contains($"{expectedChecks} passed, 0 failed", lines);
    }

    private static List<Entry> Load()
    {
        string root = Path.Combine(AppContext.BaseDirectory, "cases");
        var entries = new List<Entry>();
        foreach (string file in Directory.GetFiles(root, "case.json", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
        {
            using JsonDocument json = JsonDocument.Parse(File.ReadAllBytes(file));
            JsonElement golden = json.RootElement;
            string name = golden.GetProperty("name").GetString()!;
            bool bidirectional = golden.GetProperty("architecture").TryGetProperty("bidirectional", out JsonElement b) && b.GetBoolean();
            foreach (JsonProperty format in golden.GetProperty("files").EnumerateObject())
            {
                entries.Add(new Entry(name, format.Name, !bidirectional));
            }
        }
        // 14 cases in 30 weight files when this was written; fewer means the copy to the test output went wrong.
        Assert.True(entries.Count >= 30, $"expected at least 30 golden weight files under {root}, found {entries.Count}");
        return entries;
    }
}
