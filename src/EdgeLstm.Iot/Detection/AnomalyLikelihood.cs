using System;

namespace EdgeLstm.Iot.Detection;

/// <summary>
/// Numenta's anomaly likelihood (NuPIC <c>anomaly_likelihood.py</c>, as NAB's HTM detector uses it; Ahmad et al. 2017,
/// "Unsupervised real-time anomaly detection for streaming data"): how improbable the mean of the last few raw scores
/// is under a normal distribution fitted to the raw scores of the long run. A predictor that is often wrong in this
/// stream then needs a larger error to alarm than one that is usually right, so one threshold serves every stream.
/// </summary>
/// <remarks>
/// <para>Per sample: the moving average a of the last <c>averagingWindow</c> raw scores; its two-sided Gaussian tail
/// probability q under (mean, deviation) of the averaged raw scores in the historic window (re-estimated every
/// <c>reestimationPeriod</c> samples, skipping the learning period while it is still in the window; mean at least 0.03,
/// variance at least 0.0003); a second red-zone value in a row (q ≤ 1e−5) is lifted to 1e−3, so only onsets stay red.
/// The result is 1 − q; <see cref="LogScale"/> maps it to NAB's log scale. For the first learningPeriod +
/// estimationSamples samples it is 0.5. When the input values in the window are flat (variance &lt; 1.5e−5) the
/// distribution is the null one and nothing is anomalous — NuPIC's guard for constant metrics.</para>
/// <para>Bounded memory: the historic window is two ring buffers (raw scores and values) allocated up front.</para>
/// </remarks>
internal sealed class AnomalyLikelihood
{
    private const double RedZone = 1e-5;
    private const double YellowZone = 1e-3;
    private readonly int _learningPeriod;
    private readonly int _probationaryPeriod;
    private readonly int _reestimationPeriod;
    private readonly int _averagingWindow;
    private readonly double[] _scores;   // ring buffer of raw scores (the historic window)
    private readonly double[] _values;   // ring buffer of input values, for the flat-metric guard
    private readonly double[] _recent;   // the last averagingWindow raw scores
    private long _iteration;
    private int _recentCount;
    private double _recentTotal;
    private bool _hasDistribution;
    private double _mean;
    private double _deviation;
    private double _previousLikelihood;

    public AnomalyLikelihood(int learningPeriod, int estimationSamples, int historicWindow, int reestimationPeriod, int averagingWindow)
    {
        if (historicWindow < estimationSamples || averagingWindow < 1 || reestimationPeriod < 1 || learningPeriod < 0 || estimationSamples < 1)
        {
            throw new ArgumentException("Likelihood windows: historic >= estimation samples >= 1, averaging and re-estimation >= 1, learning >= 0.");
        }

        _learningPeriod = learningPeriod;
        _probationaryPeriod = learningPeriod + estimationSamples;
        _reestimationPeriod = reestimationPeriod;
        _averagingWindow = averagingWindow;
        _scores = new double[historicWindow];
        _values = new double[historicWindow];
        _recent = new double[averagingWindow];
    }

    /// <summary>NAB's log scale of a likelihood: log(1.0000000001 − L) / log(1e−10); 0.5 ↦ 0.03, 1 − 1e−5 ↦ 0.5.</summary>
    public static double LogScale(double likelihood) => Math.Log(1.0000000001 - likelihood) / -23.02585084720009;

    /// <summary>The likelihood that the stream is anomalous now, given this sample's raw score and input value.</summary>
    public double Next(double rawScore, double value)
    {
        double likelihood = 0.5;
        if (_iteration >= _probationaryPeriod)
        {
            if (!_hasDistribution || _iteration % _reestimationPeriod == 0)
            {
                Estimate();
            }

            double average = PushRecent(rawScore);
            double tail = TailProbability(average);
            double filtered = tail <= RedZone && _previousLikelihood <= RedZone ? YellowZone : tail;
            _previousLikelihood = tail;
            likelihood = 1.0 - filtered;
        }
        else
        {
            PushRecent(rawScore);
        }

        int slot = (int)(_iteration % _scores.Length);
        _scores[slot] = rawScore;
        _values[slot] = value;
        _iteration++;
        return likelihood;
    }

