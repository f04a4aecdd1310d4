using System;

namespace EdgeLstm.Iot.Detection;

/// <summary>
/// Holds the raw scores of the calibration span in one array sized up front, so calibrating allocates nothing per
/// sample; <see cref="CalibrationResult.FromScores"/> sorts it in place once at the end.
/// </summary>
internal sealed class CalibrationBuffer(int capacity)
{
    private readonly double[] _scores = new double[capacity];

    public int Count { get; private set; }

    public bool IsFull => Count == _scores.Length;

    public Span<double> Scores => _scores.AsSpan(0, Count);

    public void Add(double score) => _scores[Count++] = score;
}
