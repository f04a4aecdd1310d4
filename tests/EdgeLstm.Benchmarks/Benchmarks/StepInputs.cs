using System;
using EdgeLstm.Benchmarks.Models;

namespace EdgeLstm.Benchmarks.Benchmarks;

/// <summary>
/// The sample stream a streaming benchmark feeds, one row per step: 1,024 rows of <see cref="SensorSignal"/>,
/// cycled, so every implementation sees the same varied inputs for as many steps as BenchmarkDotNet asks.
/// </summary>
public sealed class StepInputs
{
    private const int Rows = 1024; // a power of two: the next row is found with a mask, not a division
    private readonly float[] _rows = SensorSignal.Create(Rows);
    private int _next;

    public ReadOnlySpan<float> Next()
    {
        int row = _next;
        _next = (row + 1) & (Rows - 1);
        return _rows.AsSpan(row * BenchModel.InputSize, BenchModel.InputSize);
    }
}
