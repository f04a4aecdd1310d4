using System;
using EdgeLstm.Training.Network;

namespace EdgeLstm.Training.Optimization;

/// <summary>
/// Adam (Kingma and Ba 2015) exactly as PyTorch 1.13's <c>torch.optim.Adam</c> updates each parameter (no weight
/// decay, no AMSGrad), in double precision:
/// <code>
/// m ← β1 m + (1 - β1) g          v ← β2 v + (1 - β2) g²
/// p ← p - (lr / (1 - β1^t)) · m / (√v / √(1 - β2^t) + ε)
/// </code>
/// </summary>
internal sealed class AdamOptimizer
{
    private readonly ParameterSet _parameters;
    private readonly double[][] _firstMoment;
    private readonly double[][] _secondMoment;
    private int _step;

    public AdamOptimizer(ParameterSet parameters, double learningRate, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
    {
        _parameters = parameters;
        LearningRate = learningRate;
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
        _firstMoment = new double[parameters.All.Count][];
        _secondMoment = new double[parameters.All.Count][];
        for (int i = 0; i < _firstMoment.Length; i++)
        {
            _firstMoment[i] = new double[parameters.All[i].Length];
            _secondMoment[i] = new double[parameters.All[i].Length];
        }
    }

    public double LearningRate { get; }

    public double Beta1 { get; }

    public double Beta2 { get; }

    public double Epsilon { get; }

    /// <summary>Steps taken so far.</summary>
    public int StepCount => _step;

    /// <summary>Moves every parameter by its current gradient.</summary>
    public void Step()
    {
        _step++;
        double stepSize = LearningRate / (1.0 - Math.Pow(Beta1, _step));
        double correction2 = Math.Sqrt(1.0 - Math.Pow(Beta2, _step));
        for (int p = 0; p < _firstMoment.Length; p++)
        {
            double[] values = _parameters.All[p].Values, gradient = _parameters.All[p].Gradient;
            double[] m = _firstMoment[p], v = _secondMoment[p];
            for (int i = 0; i < values.Length; i++)
            {
                double g = gradient[i];
                m[i] = Beta1 * m[i] + (1.0 - Beta1) * g;
                v[i] = Beta2 * v[i] + (1.0 - Beta2) * g * g;
                values[i] -= stepSize * (m[i] / (Math.Sqrt(v[i]) / correction2 + Epsilon));
            }
        }
    }
}
