using System;

namespace EdgeLstm.Cli.Validation;

/// <summary>The first value found over tolerance: the earliest step, and within it the lowest channel.</summary>
internal sealed record ToleranceViolation(int Step, int Channel, double Expected, double Actual, double Error);

/// <summary>Absolute errors of computed outputs against expected ones, per output channel.</summary>
internal sealed class OutputComparison
{
    private OutputComparison(int comparedSteps, double tolerance, double[] maxError, int[] maxErrorStep, double[] meanError,
        ToleranceViolation? firstViolation, int violations)
    {
        ComparedSteps = comparedSteps;
        Tolerance = tolerance;
        MaxError = maxError;
        MaxErrorStep = maxErrorStep;
        MeanError = meanError;
        FirstViolation = firstViolation;
        Violations = violations;
    }

    public int ComparedSteps { get; }

    public double Tolerance { get; }

    public int Channels => MaxError.Length;

    /// <summary>Largest |expected - actual| per channel.</summary>
    public double[] MaxError { get; }

    /// <summary>The step at which each channel's largest error occurs.</summary>
    public int[] MaxErrorStep { get; }

    /// <summary>Mean |expected - actual| per channel over the compared steps.</summary>
    public double[] MeanError { get; }

    /// <summary>The earliest value over tolerance, or null when every value is within it.</summary>
    public ToleranceViolation? FirstViolation { get; }

    /// <summary>How many values are over tolerance.</summary>
    public int Violations { get; }

    public bool Passed => FirstViolation is null;

    /// <param name="actual">Row-major [inputRows, expected.Channels]: an output for every input row.</param>
    /// <param name="expected">The rows to compare against, each naming its step.</param>
    /// <param name="tolerance">Largest acceptable absolute error; a NaN output always fails.</param>
    public static OutputComparison Compare(double[] actual, ExpectedOutputs expected, double tolerance)
    {
        int channels = expected.Channels;
        var maxError = new double[channels];
        var maxErrorStep = new int[channels];
        var sum = new double[channels];
        ToleranceViolation? first = null;
        int violations = 0;

        for (int row = 0; row < expected.Steps.Length; row++)
        {
            int step = expected.Steps[row];
            for (int c = 0; c < channels; c++)
            {
                double want = expected.Values[row * channels + c];
                double got = actual[step * channels + c];
                double error = Math.Abs(want - got);
                if (double.IsNaN(error))
                {
                    error = double.PositiveInfinity;
                }
                sum[c] += error;
                if (error > maxError[c] || row == 0)
                {
                    maxError[c] = error;
                    maxErrorStep[c] = step;
                }
                if (error > tolerance)
                {
                    violations++;
                    first ??= new ToleranceViolation(step, c, want, got, error);
                }
            }
        }

        var mean = new double[channels];
        for (int c = 0; c < channels; c++)
        {
            mean[c] = expected.Steps.Length == 0 ? 0 : sum[c] / expected.Steps.Length;
        }
        return new OutputComparison(expected.Steps.Length, tolerance, maxError, maxErrorStep, mean, first, violations);
    }
}