    private double PushRecent(double rawScore)
    {
        int slot = (int)(_iteration % _averagingWindow);
        if (_recentCount == _averagingWindow)
        {
            _recentTotal -= _recent[slot];
        }
        else
        {
            _recentCount++;
        }

        _recent[slot] = rawScore;
        _recentTotal += rawScore;
        return _recentTotal / _recentCount;
    }

    public void Save(AdaptationWriter state)
    {
        state.Add(_iteration);
        state.Add(_recentCount);
        state.Add(_recentTotal);
        state.Add(_hasDistribution);
        state.Add(_mean);
        state.Add(_deviation);
        state.Add(_previousLikelihood);
        state.Add(_recent);
        state.Add(_scores);
        state.Add(_values);
    }

    public void Load(AdaptationReader state)
    {
        _iteration = state.NextLong();
        _recentCount = (int)state.Next();
        _recentTotal = state.Next();
        _hasDistribution = state.NextBool();
        _mean = state.Next();
        _deviation = state.Next();
        _previousLikelihood = state.Next();
        state.Next(_recent);
        state.Next(_scores);
        state.Next(_values);
    }

    /// <summary>Re-fits (mean, deviation) to the moving averages of the historic window, as <c>estimateAnomalyLikelihoods</c>.</summary>
    private void Estimate()
    {
        int held = (int)Math.Min(_iteration, _scores.Length);
        long shiftedOut = Math.Max(0, _iteration - _scores.Length);
        int skip = (int)Math.Min(_iteration, Math.Max(0, _learningPeriod - shiftedOut));
        long first = _iteration - held; // the oldest sample still held

        // Moving averages restart at the window's first sample (NuPIC recomputes them from the held records).
        // Sums are taken about the first used point, so that large flat values do not cancel catastrophically.
        double total = 0, sum = 0, sumSquares = 0, valueSum = 0, valueSquares = 0, lastAverage = 0, shift = 0, valueShift = 0;
        int used = 0;
        for (int k = 0; k < held; k++)
        {
            int slot = (int)((first + k) % _scores.Length);
            total += _scores[slot];
            if (k >= _averagingWindow)
            {
                total -= _scores[(int)((first + k - _averagingWindow) % _scores.Length)];
            }

            double average = total / Math.Min(k + 1, _averagingWindow);
            lastAverage = average;
            if (k >= skip)
            {
                if (used++ == 0)
                {
                    (shift, valueShift) = (average, _values[slot]);
                }

                double d = average - shift, v = _values[slot] - valueShift;
                sum += d;
                sumSquares += d * d;
                valueSum += v;
                valueSquares += v * v;
            }
        }

        if (used == 0)
        {
            (_mean, _deviation) = (0.5, 1e3); // NuPIC's null distribution
        }
        else
        {
            double offset = sum / used;
            double mean = shift + offset;
            double variance = Math.Max(0, (sumSquares / used) - (offset * offset));
            double valueOffset = valueSum / used;
            double valueVariance = (valueSquares / used) - (valueOffset * valueOffset);
            (_mean, _deviation) = valueVariance < 1.5e-5
                ? (0.5, 1e3)
                : (Math.Max(mean, 0.03), Math.Sqrt(Math.Max(variance, 0.0003)));
        }

        _hasDistribution = true;
        _previousLikelihood = held > 0 ? TailProbability(lastAverage) : 1.0;
    }

    /// <summary>The Gaussian tail beyond x on its side of the mean: ½ erfc(|x − mean| / (deviation √2)).</summary>
    private double TailProbability(double x)
    {
        double z = Math.Abs(x - _mean) / _deviation;
        return 0.5 * Erfc(z / 1.4142);
    }

    // Numerical Recipes' erfcc coefficients from the second-highest power down to the constant term.
    private static readonly double[] ErfcCoefficients = [-0.82215223, 1.48851587, -1.13520398, 0.27886807, -0.18628806, 0.09678418, 0.37409196, 1.00002368, -1.26551223];

    /// <summary>The complementary error function (Numerical Recipes' erfc Chebyshev fit, relative error &lt; 1.2e−7).</summary>
    internal static double Erfc(double x)
    {
        double z = Math.Abs(x);
        double t = 1.0 / (1.0 + (0.5 * z));
        double polynomial = 0.17087277;
        foreach (double c in ErfcCoefficients)
        {
            polynomial = c + (t * polynomial);
        }

        double r = t * Math.Exp(-(z * z) + polynomial);
        return x >= 0 ? r : 2.0 - r;
    }
}
