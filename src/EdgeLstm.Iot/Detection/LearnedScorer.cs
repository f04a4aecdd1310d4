using System;

namespace EdgeLstm.Iot.Detection;

/// <summary>
/// The score of <see cref="DetectionMode.LearnedReadout"/>: the recurrent model's state as features, a readout learned
/// online on this stream, and the surprise of its prediction error turned into a probability-like score in [0, 1].
/// </summary>
/// <remarks>
/// Per sample x_t:
/// <list type="number">
/// <item>z_t = x_t standardised with this stream's own online moments (<see cref="OnlineStandardiser"/>).</item>
/// <item>The readout's prediction of z_t, made from the features of t − 1, gives the error e_t; the readout then learns
/// (RLS) from (f_{t−1}, z_t).</item>
/// <item>The model steps on z_t; its outputs (an LSTM's hidden state) with z_t and a bias are f_t.</item>
/// <item>The raw score 1 − exp(−|e_t| / typical |e|) goes through Numenta's anomaly likelihood and NAB's log scale.</item>
/// <item>A value outside the range seen so far (by a margin) scores 1.</item>
/// <item>During the learning period and for a while after a score reached the alarm threshold the score is 0: the
/// first sample of an anomaly raises the alarm; the same incident does not raise it again and again.</item>
/// </list>
/// Allocation-free per sample; memory is fixed at construction.
/// </remarks>
internal sealed class LearnedScorer
{
    private readonly LearnedScorerOptions _options;
    private readonly int _learningSamples;
    private readonly int _suppression;
    private readonly double _threshold;
    private readonly int _hidden;
    private readonly double[] _features;
    private readonly double[] _previous;
    private readonly RecursiveLeastSquares _readout;
    private readonly AnomalyLikelihood _likelihood;
    private OnlineStandardiser _standardiser;
    private double _typicalError;
    private double _min;
    private double _max;
    private long _index;
    private long _quietUntil;

    /// <param name="hidden">The model's output size (its features).</param>
    /// <param name="learningSamples">Samples to learn from before scoring (NAB's probationary period on a replay).</param>
    /// <param name="threshold">The alarm threshold (suppression starts at a score at or above it).</param>
    /// <param name="options">The settings.</param>
    public LearnedScorer(int hidden, int learningSamples, double threshold, LearnedScorerOptions options)
    {
        _options = options;
        _learningSamples = learningSamples;
        _threshold = threshold;
        _suppression = (int)(options.SuppressionFraction * learningSamples);
        _hidden = hidden;
        _features = new double[hidden + 2];
        _previous = new double[hidden + 2];
        _readout = new RecursiveLeastSquares(hidden + 2, options.Forgetting, options.InitialGain);
        int learning = learningSamples / 2;
        _likelihood = new AnomalyLikelihood(learning, Math.Max(1, learningSamples - learning), Math.Max(options.HistoricWindow, learningSamples), options.ReestimationPeriod, options.AveragingWindow);
        _standardiser = new OnlineStandardiser(options.NormalisationWindow, options.InputClip);
        _min = double.PositiveInfinity;
        _max = double.NegativeInfinity;
    }

    /// <summary>The value the model should step on for <paramref name="x"/>, and the readout's error on it.</summary>
    public double Standardise(double x, out double error)
    {
        double z = _standardiser.Next(x);
        error = _index == 0 ? 0.0 : z - _readout.Predict(_previous);
        if (_index > 0)
        {
            _readout.Update(_previous, z);
        }

        return z;
    }

    /// <summary>Completes the sample after the model stepped on z: learns the features, scores the error.</summary>
    public double Score(double x, double z, double error, ReadOnlySpan<float> modelOutput)
    {
        for (int i = 0; i < _hidden; i++)
        {
            _features[i] = modelOutput[i];
        }

        _features[_hidden] = z;
        _features[_hidden + 1] = 1.0;
        _features.AsSpan().CopyTo(_previous);

        double magnitude = Math.Abs(error);
        double raw = _typicalError > 0 ? 1.0 - Math.Exp(-magnitude / (_options.ErrorScale * _typicalError)) : 0.0;
        _typicalError = _index <= 1 ? magnitude : _typicalError + (_options.ErrorRate * (magnitude - _typicalError));
        double score = AnomalyLikelihood.LogScale(_likelihood.Next(raw, x));

        if (_options.RangeTolerance > 0 && _index > 0 && _max > _min)
        {
            double margin = (_max - _min) * _options.RangeTolerance;
            if (x > _max + margin || x < _min - margin)
            {
                score = 1.0;
            }
        }

        _min = Math.Min(_min, x);
        _max = Math.Max(_max, x);
        long index = _index++;
        if (index < _learningSamples || index < _quietUntil)
        {
            return 0.0;
        }

        if (score >= _threshold)
        {
            _quietUntil = index + 1 + _suppression;
        }

        return score;
    }
}
