using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using EdgeLstm.Evaluation.Nab;

namespace EdgeLstm.Evaluation.Tests;

/// <summary>The bundled NAB data (tests/data/nab, 56 of NAB's 58 files) and Numenta HTM's published per-row scores on it.</summary>
public static class NabData
{
    private static readonly Lazy<NabCorpus> LazyCorpus = new(() => NabCorpus.Load(Folder));
    private static readonly Lazy<NabPeerScores> LazyPeers = new(() => NabPeerScores.Load(Path.Combine(Folder, "peer_scores.csv")));
    private static readonly Lazy<Dictionary<string, double[]>> LazyHtm = new(ReadHtmScores);

    public static string Folder => Path.Combine(AppContext.BaseDirectory, "data", "nab");

    public static NabCorpus Corpus => LazyCorpus.Value;

    public static NabPeerScores Peers => LazyPeers.Value;

    /// <summary>
    /// Numenta HTM's <c>anomaly_score</c> column from NAB's <c>results/numenta/&lt;category&gt;/numenta_&lt;file&gt;.csv</c>, as
    /// published (text kept digit for digit), packed as <c>file,anomaly_score</c> rows in one gzip file.
    /// </summary>
    public static IReadOnlyDictionary<string, double[]> HtmScores => LazyHtm.Value;

    private static Dictionary<string, double[]> ReadHtmScores()
    {
        var lists = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        using var gzip = new GZipStream(File.OpenRead(Path.Combine(Folder, "results", "numenta_anomaly_scores.csv.gz")), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        reader.ReadLine();
        while (reader.ReadLine() is { } line)
        {
            int comma = line.IndexOf(',', StringComparison.Ordinal);
            string file = line[..comma];
            if (!lists.TryGetValue(file, out var list))
            {
                lists[file] = list = [];
            }

            list.Add(double.Parse(line.AsSpan(comma + 1), NumberStyles.Float, CultureInfo.InvariantCulture));
        }

        var result = new Dictionary<string, double[]>(StringComparer.Ordinal);
        foreach (var (file, list) in lists)
        {
            result[file] = list.ToArray();
        }

        return result;
    }
}
