using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;
using Xunit;
using Xunit.Abstractions;

namespace EdgeLstm.Tests.DamagedFiles;

/// <summary>
/// Damaged weight files must be refused with a <see cref="ModelFormatException"/> naming the file, or load into a model
/// that runs: never another exception type, never a hang. Every shared case's file in each format (and JSON documents
/// in both JSON formats) is truncated at many lengths and has bytes flipped by a seeded <see cref="Random"/>, so any
/// failure reproduces from the printed seed, file and offsets.
/// </summary>
public sealed class ImporterMutationTests
{
    /// <summary>Random flips per format, spread over that format's files (truncations come on top).</summary>
    private const int FlipsPerFormat = 2000;

    private const int MaxReportedFailures = 20;

    private const int MaxHangs = 3;

    private readonly ITestOutputHelper _output;

    public ImporterMutationTests(ITestOutputHelper output) => _output = output;

    public static TheoryData<string> Formats() => new(MutationSubject.Formats());

    [Theory]
    [MemberData(nameof(Formats))]
    public void DamagedFile_IsRefusedWithModelFormatException_OrLoadsIntoARunnableModel(string format)
    {
        IReadOnlyList<MutationSubject> subjects = MutationSubject.For(format);
        Assert.NotEmpty(subjects);
        int flipsPerFile = (FlipsPerFormat + subjects.Count - 1) / subjects.Count;
        var failures = new List<string>();
        int mutations = 0, loaded = 0, hangs = 0;
        var clock = Stopwatch.StartNew();

        foreach (MutationSubject subject in subjects)
        {
            byte[] original = subject.Content;
            int seed = MutationPlan.SeedFor(subject.Label, format);

            // The intact file must load: otherwise every mutation is trivially "refused" and proves nothing.
            GuardedLoad.Outcome baseline = GuardedLoad.Check(original, subject.Label, subject.ProbeRows);
            Assert.True(baseline.Loaded && baseline.Problem is null,
                $"{subject.Label} does not load intact, so its mutations would prove nothing: {baseline.Problem ?? baseline.Refusal}");

            foreach (Mutation mutation in MutationPlan.Truncations(original.Length).Concat(MutationPlan.Flips(original.Length, flipsPerFile, seed)))
            {
                mutations++;
                GuardedLoad.Outcome outcome = GuardedLoad.Check(mutation.Apply(original), subject.Label, subject.ProbeRows);
                if (outcome.Loaded) loaded++;
                if (outcome.Problem is not { } problem)
                {
                    continue;
                }
                if (problem.StartsWith("hang", StringComparison.Ordinal)) hangs++;
                failures.Add($"{subject.Label} (seed {seed}, {original.Length} bytes), {mutation}: {problem}");
                if (hangs >= MaxHangs) break; // a hung load keeps a core busy; more of them would only slow the report
            }
            if (hangs >= MaxHangs) break;
        }

        _output.WriteLine($"{format}: {mutations} mutations of {subjects.Count} files in {clock.Elapsed.TotalSeconds:F1} s: " +
            $"{loaded} loaded and ran, {mutations - loaded - failures.Count} refused with ModelFormatException, {failures.Count} failures.");
        if (failures.Count > 0)
        {
            var report = new StringBuilder();
            report.AppendLine($"{failures.Count} of {mutations} mutated {format} files misbehaved (first {Math.Min(failures.Count, MaxReportedFailures)} shown):");
            foreach (string failure in failures.Take(MaxReportedFailures)) report.AppendLine(failure).AppendLine();
            Assert.Fail(report.ToString());
        }
        Assert.True(mutations >= FlipsPerFormat, $"only {mutations} mutations of {format} were tried.");
    }
}
