using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace MachineMonitor.Nab;

/// <summary>
/// Published NAB results of other detectors (<c>peer_scores.csv</c>: <c>detector,file,raw_standard_score,tp,fp,fn</c>,
/// taken from NAB's <c>results/&lt;detector&gt;/*_standard_scores.csv</c>).
/// </summary>
internal sealed class PeerScores
{
    private readonly Dictionary<(string Detector, string File), double> _scores = [];

    /// <summary>Detector names in file order.</summary>
    public List<string> Detectors { get; } = [];

    /// <summary>A detector's raw standard score on a file, or null when it was not published.</summary>
    public double? Score(string detector, string file) => _scores.TryGetValue((detector, file), out double s) ? s : null;

    /// <exception cref="InvalidDataException">A row is not <c>detector,file,score,…</c>.</exception>
    public static PeerScores Load(string path)
    {
        var peers = new PeerScores();
        int lineNumber = 0;
        foreach (string line in File.ReadLines(path))
        {
            if (++lineNumber == 1 || string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            string[] fields = line.Split(',');
            if (fields.Length < 3 || !double.TryParse(fields[2], NumberStyles.Float, CultureInfo.InvariantCulture, out double score))
            {
                throw new InvalidDataException($"{path}: line {lineNumber}: expected 'detector,file,raw_standard_score,...', found '{line}'.");
            }

            if (!peers.Detectors.Contains(fields[0]))
            {
                peers.Detectors.Add(fields[0]);
            }

            peers._scores[(fields[0], fields[1])] = score;
        }

        return peers;
    }
}
