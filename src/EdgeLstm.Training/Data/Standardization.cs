using System;
using EdgeLstm.Model;

namespace EdgeLstm.Training.Data;

/// <summary>
/// Per-column standardisation from the training rows: the mean and the population standard deviation (NumPy's
/// default, ddof = 0). The model file carries them as float32 (<c>input_mean</c>, <c>input_std</c>), so training uses
/// the float32 values too: the network learns on exactly the inputs the device will compute.
/// </summary>
internal static class Standardization
{
    /// <summary>Mean and deviation of each column over the first <paramref name="rows"/> rows.</summary>
    /// <remarks>A constant column (deviation 0, a sensor that did not move during normal operation) gets deviation 1.</remarks>
    public static InputNormalization Compute(TimeSeries series, int rows)
    {
        int columns = series.ColumnCount;
        var mean = new float[columns];
        var std = new float[columns];
        for (int c = 0; c < columns; c++)
        {
            double sum = 0.0;
            for (int r = 0; r < rows; r++) sum += series[r, c];
            double m = sum / rows;
            double squares = 0.0;
            for (int r = 0; r < rows; r++)
            {
                double d = series[r, c] - m;
                squares += d * d;
            }
            double s = Math.Sqrt(squares / rows);
            mean[c] = (float)m;
            std[c] = s > 0 && (float)s > 0f ? (float)s : 1f;
        }
        return new InputNormalization(mean, std);
    }

    /// <summary>Row-major (x - mean) / std of every value, computed as the reference implementation does.</summary>
    public static double[] Apply(TimeSeries series, InputNormalization normalization)
    {
        int columns = series.ColumnCount;
        var result = new double[series.Values.Length];
        for (int i = 0; i < result.Length; i++)
        {
            int c = i % columns;
            result[i] = (series.Values[i] - normalization.Mean[c]) / normalization.Std[c];
        }
        return result;
    }
}
