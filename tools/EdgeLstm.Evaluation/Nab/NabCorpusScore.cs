using System.Collections.Generic;

namespace EdgeLstm.Evaluation.Nab;

/// <summary>A detector's NAB result on a corpus for one profile.</summary>
/// <param name="Profile">The profile.</param>
/// <param name="Threshold">The threshold scored: the optimiser's, or one given.</param>
/// <param name="RawScore">The sum of the files' raw scores.</param>
/// <param name="NullScore">The null detector's raw score on the same files (no detection: −fnWeight per scorable window).</param>
/// <param name="PerfectScore">tpWeight × the labelled windows of the files (NAB's "perfect").</param>
/// <param name="Files">Per-file results at <paramref name="Threshold"/>.</param>
public sealed record NabCorpusScore(NabProfile Profile, double Threshold, double RawScore, double NullScore, double PerfectScore, IReadOnlyList<NabFileScore> Files)
{
    /// <summary>NAB's normalised score: 100 · (raw − null) / (perfect − null); the null detector scores 0, a perfect one 100.</summary>
    public double NormalisedScore => 100.0 * (RawScore - NullScore) / (PerfectScore - NullScore);
}
