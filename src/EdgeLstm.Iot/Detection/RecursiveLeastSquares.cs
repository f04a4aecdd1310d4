using System;

namespace EdgeLstm.Iot.Detection;

/// <summary>
/// A linear readout w·f learned online by recursive least squares with exponential forgetting (Haykin, Adaptive Filter
/// Theory, ch. 10): each update minimises Σ λ^{t−s} (y_s − w·f_s)² over the samples so far, so the readout fits this
/// stream within a few multiples of the feature count and then tracks slow drift with memory ≈ 1/(1 − λ).
/// </summary>
/// <remarks>
/// O(n²) per update with n features, no allocation. With λ &lt; 1, P grows as λ^{−t} in directions the features do not
/// excite (a flat line excites almost none); P's trace is therefore capped at its initial value, which bounds the
/// gain without changing the solution where the features do vary.
/// </remarks>
internal sealed class RecursiveLeastSquares
{
    private readonly int _n;
    private readonly double _lambda;
    private readonly double _maxTrace;
    private readonly double[] _w;
    private readonly double[] _p;
    private readonly double[] _pf;

    /// <param name="features">n.</param>
    /// <param name="forgetting">λ in (0, 1].</param>
    /// <param name="initialGain">P₀ = initialGain · I: large means little trust in the initial w = 0.</param>
    public RecursiveLeastSquares(int features, double forgetting, double initialGain)
    {
        _n = features;
        _lambda = forgetting;
        _maxTrace = initialGain * features;
        _w = new double[features];
        _p = new double[features * features];
        _pf = new double[features];
        for (int i = 0; i < features; i++)
        {
            _p[(i * features) + i] = initialGain;
        }
    }

    public int FeatureCount => _n;

    public ReadOnlySpan<double> Weights => _w;

    public double Predict(ReadOnlySpan<double> f)
    {
        double y = 0;
        for (int i = 0; i < _n; i++)
        {
            y += _w[i] * f[i];
        }

        return y;
    }

    /// <summary>One RLS step towards <paramref name="target"/> for features <paramref name="f"/>.</summary>
    public void Update(ReadOnlySpan<double> f, double target)
    {
        int n = _n;
        double[] p = _p, pf = _pf;
        double denominator = _lambda;
        for (int i = 0; i < n; i++)
        {
            double sum = 0;
            int row = i * n;
            for (int j = 0; j < n; j++)
            {
                sum += p[row + j] * f[j];
            }

            pf[i] = sum;
            denominator += f[i] * sum;
        }

        double error = target - Predict(f);
        double inverse = 1.0 / denominator;
        double trace = 0;
        for (int i = 0; i < n; i++)
        {
            double gain = pf[i] * inverse;
            _w[i] += gain * error;
            int row = i * n;
            for (int j = 0; j < n; j++)
            {
                p[row + j] = (p[row + j] - (gain * pf[j])) / _lambda;
            }

            trace += p[row + i];
        }

        if (trace > _maxTrace)
        {
            double scale = _maxTrace / trace;
            for (int i = 0; i < p.Length; i++)
            {
                p[i] *= scale;
            }
        }
    }

    public void Save(AdaptationWriter state)
    {
        state.Add(_w);
        state.Add(_p);
    }

    public void Load(AdaptationReader state)
    {
        state.Next(_w);
        state.Next(_p);
    }
}
