using System;
using EdgeLstm.Testing;

namespace EdgeLstm.Conformance.Checks;

/// <summary>
/// Runs a generated model on a golden case. Generic over the model type (no reflection, no interface dispatch in the
/// loop), so Native AOT compiles one specialised copy per model, exactly as a user's code would.
/// </summary>
internal static class ModelChecks
{
    /// <summary>One <c>Step</c> per input row from a fresh instance; returns the largest deviation over all rows.</summary>
    public static float StepError<TModel>(TModel model, GoldenCase golden) where TModel : IStreamingModel
    {
        Span<float> row = stackalloc float[TModel.OutputSize];
        float worst = 0f;
        for (int t = 0; t < golden.Steps; t++)
        {
            model.Step(golden.Input.AsSpan(t * TModel.InputSize, TModel.InputSize), row);
            float error = Deviation.MaxAbs(row, golden.Output.AsSpan(t * TModel.OutputSize, TModel.OutputSize));
            if (float.IsNaN(error))
            {
                return float.NaN;
            }
            worst = MathF.Max(worst, error);
        }
        return worst;
    }

    /// <summary>
    /// <c>Run</c> over the whole window, twice on the same instance after <c>Reset</c>: the second pass must not see
    /// state left by the first (a streaming model's Run continues from the current state, so Reset must clear it; a
    /// whole-window model starts every Run from zero).
    /// </summary>
    public static float RunError<TModel>(TModel model, GoldenCase golden) where TModel : IRecurrentModel
    {
        float[] outputs = new float[golden.Output.Length];
        float worst = 0f;
        for (int pass = 0; pass < 2; pass++)
        {
            model.Reset();
            Array.Clear(outputs);
            model.Run(golden.Input, outputs);
            float error = Deviation.MaxAbs(outputs, golden.Output);
            if (float.IsNaN(error))
            {
                return float.NaN;
            }
            worst = MathF.Max(worst, error);
        }
        return worst;
    }

    /// <summary>Null when the model's compile-time sizes match the case, otherwise why not.</summary>
    public static string? SizeMismatch<TModel>(GoldenCase golden) where TModel : IRecurrentModel
        => TModel.InputSize == golden.InputSize && TModel.OutputSize == golden.OutputSize
            ? null
            : $"model is {TModel.InputSize} -> {TModel.OutputSize}, case is {golden.InputSize} -> {golden.OutputSize}";

    /// <summary>Every stream fed the golden input from the zero state; the largest deviation of any stream's outputs.</summary>
    public static float MultiStreamGoldenError<TMulti>(GoldenCase golden) where TMulti : IMultiStreamModel, new()
    {
        var model = new TMulti();
        int n = TMulti.Streams, inputs = TMulti.InputSize, outputs = TMulti.OutputSize;
        float[] rows = new float[n * inputs], results = new float[n * outputs];
        float worst = 0f;
        for (int t = 0; t < golden.Steps; t++)
        {
            for (int s = 0; s < n; s++) golden.Input.AsSpan(t * inputs, inputs).CopyTo(rows.AsSpan(s * inputs));
            model.Step(rows, results);
            for (int s = 0; s < n; s++)
            {
                float error = Deviation.MaxAbs(results.AsSpan(s * outputs, outputs), golden.Output.AsSpan(t * outputs, outputs));
                if (float.IsNaN(error)) return float.NaN;
                worst = MathF.Max(worst, error);
            }
        }
        return worst;
    }

    /// <summary>
    /// Streams fed different rows (stream s reads golden row (t + 3s) mod T, scaled by 1 + s/8; stream 0 is reset halfway)
    /// against one single-stream instance per stream fed the same: the number of outputs that differ at all (0 passes).
    /// </summary>
    public static float MultiStreamMismatches<TMulti, TSingle>(GoldenCase golden)
        where TMulti : IMultiStreamModel, new()
        where TSingle : IStreamingModel, new()
    {
        var model = new TMulti();
        int n = TMulti.Streams, inputs = TMulti.InputSize, outputs = TMulti.OutputSize, steps = 3 * golden.Steps;
        var singles = new TSingle[n];
        for (int s = 0; s < n; s++) singles[s] = new TSingle();
        float[] rows = new float[n * inputs], results = new float[n * outputs], single = new float[outputs];
        int mismatches = 0;
        for (int t = 0; t < steps; t++)
        {
            if (t == steps / 2)
            {
                model.Reset(0);
                singles[0].Reset();
            }
            for (int s = 0; s < n; s++)
            {
                int row = (t + 3 * s) % golden.Steps;
                for (int k = 0; k < inputs; k++) rows[s * inputs + k] = golden.Input[row * inputs + k] * (1f + s / 8f);
            }
            model.Step(rows, results);
            for (int s = 0; s < n; s++)
            {
                singles[s].Step(rows.AsSpan(s * inputs, inputs), single);
                for (int k = 0; k < outputs; k++)
                {
                    if (results[s * outputs + k] != single[k]) mismatches++;
                }
            }
        }
        return mismatches;
    }
}
