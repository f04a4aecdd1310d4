using System;

namespace EdgeLstm.Benchmarks.Models;

/// <summary>
/// Deterministic input rows that look like sensor channels (slow sines of different periods plus noise), so that
/// every implementation sees the same varied data: a constant input would let the state settle into a fixed point
/// that no device ever sees.
/// </summary>
public static class SensorSignal
{
    /// <summary>Row-major [steps, 8] in [-1.5, 1.5].</summary>
    public static float[] Create(int steps, int seed = 12345)
    {
        Random random = new(seed);
        float[] rows = new float[steps * BenchModel.InputSize];
        for (int t = 0; t < steps; t++)
        {
            for (int channel = 0; channel < BenchModel.InputSize; channel++)
            {
                double period = 17.0 + 13.0 * channel;
                double noise = 0.25 * (random.NextDouble() * 2.0 - 1.0);
                rows[t * BenchModel.InputSize + channel] = (float)(Math.Sin(2.0 * Math.PI * t / period + channel) + noise);
            }
        }
        return rows;
    }
}
