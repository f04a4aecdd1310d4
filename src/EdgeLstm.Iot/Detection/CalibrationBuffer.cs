using System;

namespace EdgeLstm.Iot.Detection;

/// <summary>
/// Holds the raw scores of the calibration span in one array sized up front, so calibrating allocates nothing per
/// sample; <see cref="Quantile"/> sorts it in place once at the end.
/// </summary>
internal sealed class CalibrationBuffer(int capacity)
{
    private readonly float[] _scores = new float[capacity];

    public int Count { get; private set; }

    public bool IsFull => Count == _scores.Length;

    public void Add(float score) => _scores[Count++] = score;

    /// <summary>The q-quantile with linear interpolation between order statistics (NumPy's default method).</summary>
    public double Quantile(double q)
    {
        if (Count == 0)
        {
            throw new InvalidOperationException("No calibration scores were collected.");
        }

        var scores = _scores.AsSpan(0, Count);
        scores.Sort();
        double position = q * (Count - 1);
        int lower = (int)Math.Floor(position);
        int upper = Math.Min(lower + 1, Count - 1);
        double fraction = position - lower;
        return scores[lower] + (scores[upper] - scores[lower]) * fraction;
    }
}
