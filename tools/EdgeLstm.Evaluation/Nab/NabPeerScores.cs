using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace EdgeLstm.Evaluation.Nab;

/// <summary>One published per-file result (a row of <c>peer_scores.csv</c>, taken from NAB's <c>results/&lt;detector&gt;/*_scores.csv</c>).</summary>
public sealed record NabPeerScore(string Detector, string Profile, string File, double RawScore, int TruePositives, int FalsePositives, int FalseNegatives, double Threshold);

/// <summary>Published NAB results of other detectors: <c>detector,profile,file,raw_score,tp,fp,fn,threshold</c>.</summary>
public sealed class NabPeerScores
{
    private readonly Dictionary<(string Detector, string Profile, string File), NabPeerScore> _scores = [];

    /// <summary>Detector names in file order.</summary>
    public List<string> Detectors { get; } = [];

    /// <summary>Every row.</summary>
    public IEnumerable<NabPeerScore> All => _scores.Values;

    /// <summary>A detector's published result on a file for a profile, or null.</summary>
    public NabPeerScore? Find(string detector, string profile, string file)
        => _scores.TryGetValue((detector, profile, file), out var score) ? score : null;

    /// <exception cref="InvalidDataException">A row does not have the eight fields; the message names the line.</exception>
    public static NabPeerScores Load(string path)
    {
        var peers = new NabPeerScores();
        int lineNumber = 0;
        foreach (string line in File.ReadLines(path))
        {
            if (++lineNumber == 1 || line.Length == 0)
            {
                continue;
            }

            string[] f = line.Split(',');
            if (f.Length != 8
                || !double.TryParse(f[3], NumberStyles.Float, CultureInfo.InvariantCulture, out double raw)
                || !int.TryParse(f[4], NumberStyles.Integer, CultureInfo.InvariantCulture, out int tp)
                || !int.TryParse(f[5], NumberStyles.Integer, CultureInfo.InvariantCulture, out int fp)
                || !int.TryParse(f[6], NumberStyles.Integer, CultureInfo.InvariantCulture, out int fn)
                || !double.TryParse(f[7], NumberStyles.Float, CultureInfo.InvariantCulture, out double threshold))
            {
                throw new InvalidDataException($"{path}: line {lineNumber}: expected 'detector,profile,file,raw_score,tp,fp,fn,threshold', found '{line}'.");
            }

            if (!peers.Detectors.Contains(f[0]))
            {
                peers.Detectors.Add(f[0]);
            }

            peers._scores[(f[0], f[1], f[2])] = new NabPeerScore(f[0], f[1], f[2], raw, tp, fp, fn, threshold);
        }

        return peers;
    }
}
