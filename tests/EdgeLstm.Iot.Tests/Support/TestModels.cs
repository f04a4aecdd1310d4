using System;

namespace EdgeLstm.Iot.Tests.Support;

/// <summary>"Tomorrow looks like today": predicts that the next sample equals the current one. A struct, like a generated model.</summary>
public struct LastValueModel : IStreamingModel
{
    public static int InputSize => 1;

    public static int OutputSize => 1;

    public static bool IsStreaming => true;

    public int Steps { get; private set; }

    public void Step(ReadOnlySpan<float> input, Span<float> output)
    {
        output[0] = input[0];
        Steps++;
    }

    public void Run(ReadOnlySpan<float> inputs, Span<float> outputs) => inputs.CopyTo(outputs);

    public void Reset() => Steps = 0;
}

/// <summary>Three channels, each predicted as its last value.</summary>
public sealed class LastValueModel3 : IStreamingModel
{
    public static int InputSize => 3;

    public static int OutputSize => 3;

    public static bool IsStreaming => true;

    public void Step(ReadOnlySpan<float> input, Span<float> output) => input.CopyTo(output);

    public void Run(ReadOnlySpan<float> inputs, Span<float> outputs) => inputs.CopyTo(outputs);

    public void Reset()
    {
    }
}

/// <summary>
/// A two-class "classifier" whose class-1 (anomaly) probability is the input clamped to [0, 1], for direct-score mode.
/// </summary>
public struct PassThroughProbabilityModel : IStreamingModel
{
    public static int InputSize => 1;

    public static int OutputSize => 2;

    public static bool IsStreaming => true;

    public void Step(ReadOnlySpan<float> input, Span<float> output)
    {
        float p = Math.Clamp(input[0], 0f, 1f);
        output[0] = 1 - p;
        output[1] = p;
    }

    public void Run(ReadOnlySpan<float> inputs, Span<float> outputs) => throw new NotSupportedException();

    public void Reset()
    {
    }
}

/// <summary>A bidirectional model cannot stream; the detector must refuse it.</summary>
public struct WholeWindowModel : IStreamingModel
{
    public static int InputSize => 1;

    public static int OutputSize => 1;

    public static bool IsStreaming => false;

    public void Step(ReadOnlySpan<float> input, Span<float> output) => throw new NotSupportedException();

    public void Run(ReadOnlySpan<float> inputs, Span<float> outputs) => throw new NotSupportedException();

    public void Reset()
    {
    }
}

/// <summary>A tiny stand-in for a head-less LSTM: four bounded features with memory (leaky tanh units). A struct, like a generated model.</summary>
public struct FeatureModel : IStreamingModel
{
    private float _a;
    private float _b;

    public static int InputSize => 1;

    public static int OutputSize => 4;

    public static bool IsStreaming => true;

    public void Step(ReadOnlySpan<float> input, Span<float> output)
    {
        _a = MathF.Tanh((0.8f * _a) + (0.5f * input[0]));
        _b = MathF.Tanh((0.95f * _b) + (0.1f * input[0]));
        output[0] = _a;
        output[1] = _b;
        output[2] = _a * _b;
        output[3] = MathF.Tanh(input[0]);
    }

    public void Run(ReadOnlySpan<float> inputs, Span<float> outputs)
    {
        for (int t = 0; t < inputs.Length; t++)
        {
            Step(inputs.Slice(t, 1), outputs.Slice(t * 4, 4));
        }
    }

    public void Reset() => (_a, _b) = (0, 0);
}
