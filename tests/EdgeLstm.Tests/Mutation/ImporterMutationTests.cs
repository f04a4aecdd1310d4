using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using EdgeLstm.Tests.Reference;
using Xunit;
using Xunit.Abstractions;

namespace EdgeLstm.Tests.Mutation;

/// <summary>
/// Damaged weight files must be refused with a <see cref="ModelFormatException"/> naming the file, or load into a model
/// that runs: never another exception type, never a hang. Every shared case's file in each format is truncated at many
/// lengths and has bytes flipped by a seeded <see cref="Random"/>, so any failure reproduces from the printed
/// seed, case and offsets.
/// </summary>
public sealed class ImporterMutationTests
{
    /// <summary>Random flips per format, spread over the cases that ship that format (truncations come on top).</summary>
    private const int FlipsPerFormat = 2000;

    private const int MaxReportedFailures = 20;

    private const int MaxHangs = 3;

    private readonly ITestOutputHelper _output;

    public ImporterMutationTests(ITestOutputHelper output) => _output = output;

    public static TheoryData<string> Formats() => new(GoldenCase.WeightFiles().Select(p => p.File).Distinct().OrderBy(f => f, StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Formats))]
    public void DamagedFile_IsRefusedWithModelFormatException_OrLoadsIntoARunnableModel(string file)
    {
        string[] cases = GoldenCase.WeightFiles().Where(p => p.File == file).Select(p => p.Case).ToArray();
        int flipsPerCase = (FlipsPerFormat + cases.Length - 1) / cases.Length;
        var failures = new List<string>();
        int mutations = 0, loaded = 0, hangs = 0;
        var clock = Stopwatch.StartNew();

        foreach (string name in cases)
        {
            byte[] original = File.ReadAllBytes(GoldenCase.PathOf(name, file));
            GoldenCase golden = GoldenCase.Load(name);
            double[] probe = golden.Input.Take(4 * golden.InputSize).Select(v => (double)v).ToArray();
            int seed = MutationPlan.SeedFor(name, file);
            string label = $"{name}/{file}";

            // The unmutated file must load: otherwise every mutation is trivially "refused" and proves nothing.
            GuardedLoad.Outcome baseline = GuardedLoad.Check(original, label, probe);
            Assert.True(baseline.Loaded && baseline.Problem is null,
                $"{label} does not load unmutated, so its mutations would prove nothing: {baseline.Problem ?? baseline.Refusal}");

            foreach (Mutation mutation in MutationPlan.Truncations(original.Length).Concat(MutationPlan.Flips(original.Length, flipsPerCase, seed)))
            {
                mutations++;
                GuardedLoad.Outcome outcome = GuardedLoad.Check(mutation.Apply(original), label, probe);
                if (outcome.Loaded) loaded++;
                if (outcome.Problem is not { } problem)
                {
                    continue;
                }
                if (problem.StartsWith("hang", StringComparison.Ordinal)) hangs++;
                failures.Add($"{label} (seed {seed}, {original.Length} bytes), {mutation}: {problem}");
                if (hangs >= MaxHangs) break; // a hung load keeps a core busy; more of them would only slow the report
            }
            if (hangs >= MaxHangs) break;
        }

        _output.WriteLine($"{file}: {mutations} mutations over {cases.Length} cases in {clock.Elapsed.TotalSeconds:F1} s: {loaded} loaded and ran, {mutations - loaded - failures.Count} refused with ModelFormatException, {failures.Count} failures.");
        if (failures.Count > 0)
        {
            var report = new StringBuilder();
            report.AppendLine($"{failures.Count} of {mutations} mutated {file} files misbehaved (first {Math.Min(failures.Count, MaxReportedFailures)} shown):");
            foreach (string failure in failures.Take(MaxReportedFailures)) report.AppendLine(failure).AppendLine();
            Assert.Fail(report.ToString());
        }
        Assert.True(mutations >= FlipsPerFormat, $"only {mutations} mutations of {file} were tried.");
    }
}
