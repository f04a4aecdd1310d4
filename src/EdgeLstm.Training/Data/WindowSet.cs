using System;
using EdgeLstm.Training.Numerics;

namespace EdgeLstm.Training.Data;

/// <summary>
/// The windows of one span of a standardised series: every <c>stride</c> rows from the span's start, each
/// <c>steps</c> inputs long, as many as fit whole (next-step windows also need the row after their last input).
/// </summary>
internal sealed class WindowSet
{
    private readonly double[] _series;
    private readonly int _columns;
    private readonly int[] _starts;
    private readonly int _targetShift;

    /// <param name="series">The whole standardised series, row-major [rows, columns].</param>
    /// <param name="columns">Columns per row: inputs and outputs alike.</param>
    /// <param name="first">The span's first row.</param>
    /// <param name="end">One past the span's last row.</param>
    /// <param name="steps">Inputs per window.</param>
    /// <param name="stride">Rows between window starts.</param>
    /// <param name="task">Next-step targets are the inputs shifted by one row; reconstruction targets are the inputs.</param>
    public WindowSet(double[] series, int columns, int first, int end, int steps, int stride, TrainingTask task)
    {
        _series = series;
        _columns = columns;
        _targetShift = task == TrainingTask.NextStep ? 1 : 0;
        Steps = steps;
        int length = steps + _targetShift;
        int count = end - first >= length ? (end - first - length) / stride + 1 : 0;
        _starts = new int[count];
        for (int i = 0; i < count; i++)
        {
            _starts[i] = first + i * stride;
        }
    }

    public int Count => _starts.Length;

    public int Steps { get; }

    /// <summary>The first row of window <paramref name="index"/>.</summary>
    public int Start(int index) => _starts[index];

    /// <summary>
    /// Copies windows <paramref name="windows"/> into <paramref name="batch"/>, adding N(0, noise²) to every input
    /// when <paramref name="random"/> is given (drawn window by window, step by step, column by column).
    /// </summary>
    public void Fill(TrainingBatch batch, ReadOnlySpan<int> windows, SplitMix64? random = null, double noise = 0.0)
    {
        int size = windows.Length;
        batch.Size = size;
        for (int b = 0; b < size; b++)
        {
            int start = _starts[windows[b]];
            for (int t = 0; t < Steps; t++)
            {
                int input = (start + t) * _columns, target = (start + t + _targetShift) * _columns;
                int at = (t * size + b) * _columns;
                for (int c = 0; c < _columns; c++)
                {
                    batch.Inputs[at + c] = _series[input + c] + (random is null ? 0.0 : noise * random.NextNormal());
                    batch.Targets[at + c] = _series[target + c];
                }
            }
        }
    }
}
