using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using EdgeLstm.Testing;
using Microsoft.CodeAnalysis;
using Xunit;

namespace EdgeLstm.Generator.Tests.Pipeline;

/// <summary>
/// The generator never throws: truncated and corrupted copies of every golden weight file end as ELSTM
/// diagnostics or as code that compiles, never as an exception (which the compiler reports as CS8785 and which
/// stops every generator's output) or an analyzer crash (AD0001).
/// </summary>
public sealed class RobustnessTests
{
    public static TheoryData<string> CaseModelFiles()
    {
        var data = new TheoryData<string>();
        foreach (string path in RepositoryFiles.CaseModelFiles())
        {
            data.Add(Path.GetRelativePath(RepositoryFiles.CasesDirectory, path));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(CaseModelFiles))]
    public void CorruptedCopiesEndAsDiagnosticsNotExceptions(string caseFile)
    {
        byte[] original = File.ReadAllBytes(Path.Combine(RepositoryFiles.CasesDirectory, caseFile));
        IReadOnlyList<byte[]> mutants = Mutants(original, seed: StableSeed(caseFile));
        string extension = Path.GetExtension(caseFile);

        // One project holding every mutant, one class per mutant: one generator run per original file.
        var harness = new GeneratorHarness();
        var source = new StringBuilder("using EdgeLstm;\nnamespace Fuzz;\n");
        for (int i = 0; i < mutants.Count; i++)
        {
            harness.AddWeightFile($"models/mutant{i}{extension}", mutants[i]);
            source.Append($"[RecurrentModel(\"models/mutant{i}{extension}\")] public sealed partial class Mutant{i};\n");
        }

        GeneratorRun run = harness.Run(source.ToString());

        Assert.Null(run.Result.Exception);
        Assert.All(run.Diagnostics, d => Assert.StartsWith("ELSTM", d.Id));
        Assert.DoesNotContain(run.Diagnostics, d => d.Id == "ELSTM008"); // an internal error is a bug, even when caught
        Assert.All(run.Diagnostics, d => Assert.Contains("models/mutant", d.GetMessage()));
        // Every class gets source (the model, or its placeholder when an error says why not), at most one error, and
        // the whole project compiles: a corruption that still reads (a changed weight) gives a model, every other one a
        // placeholder whose members throw. A .pt that still loads may add the ELSTM009 warning about what it cannot say.
        Assert.All(run.Diagnostics.Where(d => d.Severity != DiagnosticSeverity.Error), d => Assert.Equal("ELSTM009", d.Id));
        int errors = run.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(mutants.Count, run.Result.GeneratedSources.Length);
        Assert.True(errors <= mutants.Count);
        Assert.Equal(errors, run.Result.GeneratedSources.Count(g => g.SourceText.ToString().Contains("could not generate", StringComparison.Ordinal)));
        Assert.Empty(run.CompilationErrors);
    }

    /// <summary>string.GetHashCode differs between processes; a failure must reproduce.</summary>
    private static int StableSeed(string text) => text.Aggregate(17, (hash, c) => unchecked(hash * 31 + c));

    /// <summary>Truncations at the edges and spread over the file, and single-byte corruptions at seeded positions.</summary>
    private static IReadOnlyList<byte[]> Mutants(byte[] original, int seed)
    {
        var mutants = new List<byte[]>();
        int n = original.Length;
        int[] lengths = { 0, 1, 4, 8, 9, 16, 64, n / 8, n / 4, n / 3, n / 2, 2 * n / 3, 3 * n / 4, n - 64, n - 8, n - 1 };
        foreach (int length in lengths.Where(l => l >= 0 && l < n).Distinct())
        {
            mutants.Add(original.Take(length).ToArray());
        }

        var random = new Random(seed);
        byte[] replacements = { 0x00, 0xFF, 0x7F, 0x80 };
        for (int i = 0; i < 16; i++)
        {
            byte[] copy = (byte[])original.Clone();
            // Half in the first 256 bytes, where headers, lengths and offsets live; half anywhere.
            int position = i % 2 == 0 ? random.Next(Math.Min(n, 256)) : random.Next(n);
            copy[position] = copy[position] == replacements[i % 4] ? (byte)~copy[position] : replacements[i % 4];
            mutants.Add(copy);
        }
        return mutants;
    }
}
