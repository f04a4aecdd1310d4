extern alias runtime;

using System;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using EdgeLstm.Conformance.Models;
using runtime::EdgeLstm;
using Xunit;

namespace EdgeLstm.Generator.Tests.Conformance;

/// <summary>Generated models keep all working memory inline: stepping them never allocates.</summary>
public sealed class StepAllocationTests
{
    private const int Steps = 100_000;

    // One model per kernel shape family: stacked LSTM (64 units), large LSTM (looped kernel), GRU with a second
    // phase (linear_before_reset = 0), softmax head, RNN.
    [Theory]
    [InlineData(nameof(LstmI6H64L2Onnx))]
    [InlineData(nameof(LstmI8H128SaturatingOnnx))]
    [InlineData(nameof(OnnxGruLbr0I3H16Onnx))]
    [InlineData(nameof(LstmI4H20Dense5SoftmaxSafetensors))]
    [InlineData(nameof(RnnReluI3H12Onnx))]
    public void HundredThousandStepsAllocateNothing(string model)
    {
        long[] rounds = model switch
        {
            nameof(LstmI6H64L2Onnx) => AllocatedByStepping<LstmI6H64L2Onnx>(),
            nameof(LstmI8H128SaturatingOnnx) => AllocatedByStepping<LstmI8H128SaturatingOnnx>(),
            nameof(OnnxGruLbr0I3H16Onnx) => AllocatedByStepping<OnnxGruLbr0I3H16Onnx>(),
            nameof(LstmI4H20Dense5SoftmaxSafetensors) => AllocatedByStepping<LstmI4H20Dense5SoftmaxSafetensors>(),
            nameof(RnnReluI3H12Onnx) => AllocatedByStepping<RnnReluI3H12Onnx>(),
            _ => throw new ArgumentOutOfRangeException(nameof(model), model, null),
        };

        Assert.True(rounds.Min() == 0, $"bytes allocated by {Steps} Steps of {model} in each of three rounds: {string.Join(", ", rounds)}");
    }

    /// <summary>Bytes this thread allocated in each of three rounds of <see cref="Steps"/> Steps, after warm-up.</summary>
    private static long[] AllocatedByStepping<TModel>() where TModel : IStreamingModel, new()
    {
        var model = new TModel();
        float[] input = new float[TModel.InputSize];
        float[] output = new float[TModel.OutputSize];
        for (int i = 0; i < input.Length; i++)
        {
            input[i] = 0.25f * (i + 1);
        }

        // Warm-up: tiered compilation promotes Step to optimised code on a background thread after a delay; the first
        // measured round can still see a few dozen bytes of that bookkeeping on this thread. A Step that allocated
        // would allocate in every round (at least 100,000 bytes), so the least of three rounds is the honest figure.
        StepMany(model, input, output, Steps);
        Thread.Sleep(300);
        StepMany(model, input, output, Steps);
        var rounds = new long[3];
        for (int round = 0; round < rounds.Length; round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            StepMany(model, input, output, Steps);
            rounds[round] = GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Assert.True(float.IsFinite(output[0]), "the model produced no usable output, so the loop may not have run");
        return rounds;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void StepMany<TModel>(TModel model, float[] input, float[] output, int steps) where TModel : IStreamingModel
    {
        for (int i = 0; i < steps; i++)
        {
            model.Step(input, output);
        }
    }
}
