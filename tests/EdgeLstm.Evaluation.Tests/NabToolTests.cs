using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using EdgeLstm.Evaluation.Nab;
using EdgeLstm.Nab;
using Xunit;

namespace EdgeLstm.Evaluation.Tests;

/// <summary>
/// <c>edgelstm-nab</c> on a folder in NAB's results layout: HTM's published per-row scores, written out as
/// NAB's <c>results/numenta/&lt;category&gt;/numenta_&lt;file&gt;.csv</c>.
/// </summary>
public sealed class NabToolTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "edgelstm-nab-" + Guid.NewGuid().ToString("N"));

    public NabToolTests()
    {
        foreach (var file in NabData.Corpus.Files)
        {
            NabResultsFolder.Write(NabResultsFolder.PathFor(_folder, file, "numenta"), file, NabData.HtmScores[file.Name]);
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void ScoringHtmsResultsFolderPrintsItsSweepAndWritesJsonAndPlots()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        string json = Path.Combine(_folder, "scores.json");
        string plots = Path.Combine(_folder, "plots");

        int exit = NabCommandLine.Run(["--results", _folder, "--data", NabData.Folder, "--detector", "numenta", "--json", json, "--plot", plots, "--per-file"], output, error);

        Assert.True(exit == 0, error.ToString());
        // The optimiser's standard threshold must score at least what HTM's published threshold scores on these files.
        var corpus = NabData.Corpus;
        var htm = corpus.Files.Select(f => NabData.HtmScores[f.Name]).ToList();
        double atPublished = NabScorer.Score(corpus.Files, htm, NabProfile.Standard, 0.542187690735).NormalisedScore;
        using var document = JsonDocument.Parse(File.ReadAllText(json));
        var standard = document.RootElement.GetProperty("profiles").GetProperty("standard");
        Assert.True(standard.GetProperty("normalised").GetDouble() >= atPublished - 1e-9);
        Assert.Equal(56, document.RootElement.GetProperty("files").GetInt32());
        Assert.Contains(standard.GetProperty("normalised").GetDouble().ToString("F1", CultureInfo.InvariantCulture), output.ToString());
        Assert.Contains("realTweets/Twitter_volume_UPS.csv", output.ToString());
        Assert.Equal(56, Directory.GetFiles(plots, "*.png").Length);
        byte[] png = File.ReadAllBytes(Path.Combine(plots, "realKnownCause_nyc_taxi.png"));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
    }

    [Fact]
    public void AResultsFileWithTooFewRowsIsAnErrorNamingIt()
    {
        var file = NabData.Corpus.Files.First(f => f.Name == "realKnownCause/nyc_taxi.csv");
        string path = NabResultsFolder.PathFor(_folder, file, "numenta");
        File.WriteAllLines(path, File.ReadAllLines(path).Take(100));
        var error = new StringWriter();

        int exit = NabCommandLine.Run(["--results", _folder, "--data", NabData.Folder, "--detector", "numenta"], TextWriter.Null, error);

        Assert.Equal(1, exit);
        Assert.Contains(path, error.ToString());
        Assert.Contains("99 rows, but realKnownCause/nyc_taxi.csv has 10320", error.ToString());
    }
}
