using System;
using EdgeLstm.Iot.Detection;
using Xunit;

namespace EdgeLstm.Iot.Tests.Detection;

public sealed class RecursiveLeastSquaresTests
{
    /// <summary>
    /// RLS with forgetting λ and P₀ = g·I minimises Σ λ^{n−s} (y_s − w·f_s)² + λ^n/g |w|² exactly; the test solves that
    /// problem directly (normal equations, Gaussian elimination) and compares.
    /// </summary>
    [Theory]
    [InlineData(1.0, 100.0)]
    [InlineData(0.98, 100.0)]
    [InlineData(0.9, 10.0)]
    public void WeightsEqualTheClosedFormWeightedLeastSquaresSolution(double lambda, double gain)
    {
        const int n = 5, steps = 60;
        var random = new Random(7);
        var rls = new RecursiveLeastSquares(n, lambda, gain);
        var features = new double[steps][];
        var targets = new double[steps];
        for (int s = 0; s < steps; s++)
        {
            features[s] = new double[n];
            for (int i = 0; i < n - 1; i++)
            {
                features[s][i] = (random.NextDouble() * 2) - 1;
            }

            features[s][n - 1] = 1; // bias
            targets[s] = (0.7 * features[s][0]) - (1.3 * features[s][2]) + 0.2 + (0.05 * ((random.NextDouble() * 2) - 1)) + (0.01 * s * features[s][1]);
            rls.Update(features[s], targets[s]);
        }

        // A = Σ λ^{n-s} f fᵀ + λ^n / g I,  b = Σ λ^{n-s} f y
        var a = new double[n, n];
        var b = new double[n];
        for (int s = 0; s < steps; s++)
        {
            double weight = Math.Pow(lambda, steps - 1 - s);
            for (int i = 0; i < n; i++)
            {
                b[i] += weight * features[s][i] * targets[s];
                for (int j = 0; j < n; j++)
                {
                    a[i, j] += weight * features[s][i] * features[s][j];
                }
            }
        }

        for (int i = 0; i < n; i++)
        {
            a[i, i] += Math.Pow(lambda, steps) / gain;
        }

        double[] expected = Solve(a, b);
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(expected[i], rls.Weights[i], 1e-9);
        }
    }

    [Fact]
    public void AFlatLineKeepsTheGainBoundedAndThePredictionRight()
    {
        // Only the bias is excited; with λ < 1 the unexcited directions of P would grow as λ^-t without the trace cap.
        var rls = new RecursiveLeastSquares(3, 0.999, 100);
        double[] f = [0, 0, 1];
        for (int s = 0; s < 200_000; s++)
        {
            rls.Update(f, 4.0);
        }

        Assert.Equal(4.0, rls.Predict(f), 6);
        double[] step = [1, 0, 1];
        rls.Update(step, 5.0); // a first excitation must not blow up
        Assert.True(double.IsFinite(rls.Predict(step)) && Math.Abs(rls.Predict(step) - 5.0) < 1.0, $"prediction {rls.Predict(step)}");
    }

    private static double[] Solve(double[,] a, double[] b)
    {
        int n = b.Length;
        for (int col = 0; col < n; col++)
        {
            int pivot = col;
            for (int r = col + 1; r < n; r++)
            {
                if (Math.Abs(a[r, col]) > Math.Abs(a[pivot, col]))
                {
                    pivot = r;
                }
            }

            for (int c = 0; c < n; c++)
            {
                (a[col, c], a[pivot, c]) = (a[pivot, c], a[col, c]);
            }

            (b[col], b[pivot]) = (b[pivot], b[col]);
            for (int r = col + 1; r < n; r++)
            {
                double factor = a[r, col] / a[col, col];
                for (int c = col; c < n; c++)
                {
                    a[r, c] -= factor * a[col, c];
                }

                b[r] -= factor * b[col];
            }
        }

        var x = new double[n];
        for (int r = n - 1; r >= 0; r--)
        {
            double sum = b[r];
            for (int c = r + 1; c < n; c++)
            {
                sum -= a[r, c] * x[c];
            }

            x[r] = sum / a[r, r];
        }

        return x;
    }
}
