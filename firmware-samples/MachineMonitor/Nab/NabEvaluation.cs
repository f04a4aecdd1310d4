using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using EdgeLstm.Evaluation.Nab;
using EdgeLstm.Iot.Detection;
using MachineMonitor.App;
using MachineMonitor.Device;

namespace MachineMonitor.Nab;

/// <summary>
/// <c>MachineMonitor evaluate</c>: the device's detector, exactly as <c>--source csv --input FILE</c> runs it (same
/// options, same learning span), on every labelled NAB file, scored by NAB's rules for the three profiles beside the
/// published detectors. Also the experiment harness: all files in parallel, in seconds; <c>--set NAME=VALUE</c>
/// overrides a learning setting for one run (the device takes none).
/// </summary>
internal static class NabEvaluation
{
    /// <summary>The detector's name in NAB results files (<c>&lt;category&gt;/edgelstm_&lt;file&gt;.csv</c>).</summary>
    public const string DetectorName = "edgelstm";

    /// <summary>What one evaluation computed.</summary>
    public sealed record Evaluation(NabCorpus Corpus, double[][] Scores, IReadOnlyList<NabCorpusScore> Optimised, NabCorpusScore AtDeviceThreshold);

    public static int Run(string dataDirectory, string? resultsDirectory, IReadOnlyList<string> overrides, double threshold, bool perFile, TextWriter output, TextWriter error)
    {
        try
        {
            var learning = Apply(new LearnedScorerOptions(), overrides);
            var clock = Stopwatch.StartNew();
            var evaluation = Evaluate(dataDirectory, learning, threshold);
            double seconds = clock.Elapsed.TotalSeconds;
            string peersPath = Path.Combine(dataDirectory, "peer_scores.csv");
            var peers = File.Exists(peersPath) ? NabPeerScores.Load(peersPath) : null;
            output.Write(NabReport.Summary("MachineMonitor", evaluation.Corpus, evaluation.Optimised, peers));
            var device = evaluation.AtDeviceThreshold;
            output.WriteLine(Invariant($"at the device's alarm threshold {threshold:G6}: standard {device.NormalisedScore:F1} (raw {device.RawScore:F2})"));
            if (perFile)
            {
                output.WriteLine();
                output.Write(NabReport.PerFile(evaluation.Optimised[0], evaluation.Corpus, peers));
            }

            if (resultsDirectory is not null)
            {
                for (int f = 0; f < evaluation.Corpus.Files.Count; f++)
                {
                    var file = evaluation.Corpus.Files[f];
                    NabResultsFolder.Write(NabResultsFolder.PathFor(resultsDirectory, file, DetectorName), file, evaluation.Scores[f]);
                }

                error.WriteLine($"results: {evaluation.Corpus.Files.Count} files in NAB's format under {resultsDirectory}");
            }

            foreach (string missing in evaluation.Corpus.Missing)
            {
                error.WriteLine($"note: {missing} is labelled but not present under {dataDirectory}; not scored");
            }

            error.WriteLine(Invariant($"evaluated {evaluation.Corpus.Files.Sum(f => f.Length)} samples in {seconds:F1} s"));
            return ExitCodes.Ok;
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException or ArgumentException)
        {
            error.WriteLine($"error: {ex.Message}");
            return ExitCodes.Failed;
        }
    }

    /// <summary>Runs the detector on every labelled file present and scores the result for the three profiles.</summary>
    public static Evaluation Evaluate(string dataDirectory, LearnedScorerOptions? learning = null, double threshold = MachineDetector.DefaultThreshold)
    {
        var corpus = NabCorpus.Load(dataDirectory);
        var scores = new double[corpus.Files.Count][];
        Parallel.For(0, corpus.Files.Count, f => scores[f] = ScoreFile(corpus.Files[f].Timestamps, corpus.Files[f].Values, learning, threshold));
        var optimised = NabProfile.All.Select(p => NabScorer.Score(corpus.Files, scores, p)).ToList();
        var atDevice = NabScorer.Score(corpus.Files, scores, NabProfile.Standard, threshold);
        return new Evaluation(corpus, scores, optimised, atDevice);
    }

