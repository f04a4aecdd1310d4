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
    private readonly double[] _lags;
    private readonly RecursiveLeastSquares _readout;
    private readonly AnomalyLikelihood _likelihood;
    private OnlineStandardiser _standardiser;
    private double _sum;
    private double _blockMin = double.PositiveInfinity;
    private double _blockMax = double.NegativeInfinity;
    private double _level;
    private int _filled;
    private long _blocks;
    private double _typicalError;

    public CoarseScale(int block, int learningBlocks, LearnedScorerOptions options)
    {
        _options = options;
        _block = block;
        _learningBlocks = Math.Max(2, learningBlocks);
        _lags = new double[options.CoarseOrder + 1];
        _readout = new RecursiveLeastSquares(options.CoarseOrder + 1, options.Forgetting, options.InitialGain);
        int learning = _learningBlocks / 2;
        _likelihood = new AnomalyLikelihood(learning, Math.Max(1, _learningBlocks - learning), Math.Max(options.HistoricWindow / block, _learningBlocks), options.ReestimationPeriod, options.AveragingWindow);
        _standardiser = new OnlineStandardiser(Math.Max(2, options.NormalisationWindow / block), options.InputClip);
    }

    /// <summary>The coarse score of the sample: non-zero only on the last sample of a block.</summary>
    public double Next(double x)
    {
        _sum += x;
        _blockMin = Math.Min(_blockMin, x);
        _blockMax = Math.Max(_blockMax, x);
        if (++_filled < _block)
        {
            return 0.0;
        }

        double mean = _sum / _block;
        if (_options.CoarseStatistic == 1)
        {
            double level = _blocks == 0 ? mean : _level;
            _level = (level + mean) / 2;
            mean = Math.Abs(_blockMax - level) >= Math.Abs(_blockMin - level) ? _blockMax : _blockMin;
        }

        (_sum, _filled, _blockMin, _blockMax) = (0.0, 0, double.PositiveInfinity, double.NegativeInfinity);
        double z = _standardiser.Next(mean);
        _lags[^1] = 1.0;
        double error = _blocks > 0 ? z - _readout.Predict(_lags) : 0.0;
        if (_blocks > 0)
        {
            _readout.Update(_lags, z);
        }

        for (int i = _lags.Length - 2; i > 0; i--)
        {
            _lags[i] = _lags[i - 1];
        }

        _lags[0] = z;
        double magnitude = Math.Abs(error);
        double ratio = _typicalError > 0 ? magnitude / (_options.ErrorScale * _typicalError) : 0.0;
        double raw = ratio > 1 ? 1.0 - (1.0 / ratio) : 0.0;
        _typicalError = _blocks <= 1 ? magnitude : _typicalError + (_options.ErrorRate * (magnitude - _typicalError));
        _blocks++;
        return _options.LikelihoodWeight * AnomalyLikelihood.LogScale(_likelihood.Next(raw, mean));
    }
}
