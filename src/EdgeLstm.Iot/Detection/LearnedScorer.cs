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
/// <item>The raw score max(0, 1 − scale · typical |e| / |e_t|) (0 for ordinary errors) goes through Numenta's anomaly
/// likelihood and NAB's log scale; a coarse second time scale (<see cref="CoarseScale"/>) does the same on block means,
/// and the larger of the two is the score.</item>
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
    private readonly double[] _history;   // ring buffer of z for the seasonal lags (length 1 when they are off)
    private readonly CoarseScale? _coarse;
    private long _day;                    // samples per day when the seasonal lags fit in _history, else 0
    private long _daySamples;             // samples per day from the first two timestamps, 0 when unknown
    private bool _coarseReady;            // this sample completed a coarse block
    private double _coarseZ;
    private DateTimeOffset _firstTime;
    private OnlineStandardiser _standardiser;
    private double _typicalError;
    private double _slowError;
    private double _min;
    private double _max;
    private long _index;
    private long _quietUntil;

    /// <param name="hidden">The model's output size (its features).</param>
    /// <param name="learningSamples">Samples to learn from before scoring (NAB's probationary period on a replay).</param>
    /// <param name="threshold">The alarm threshold (suppression starts at a score at or above it).</param>
    /// <param name="options">The settings.</param>
    /// <param name="coarseFeatures">The coarse model's output size, 0 without a coarse model.</param>
    public LearnedScorer(int hidden, int learningSamples, double threshold, LearnedScorerOptions options, int coarseFeatures = 0)
    {
        _options = options;
        _learningSamples = learningSamples;
        _threshold = threshold;
        _suppression = (int)(options.SuppressionFraction * learningSamples);
        _hidden = hidden;
        _features = new double[hidden + FeaturesBeyondModel];
        _previous = new double[hidden + FeaturesBeyondModel];
        _readout = new RecursiveLeastSquares(hidden + FeaturesBeyondModel, options.Forgetting, options.InitialGain);
        _history = new double[Math.Max(1, options.SeasonalMemory)];
        int learning = learningSamples / 2;
        _likelihood = new AnomalyLikelihood(learning, Math.Max(1, learningSamples - learning), Math.Max(options.HistoricWindow, learningSamples), options.ReestimationPeriod, options.AveragingWindow);
        _standardiser = new OnlineStandardiser(options.NormalisationWindow, options.InputClip);
        int block = options.CoarseBlocksPerLearningPeriod > 0 ? learningSamples / options.CoarseBlocksPerLearningPeriod : 0;
        if (block >= 2)
        {
            _coarse = new CoarseScale(block, learningSamples / block, coarseFeatures, options);
        }

        _min = double.PositiveInfinity;
        _max = double.NegativeInfinity;
    }

    // z, bias, z one day before the next sample, z one week before (the last two stay 0 while the seasonal lags are off,
    // as in the configuration scored on NAB).
    private const int FeaturesBeyondModel = 4;

    /// <summary>The value the model should step on for <paramref name="x"/>, and the readout's error on it.</summary>
    public double Standardise(double x, DateTimeOffset timestamp, out double error)
    {
        if (_index == 0)
        {
            _firstTime = timestamp;
        }
        else if (_index == 1)
        {
            double seconds = (timestamp - _firstTime).TotalSeconds;
            double day = seconds > 0 ? Math.Round(86400.0 / seconds) : 0;
            _day = day >= 2 && 7 * day < _history.Length ? (long)day : 0;
            _daySamples = day >= 2 ? (long)day : 0;
        }

        double z = _standardiser.Next(x);
        error = _index == 0 ? 0.0 : z - _readout.Predict(_previous);
        if (_index > 0)
        {
            _readout.Update(_previous, z);
        }

        return z;
    }

    public void Save(AdaptationWriter state)
    {
        _standardiser.Save(state);
        _readout.Save(state);
        _likelihood.Save(state);
        _coarse?.Save(state);
        state.Add(_typicalError);
        state.Add(_slowError);
        state.Add(_min);
        state.Add(_max);
        state.Add(_index);
        state.Add(_quietUntil);
        state.Add(_day);
        state.Add(_daySamples);
        state.AddExact(_firstTime.UtcTicks);
        state.Add(_previous);
        state.Add(_history);
    }

    public void Load(AdaptationReader state)
    {
        _standardiser.Load(state);
        _readout.Load(state);
        _likelihood.Load(state);
        _coarse?.Load(state);
        _typicalError = state.Next();
        _slowError = state.Next();
        _min = state.Next();
        _max = state.Next();
        _index = state.NextLong();
        _quietUntil = state.NextLong();
        _day = state.NextLong();
        _daySamples = state.NextLong();
        _firstTime = new DateTimeOffset(state.NextExact(), TimeSpan.Zero);
        state.Next(_previous);
        state.Next(_history);
    }

    /// <summary>Samples seen.</summary>
    public long Index => _index;

    // z at (index + 1 - lag): the value one lag before the sample the readout predicts next.
    private double Lagged(long lag)
    {
        long at = _index + 1 - lag;
        return lag > 0 && at >= 0 ? _history[at % _history.Length] : 0.0;
    }

    /// <summary>Feeds the coarse scale; true when a block ended and the coarse model (if any) should step on <paramref name="z"/>.</summary>
    public bool CoarseBlock(double x, out double z)
    {
        z = 0;
        _coarseReady = _coarse is not null && _coarse.Accumulate(x, out z);
        _coarseZ = z;
        return _coarseReady;
    }

    /// <summary>Completes the sample after the model stepped on z: learns the features, scores the error.</summary>
    public double Score(double x, double z, double error, ReadOnlySpan<float> modelOutput, ReadOnlySpan<float> coarseOutput)
    {
        for (int i = 0; i < _hidden; i++)
        {
            _features[i] = _options.UseModelFeatures ? modelOutput[i] : 0.0;
        }

        _features[_hidden] = z;
        _features[_hidden + 1] = 1.0;
        _history[_index % _history.Length] = z;
        _features[_hidden + 2] = Lagged(_day);
        _features[_hidden + 3] = Lagged(7 * _day);
        _features.AsSpan().CopyTo(_previous);

        double magnitude = Math.Abs(error);
        double typical = Math.Max(_typicalError, _options.SlowErrorRate > 0 ? _slowError : 0.0);
        double ratio = typical > 0 ? magnitude / (_options.ErrorScale * typical) : 0.0;
        double raw = _options.RawShape switch
        {
            1 => ratio > 1 ? 1.0 - (1.0 / ratio) : 0.0,
            2 => 1.0 - Math.Exp(-ratio * ratio),
            _ => 1.0 - Math.Exp(-ratio),
        };
        _typicalError = _index <= 1 ? magnitude : _typicalError + (_options.ErrorRate * (magnitude - _typicalError));
        _slowError = _index <= 1 ? magnitude : _slowError + (_options.SlowErrorRate * (magnitude - _slowError));
        double score = _options.LikelihoodWeight * AnomalyLikelihood.LogScale(_likelihood.Next(raw, x));
        if (_coarseReady)
        {
            score = Math.Max(score, _coarse!.Score(_coarseZ, coarseOutput, _daySamples));
        }

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
