using System.Collections.Generic;
using System.Linq;
using EdgeLstm.Evaluation.Nab;
using Xunit;

namespace EdgeLstm.Evaluation.Tests;

/// <summary>
/// The scorer is right when it reproduces NAB's own numbers: fed Numenta HTM's published per-row scores at HTM's
/// published threshold, every file's raw score and row counts must equal what NAB published for HTM
/// (<c>peer_scores.csv</c>, from NAB's <c>results/numenta/numenta_&lt;profile&gt;_scores.csv</c>).
/// </summary>
public sealed class HtmReproductionTests
{
    public static TheoryData<string> Profiles => new(NabProfile.All.Select(p => p.Name));

    [Theory]
    [MemberData(nameof(Profiles))]
    public void EveryFilesRawScoreAndCountsEqualNabsPublishedOnesForHtm(string profileName)
    {
        var profile = NabProfile.All.Single(p => p.Name == profileName);
        var corpus = NabData.Corpus;
        Assert.Equal(56, corpus.Files.Count);
        int checkedFiles = 0;
        foreach (var file in corpus.Files)
        {
            var published = NabData.Peers.Find("numenta", profileName, file.Name);
            Assert.NotNull(published);

            var score = NabScorer.ScoreFile(file, NabData.HtmScores[file.Name], profile, published.Threshold);

            Assert.True(System.Math.Abs(score.RawScore - published.RawScore) < 1e-9, $"{file.Name}: {score.RawScore:R}, NAB published {published.RawScore:R}");
            Assert.Equal((published.TruePositives, published.FalsePositives, published.FalseNegatives), (score.TruePositives, score.FalsePositives, score.FalseNegatives));
            checkedFiles++;
        }

        Assert.Equal(56, checkedFiles);
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void TheNullBaselineIsTheNullDetectorsPublishedScore(string profileName)
    {
        var profile = NabProfile.All.Single(p => p.Name == profileName);
        var corpus = NabData.Corpus;
        var silent = corpus.Files.Select(f => new double[f.Length]).ToList();

        var result = NabScorer.Score(corpus.Files, silent, profile, threshold: 0.5);

        double publishedNull = corpus.Files.Sum(f => NabData.Peers.Find("null", profileName, f.Name)!.RawScore);
        Assert.Equal(publishedNull, result.NullScore, 9);
        Assert.Equal(publishedNull, result.RawScore, 9);
        Assert.Equal(0.0, result.NormalisedScore, 9);
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void NormalisingHtmsPublishedRawScoresGivesTheScoreAtItsThreshold(string profileName)
    {
        var profile = NabProfile.All.Single(p => p.Name == profileName);
        var corpus = NabData.Corpus;
        var htm = corpus.Files.Select(f => NabData.HtmScores[f.Name]).ToList();
        double threshold = NabData.Peers.Find("numenta", profileName, corpus.Files[0].Name)!.Threshold;

        var result = NabScorer.Score(corpus.Files, htm, profile, threshold);

        // runner.py: 100 (raw - null) / (perfect - null), perfect = tpWeight x windows in the label file.
        double raw = corpus.Files.Sum(f => NabData.Peers.Find("numenta", profileName, f.Name)!.RawScore);
        double nullRaw = corpus.Files.Sum(f => NabData.Peers.Find("null", profileName, f.Name)!.RawScore);
        int windows = NabCorpus.ReadWindows(System.IO.Path.Combine(NabData.Folder, "windows.json")).Values.Sum(w => w.Count);
        Assert.Equal(110, windows);
        Assert.Equal(100 * (raw - nullRaw) / ((profile.TruePositiveWeight * windows) - nullRaw), result.NormalisedScore, 6);
    }

    [Fact]
    public void TheOptimisersThresholdScoresAtLeastHtmsPublishedOneAndNoOtherScoreBeatsIt()
    {
        var corpus = NabData.Corpus;
        var htm = corpus.Files.Select(f => NabData.HtmScores[f.Name]).ToList();
        var profile = NabProfile.Standard;

        var (threshold, best) = NabScorer.Optimise(corpus.Files, htm, profile);

        double atPublished = NabScorer.Score(corpus.Files, htm, profile, 0.542187690735).RawScore;
        Assert.True(best >= atPublished - 1e-9, $"optimiser {best} at {threshold}, published threshold {atPublished}");
        Assert.Equal(best, NabScorer.Score(corpus.Files, htm, profile, threshold).RawScore, 9);
        // Brute force over a grid of thresholds: none may beat the sweep.
        var distinct = new SortedSet<double>(htm.SelectMany(s => s));
        foreach (double candidate in distinct.Where((_, i) => i % 97 == 0))
        {
            Assert.True(NabScorer.Score(corpus.Files, htm, profile, candidate).RawScore <= best + 1e-9, $"threshold {candidate} beats the optimiser");
        }
    }
}
