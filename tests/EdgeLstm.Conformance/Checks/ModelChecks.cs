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
}
