extern alias runtime;

using System;
using System.Collections.Generic;
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

    private const int MaxRounds = 20;

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

        Assert.True(rounds.Min() == 0, $"bytes allocated by {Steps} Steps of {model} in each of {rounds.Length} rounds: {string.Join(", ", rounds)}");
    }

    /// <summary>
    /// Bytes this thread allocated in each round of <see cref="Steps"/> Steps after warm-up, up to the first round that
    /// allocated nothing (at most <see cref="MaxRounds"/>).
    /// </summary>
    private static long[] AllocatedByStepping<TModel>() where TModel : IStreamingModel, new()
    {
        var model = new TModel();
        float[] input = new float[TModel.InputSize];
        float[] output = new float[TModel.OutputSize];
        for (int i = 0; i < input.Length; i++)
        {
            input[i] = 0.25f * (i + 1);
        }

        // Warm-up: tiered compilation promotes Step (and each kernel it calls, one by one) to optimised code on a
        // background thread after a delay, and a round that sees one of those promotions can see a few dozen bytes of
        // its bookkeeping on this thread. When that happens is up to the machine's load: other test classes JIT-compile
        // all the time, which keeps postponing the promotions (the delay restarts with every new method), and a busy
        // machine starves the background thread. So rounds continue until one allocates nothing. A Step that allocated
        // would allocate in every round (at least 100,000 bytes), so the least of the rounds is the honest figure.
        StepMany(model, input, output, Steps);
        Thread.Sleep(300);
        StepMany(model, input, output, Steps);
        var rounds = new List<long>();
        do
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            StepMany(model, input, output, Steps);
            rounds.Add(GC.GetAllocatedBytesForCurrentThread() - before);
        }
        while (rounds[^1] != 0 && rounds.Count < MaxRounds);

        Assert.True(float.IsFinite(output[0]), "the model produced no usable output, so the loop may not have run");
        return rounds.ToArray();
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
