using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using EdgeLstm.Import.Json;
using EdgeLstm.Testing;
using EdgeLstm.Tests.Reference;

namespace EdgeLstm.Tests.DamagedFiles;

/// <summary>An intact weight file to damage, with input rows to run whatever model it still loads into.</summary>
internal sealed record MutationSubject(string Label, byte[] Content, double[] ProbeRows)
{
    /// <summary>The format keys the sweep runs over: the shared cases' file names, then the JSON formats.</summary>
    public static IEnumerable<string> Formats() =>
        GoldenFiles.WeightFiles().Select(p => p.File).Distinct().OrderBy(f => f, StringComparer.Ordinal)
            .Concat(new[] { EdgeLstmJson, RtNeuralJson });

    public const string EdgeLstmJson = "edgelstm-json";

    public const string RtNeuralJson = "rtneural-json";

    public static IReadOnlyList<MutationSubject> For(string format) => format switch
    {
        EdgeLstmJson => FixturesAsEdgeLstmJson(),
        RtNeuralJson => RtNeuralTestData(),
        _ => GoldenFiles.WeightFiles().Where(p => p.File == format).Select(p => FromCase(p.Case, p.File)).ToArray(),
    };

    private static MutationSubject FromCase(string name, string file)
    {
        GoldenCase golden = GoldenCase.Load(name);
        return new MutationSubject($"{name}/{file}", File.ReadAllBytes(GoldenFiles.PathOf(name, file)), Probe(golden.Input, golden.InputSize));
    }

    // No shared case ships JSON, so the hand-built reference fixtures are written out by the JSON writer.
    private static MutationSubject[] FixturesAsEdgeLstmJson() => ReferenceFixture.Names.Select(name =>
    {
        ReferenceFixture fixture = ReferenceFixture.Get(name);
        byte[] content = Encoding.UTF8.GetBytes(EdgeLstmJsonFormat.Write(fixture.Model));
        return new MutationSubject(name + ".json", content, fixture.Input.Take(4 * fixture.Model.InputSize).ToArray());
    }).ToArray();

    private static MutationSubject[] RtNeuralTestData()
    {
        string folder = Path.Combine(AppContext.BaseDirectory, "TestData", "RtNeural");
        return Directory.GetFiles(folder, "*.rtneural.json").OrderBy(p => p, StringComparer.Ordinal).Select(path =>
        {
            string name = Path.GetFileName(path).Replace(".rtneural.json", string.Empty, StringComparison.Ordinal);
            GoldenCase golden = GoldenCase.Load(name);
            return new MutationSubject(Path.GetFileName(path), File.ReadAllBytes(path), Probe(golden.Input, golden.InputSize));
        }).ToArray();
    }

    private static double[] Probe(float[] input, int inputSize) => input.Take(4 * inputSize).Select(v => (double)v).ToArray();
}
