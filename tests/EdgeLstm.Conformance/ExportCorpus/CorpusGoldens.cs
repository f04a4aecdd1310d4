using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Text.Json;
using EdgeLstm.Testing;

namespace EdgeLstm.Conformance.ExportCorpus;

/// <summary>
/// The export corpus's golden outputs, embedded in this assembly (every tests/exports/*/golden.json, see the project
/// file), as one <see cref="GoldenCase"/> per model and sequence length, named <c>model@steps</c>, so that
/// <see cref="Checks.ConformanceRun"/> checks every file at every length.
/// </summary>
public static class CorpusGoldens
{
    private const string ResourcePrefix = "exports/";

    /// <summary>Every embedded model at every golden length, ordered by name.</summary>
    public static IReadOnlyList<GoldenCase> Load()
    {
        Assembly assembly = typeof(CorpusGoldens).Assembly;
        var cases = new List<GoldenCase>();
        foreach (string resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            {
                continue;
            }
            using Stream stream = assembly.GetManifestResourceStream(resource)
                ?? throw new InvalidOperationException($"Embedded resource '{resource}' is listed but cannot be opened.");
            CorpusGolden golden = JsonSerializer.Deserialize(stream, CorpusGoldenJsonContext.Default.CorpusGolden)
                ?? throw new InvalidDataException($"Embedded resource '{resource}' holds JSON null, not a corpus golden.");
            foreach (CorpusSequence sequence in golden.Sequences)
            {
                var atLength = new GoldenCase
                {
                    Name = CaseName(golden.Name, sequence.Steps),
                    Steps = sequence.Steps,
                    InputSize = golden.InputSize,
                    OutputSize = golden.OutputSize,
                    Input = sequence.Input,
                    Output = sequence.Output,
                    Files = golden.Files,
                };
                if (atLength.Input.Length != atLength.Steps * atLength.InputSize || atLength.Output.Length != atLength.Steps * atLength.OutputSize)
                {
                    throw new InvalidDataException($"{resource}: the {sequence.Steps}-step sequence does not hold {sequence.Steps} rows of input and output.");
                }
                cases.Add(atLength);
            }
        }
        cases.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return cases;
    }

    /// <summary>The case name of one model at one length: <c>lstm_bf_softmax@23</c>.</summary>
    public static string CaseName(string model, int steps) => $"{model}@{steps}";
}
