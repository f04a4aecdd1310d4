using System.Globalization;

namespace EdgeLstm.Iot.Detection;

/// <summary>
/// Settings of <see cref="DetectionMode.LearnedReadout"/>: how the detector learns the stream it watches. One
/// configuration for every stream; the defaults are the ones scored on NAB (docs/nab-results.md).
/// </summary>
public sealed record LearnedScorerOptions
{
    /// <summary>Samples over which the input standardisation is exact before it becomes an exponentially weighted one.</summary>
    public int NormalisationWindow { get; init; } = 5000;

    /// <summary>|z| is clipped here before the model sees it.</summary>
    public double InputClip { get; init; } = 8;

    /// <summary>The model steps on z × this.</summary>
    public double ModelInputScale { get; init; } = 1.0;

    /// <summary>RLS forgetting factor λ of the readout over the recurrent state.</summary>
    public double Forgetting { get; init; } = 0.9999;

    /// <summary>P₀ = this × I.</summary>
    public double InitialGain { get; init; } = 100;

    /// <summary>r = |error| / (this × typical |error|) is what <see cref="RawShape"/> maps to the raw score.</summary>
    public double ErrorScale { get; init; } = 3.5;

    /// <summary>The raw score of r: 1 = max(0, 1 − 1/r) (the default: 0 for ordinary errors); experiments: 0 = 1 − exp(−r), 2 = 1 − exp(−r²).</summary>
    public int RawShape { get; init; } = 1;

    /// <summary>Weight of the exponentially weighted typical |error| per sample.</summary>
    public double ErrorRate { get; init; } = 0.01;

    /// <summary>A second, slower typical |error|; the larger of the two scales the raw score (0 turns it off).</summary>
    public double SlowErrorRate { get; init; }

    /// <summary>Experiments: false feeds the readout zeros instead of the model's outputs (an ablation).</summary>
    public bool UseModelFeatures { get; init; } = true;

    /// <summary>Anomaly likelihood: raw scores averaged over this many samples.</summary>
    public int AveragingWindow { get; init; } = 10;

    /// <summary>Anomaly likelihood: the long-run window the raw-score distribution is fitted to.</summary>
    public int HistoricWindow { get; init; } = 8640;

    /// <summary>Anomaly likelihood: samples between re-fits.</summary>
    public int ReestimationPeriod { get; init; } = 100;

    /// <summary>The likelihood's log-scaled score is multiplied by this (a range break scores 1 regardless).</summary>
    public double LikelihoodWeight { get; init; } = 0.8;

    /// <summary>The readout also sees the standardised value one day and one week before the predicted sample, when
    /// the sample period (from the first two timestamps) puts them within this many samples; 0 (the default: it scored lower on NAB) turns it off.</summary>
    public int SeasonalMemory { get; init; }

    /// <summary>A second, coarse time scale: block means of learning period / this many samples, predicted by an
    /// online autoregressive readout and scored by their own likelihood; 0 turns it off.</summary>
    public int CoarseBlocksPerLearningPeriod { get; init; } = 100;

    /// <summary>Experiments: what stands for a block: 0 its mean, 1 its value farthest from the previous blocks' mean.</summary>
    public int CoarseStatistic { get; init; }

    /// <summary>Experiments: the coarse readout also sees the block one day and one week before.</summary>
    public bool CoarseSeasonal { get; init; }

    /// <summary>Whether the coarse scale gets its own instance of the model (its state as features beside the AR lags).</summary>
    public bool CoarseModel { get; init; } = true;

    /// <summary>Autoregressive order of the coarse scale's readout.</summary>
    public int CoarseOrder { get; init; } = 4;

    /// <summary>A value beyond the range seen so far by this fraction of the range scores 1 (HTM's spatial anomaly); 0 turns it off.</summary>
    public double RangeTolerance { get; init; } = 0.05;

    /// <summary>After a score at or above the alarm threshold, scores are 0 for this fraction of the learning period.</summary>
    public double SuppressionFraction { get; init; } = 0.2;

    /// <summary>Every setting, invariantly formatted: saved beside the adaptation state, which only the same settings can read.</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"normalisation {NormalisationWindow}, clip {InputClip}, input scale {ModelInputScale}, forgetting {Forgetting}, gain {InitialGain}, " +
        $"raw {RawShape} x {ErrorScale} at {ErrorRate}/{SlowErrorRate}, model features {UseModelFeatures}, likelihood {AveragingWindow}/{HistoricWindow}/{ReestimationPeriod} x {LikelihoodWeight}, " +
        $"seasonal {SeasonalMemory}, coarse {CoarseBlocksPerLearningPeriod}/{CoarseStatistic}/{CoarseSeasonal}/{CoarseModel}/{CoarseOrder}, range {RangeTolerance}, suppression {SuppressionFraction}");
}