    /// <summary>
    /// The device detector's score for every row of a series, learning for the span <c>--source csv</c> learns for
    /// (<see cref="CalibrationLength.ForRows"/> with the default fraction).
    /// </summary>
    public static double[] ScoreFile(IReadOnlyList<DateTime> timestamps, IReadOnlyList<double> values, LearnedScorerOptions? learning = null, double threshold = MachineDetector.DefaultThreshold)
    {
        var options = MachineDetector.Options(CalibrationLength.ForRows(values.Count, new MonitorSettings().CalibrationFraction), learning, threshold);
        var detector = MachineDetector.Create(options);
        var scores = new double[values.Count];
        Span<float> sample = stackalloc float[1];
        for (int i = 0; i < scores.Length; i++)
        {
            sample[0] = (float)values[i];
            double score = detector.Process(sample, new DateTimeOffset(timestamps[i], TimeSpan.Zero)).Score;
            scores[i] = double.IsFinite(score) ? score : 0.0;
        }

        return scores;
    }

    /// <summary>Applies <c>NAME=VALUE</c> overrides of <see cref="LearnedScorerOptions"/> (experiments only).</summary>
    public static LearnedScorerOptions Apply(LearnedScorerOptions options, IReadOnlyList<string> overrides)
    {
        foreach (string item in overrides)
        {
            int equals = item.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0 || !double.TryParse(item.AsSpan(equals + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out double v))
            {
                throw new ArgumentException($"--set '{item}': expected NAME=NUMBER.");
            }

            options = item[..equals] switch
            {
                nameof(LearnedScorerOptions.NormalisationWindow) => options with { NormalisationWindow = (int)v },
                nameof(LearnedScorerOptions.InputClip) => options with { InputClip = v },
                nameof(LearnedScorerOptions.Forgetting) => options with { Forgetting = v },
                nameof(LearnedScorerOptions.InitialGain) => options with { InitialGain = v },
                nameof(LearnedScorerOptions.ErrorScale) => options with { ErrorScale = v },
                nameof(LearnedScorerOptions.RawShape) => options with { RawShape = (int)v },
                nameof(LearnedScorerOptions.ErrorRate) => options with { ErrorRate = v },
                nameof(LearnedScorerOptions.AveragingWindow) => options with { AveragingWindow = (int)v },
                nameof(LearnedScorerOptions.HistoricWindow) => options with { HistoricWindow = (int)v },
                nameof(LearnedScorerOptions.ReestimationPeriod) => options with { ReestimationPeriod = (int)v },
                nameof(LearnedScorerOptions.LikelihoodWeight) => options with { LikelihoodWeight = v },
                nameof(LearnedScorerOptions.SeasonalMemory) => options with { SeasonalMemory = (int)v },
                nameof(LearnedScorerOptions.SlowErrorRate) => options with { SlowErrorRate = v },
                nameof(LearnedScorerOptions.CoarseBlocksPerLearningPeriod) => options with { CoarseBlocksPerLearningPeriod = (int)v },
                nameof(LearnedScorerOptions.CoarseStatistic) => options with { CoarseStatistic = (int)v },
                nameof(LearnedScorerOptions.CoarseSeasonal) => options with { CoarseSeasonal = v != 0 },
                nameof(LearnedScorerOptions.UseModelFeatures) => options with { UseModelFeatures = v != 0 },
                nameof(LearnedScorerOptions.ModelInputScale) => options with { ModelInputScale = v },
                nameof(LearnedScorerOptions.CoarseModel) => options with { CoarseModel = v != 0 },
                nameof(LearnedScorerOptions.CoarseOrder) => options with { CoarseOrder = (int)v },
                nameof(LearnedScorerOptions.RangeTolerance) => options with { RangeTolerance = v },
                nameof(LearnedScorerOptions.SuppressionFraction) => options with { SuppressionFraction = v },
                _ => throw new ArgumentException($"--set '{item}': no learning setting '{item[..equals]}'."),
            };
        }

        return options;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
