extern alias runtime;

using System;
using EdgeLstm.Generator.Emit;
using Xunit;
using IRecurrentModel = runtime::EdgeLstm.IRecurrentModel;
using IStreamingModel = runtime::EdgeLstm.IStreamingModel;

namespace EdgeLstm.Generator.Tests.Emit;

/// <summary>After construction a generated model allocates nothing: not per Step, not per streaming Run.</summary>
public sealed class AllocationTests
{
    [Theory]
    [InlineData("LstmI8H16Dense4")]
    [InlineData("StackedNormalizedSoftmax")]
    [InlineData("GruResetFirstI8H66")]
    [InlineData("LstmI4H40Dense200")]
    public void StepAllocatesNothing(string name)
    {
        ModelClassSpec spec = CompiledCatalogue.Specs[name];
        var model = (IStreamingModel)CompiledCatalogue.Get(scalar: false).Create(TestSpecs.FullName(spec));
        float[] input = new RandomModels(11).Inputs(1, spec.Network.InputSize);
        var output = new float[spec.Network.OutputSize];
        var window = new float[16 * spec.Network.InputSize];
        var windowOutput = new float[16 * spec.Network.OutputSize];
        for (int i = 0; i < 1000; i++)
        {
            model.Step(input, output); // warm-up: tiering, static data
            model.Run(window, windowOutput);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100_000; i++)
        {
            model.Step(input, output);
        }
        model.Run(window, windowOutput);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.True(float.IsFinite(output[0]));
    }

    [Fact]
    public void WindowRunAllocatesNothingOnceThePoolHoldsItsBuffers()
    {
        ModelClassSpec spec = CompiledCatalogue.Specs["BidirLstmI3H12"];
        IRecurrentModel model = CompiledCatalogue.Get(scalar: false).Create(TestSpecs.FullName(spec));
        var inputs = new float[50 * spec.Network.InputSize];
        var outputs = new float[50 * spec.Network.OutputSize];
        for (int i = 0; i < 100; i++) model.Run(inputs, outputs);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++) model.Run(inputs, outputs);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
