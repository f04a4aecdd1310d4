extern alias runtime;

using System;
using System.Runtime.CompilerServices;
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
        long allocated = model switch
        {
            nameof(LstmI6H64L2Onnx) => AllocatedByStepping<LstmI6H64L2Onnx>(),
            nameof(LstmI8H128SaturatingOnnx) => AllocatedByStepping<LstmI8H128SaturatingOnnx>(),
            nameof(OnnxGruLbr0I3H16Onnx) => AllocatedByStepping<OnnxGruLbr0I3H16Onnx>(),
            nameof(LstmI4H20Dense5SoftmaxSafetensors) => AllocatedByStepping<LstmI4H20Dense5SoftmaxSafetensors>(),
            nameof(RnnReluI3H12Onnx) => AllocatedByStepping<RnnReluI3H12Onnx>(),
            _ => throw new ArgumentOutOfRangeException(nameof(model), model, null),
        };

        Assert.Equal(0L, allocated);
    }

    private static long AllocatedByStepping<TModel>() where TModel : IStreamingModel, new()
    {
        var model = new TModel();
        float[] input = new float[TModel.InputSize];
        float[] output = new float[TModel.OutputSize];
        for (int i = 0; i < input.Length; i++)
        {
            input[i] = 0.25f * (i + 1);
        }
        // Warm-up: let tiered compilation and on-stack replacement settle before counting.
        StepMany(model, input, output, 2 * Steps);

        long before = GC.GetAllocatedBytesForCurrentThread();
        StepMany(model, input, output, Steps);
        long after = GC.GetAllocatedBytesForCurrentThread();

        Assert.True(float.IsFinite(output[0]), "the model produced no usable output, so the loop may not have run");
        return after - before;
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
