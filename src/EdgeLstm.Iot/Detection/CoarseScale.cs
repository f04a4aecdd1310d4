using System;

namespace EdgeLstm.Iot.Detection;

/// <summary>
/// The detector's second time scale: means of blocks of samples, predicted from the previous blocks by an online
/// autoregressive readout (RLS), the error scored like the fine scale's. Sees slow changes (a daily pattern that
/// flattens, a drift) that are lost in per-sample noise.
/// </summary>
internal sealed class CoarseScale
{
    private readonly LearnedScorerOptions _options;
    private readonly int _block;
    private readonly int _learningBlocks;
    private readonly double[] _history;   // block z values for the seasonal lags
    private readonly int _seasonal;
    private readonly RecursiveLeastSquares _readout;
    private readonly AnomalyLikelihood _likelihood;
    private OnlineStandardiser _standardiser;
    private readonly double[] _features;
    private readonly int _modelFeatures;
    private double _sum;
    private double _mean;
    private int _filled;
    private long _blocks;
    private double _typicalError;

    public CoarseScale(int block, int learningBlocks, int modelFeatures, LearnedScorerOptions options)
    {
        _options = options;
        _block = block;
        _learningBlocks = Math.Max(2, learningBlocks);
        _seasonal = options.CoarseSeasonal ? 2 : 0;
        _modelFeatures = modelFeatures;
        _features = new double[modelFeatures + options.CoarseOrder + 1 + _seasonal];
        _history = new double[_seasonal > 0 ? 1024 : 1];
        _readout = new RecursiveLeastSquares(_features.Length, options.Forgetting, options.InitialGain);
        int learning = _learningBlocks / 2;
        _likelihood = new AnomalyLikelihood(learning, Math.Max(1, _learningBlocks - learning), Math.Max(options.HistoricWindow / block, _learningBlocks), options.ReestimationPeriod, options.AveragingWindow);
        _standardiser = new OnlineStandardiser(Math.Max(2, options.NormalisationWindow / block), options.InputClip);
    }

    public void Save(AdaptationWriter state)
    {
        _standardiser.Save(state);
        _readout.Save(state);
        _likelihood.Save(state);
        state.Add(_sum);
        state.Add(_filled);
        state.Add(_mean);
        state.Add(_blocks);
        state.Add(_typicalError);
        state.Add(_features);
        state.Add(_history);
    }

    public void Load(AdaptationReader state)
    {
        _standardiser.Load(state);
        _readout.Load(state);
        _likelihood.Load(state);
        _sum = state.Next();
        _filled = (int)state.Next();
        _mean = state.Next();
        _blocks = state.NextLong();
        _typicalError = state.Next();
        state.Next(_features);
        state.Next(_history);
    }

    // The block z one lag before the next block (the one predicted next), or 0.
    private double Lagged(long lag)
    {
        long at = _blocks + 1 - lag;
        return lag >= 2 && lag < _history.Length && at >= 0 ? _history[at % _history.Length] : 0.0;
    }

    /// <summary>Adds a sample; true on the last sample of a block, with the block's standardised mean.</summary>
    public bool Accumulate(double x, out double z)
    {
        _sum += x;
        if (++_filled < _block)
        {
            z = 0;
            return false;
        }

        _mean = _sum / _block;
        (_sum, _filled) = (0.0, 0);
        z = _standardiser.Next(_mean);
        return true;
    }

    /// <summary>Scores the block that <see cref="Accumulate"/> just completed.</summary>
    /// <param name="z">Its standardised mean.</param>
    /// <param name="modelOutput">The coarse model's outputs after stepping on z (empty without a coarse model).</param>
    /// <param name="samplesPerDay">Samples per day, 0 when unknown.</param>
    public double Score(double z, ReadOnlySpan<float> modelOutput, long samplesPerDay)
    {
        double error = _blocks > 0 ? z - _readout.Predict(_features) : 0.0;
        if (_blocks > 0)
        {
            _readout.Update(_features, z);
        }

        // Features for the next block: the model's state, the last blocks, a bias, and the seasonal lags.
        int m = _modelFeatures;
        for (int i = 0; i < m; i++)
        {
            _features[i] = modelOutput[i];
        }

        int order = _options.CoarseOrder;
        for (int i = m + order - 1; i > m; i--)
        {
            _features[i] = _features[i - 1];
        }

        if (order > 0)
        {
            _features[m] = z;
        }

        _features[m + order] = 1.0;
        _history[_blocks % _history.Length] = z;
        if (_seasonal > 0)
        {
            long day = samplesPerDay / _block;
            _features[m + order + 1] = Lagged(day);
            _features[m + order + 2] = Lagged(7 * day);
        }

        double magnitude = Math.Abs(error);
        double ratio = _typicalError > 0 ? magnitude / (_options.ErrorScale * _typicalError) : 0.0;
        double raw = ratio > 1 ? 1.0 - (1.0 / ratio) : 0.0;
        _typicalError = _blocks <= 1 ? magnitude : _typicalError + (_options.ErrorRate * (magnitude - _typicalError));
        _blocks++;
        return _options.LikelihoodWeight * AnomalyLikelihood.LogScale(_likelihood.Next(raw, _mean));
    }
}
