using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using EdgeLstm.Evaluation.Nab;

namespace EdgeLstm.Nab;

/// <summary>
/// <c>edgelstm-nab</c>: scores any detector's per-row NAB results as NAB v1.1 does — a folder of
/// <c>&lt;category&gt;/[&lt;detector&gt;_]&lt;file&gt;.csv</c> with an <c>anomaly_score</c> column in, the three profiles'
/// optimised thresholds and normalised scores out (and per-file raw scores, JSON, plots).
/// </summary>
internal static class NabCommandLine
{
    public const int Ok = 0, Failed = 1, BadUsage = 2;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var results = new Option<string>("--results") { Description = "Folder of per-file results in NAB's layout (<category>/<detector>_<file>.csv with an anomaly_score column).", Required = true };
        var data = new Option<string>("--data") { Description = "The NAB data folder (windows.json, the series, peer_scores.csv).", DefaultValueFactory = _ => "tests/data/nab" };
        var detector = new Option<string>("--detector") { Description = "The detector name in the results files' names (needed when a folder holds several)." };
        var perFile = new Option<bool>("--per-file") { Description = "Also print every file's raw standard score beside the peers'." };
        var json = new Option<string>("--json") { Description = "Also write the scores as JSON to FILE (for scripts)." };
        var threshold = new Option<double?>("--threshold") { Description = "Score every profile at this threshold instead of the optimiser's (e.g. a device's alarm threshold)." };
        var plot = new Option<string>("--plot") { Description = "Write one PNG per file to DIR: the series, labelled windows, score, detections at the standard threshold." };
        var root = new RootCommand("edgelstm-nab: NAB v1.1 scoring (sweep, threshold optimiser, normalisation; standard, reward_low_FP_rate, reward_low_FN_rate) of a folder of per-file results.")
        {
            results, data, detector, perFile, json, plot, threshold,
        };

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var problem in parse.Errors)
            {
                error.WriteLine($"error: {problem.Message}");
            }

            return BadUsage;
        }

        if (parse.Action is not null && parse.GetResult(results) is null)
        {
            return parse.Invoke(); // --help, --version
        }

        try
        {
            return Score(parse.GetValue(results)!, parse.GetValue(data)!, parse.GetValue(detector), parse.GetValue(perFile), parse.GetValue(json), parse.GetValue(plot), parse.GetValue(threshold), output, error);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException or ArgumentException)
        {
            error.WriteLine($"error: {ex.Message}");
            return Failed;
        }
    }

    private static int Score(string resultsDirectory, string dataDirectory, string? detector, bool perFile, string? jsonPath, string? plotDirectory, double? threshold, TextWriter output, TextWriter error)
    {
        var corpus = NabCorpus.Load(dataDirectory);
        if (!Directory.Exists(resultsDirectory))
        {
            throw new DirectoryNotFoundException($"{resultsDirectory}: no such results folder.");
        }

        var scores = corpus.Files.Select(file =>
        {
            string path = NabResultsFolder.Find(resultsDirectory, file, detector)
                ?? throw new FileNotFoundException($"{resultsDirectory}: no results file for {file.Name} (expected {Path.GetDirectoryName(file.Name)}/{detector ?? "<detector>"}_{Path.GetFileName(file.Name)}).");
            return NabResultsFolder.ReadScores(path, file);
        }).ToList();

        var profiles = NabProfile.All.Select(p => NabScorer.Score(corpus.Files, scores, p, threshold)).ToList();
        string peersPath = Path.Combine(dataDirectory, "peer_scores.csv");
        var peers = File.Exists(peersPath) ? NabPeerScores.Load(peersPath) : null;
        string name = detector ?? Path.GetFileName(Path.GetFullPath(resultsDirectory).TrimEnd(Path.DirectorySeparatorChar));
        output.Write(NabReport.Summary(name, corpus, profiles, peers));
        if (perFile)
        {
            output.WriteLine();
            output.Write(NabReport.PerFile(profiles[0], corpus, peers));
        }

        if (jsonPath is not null)
        {
            NabJson.Write(jsonPath, name, corpus, profiles);
        }

        if (plotDirectory is not null)
        {
            Directory.CreateDirectory(plotDirectory);
            for (int f = 0; f < corpus.Files.Count; f++)
            {
                NabPlot.Write(Path.Combine(plotDirectory, corpus.Files[f].Name.Replace('/', '_').Replace(".csv", ".png", StringComparison.Ordinal)),
                    corpus.Files[f], scores[f], profiles[0].Files[f], name);
            }

            error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"plots: {corpus.Files.Count} PNG files in {plotDirectory}"));
        }

        foreach (string missing in corpus.Missing)
        {
            error.WriteLine($"note: {missing} is labelled but not present under {dataDirectory}; not scored");
        }

        return Ok;
    }
}
