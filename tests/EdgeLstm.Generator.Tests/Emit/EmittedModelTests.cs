extern alias runtime;

using System;
using System.Linq;
using EdgeLstm.Generator.Emit;
using EdgeLstm.Model;
using Xunit;
using Xunit.Abstractions;
using IRecurrentModel = runtime::EdgeLstm.IRecurrentModel;
using IStreamingModel = runtime::EdgeLstm.IStreamingModel;

namespace EdgeLstm.Generator.Tests.Emit;

/// <summary>
/// Emits every catalogue model, compiles it like a user project, runs it, and compares with the oracle
/// (ReferenceNetwork: double precision, unpacked, unfused), on the SIMD path of this machine and on the scalar path.
/// </summary>
public sealed class EmittedModelTests
{
    private const int Steps = 37;
    private readonly ITestOutputHelper _output;

    public EmittedModelTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void CompilesWithoutWarningsOrUnsafeCode()
    {
        Assert.Empty(CompiledCatalogue.Get(scalar: false).Diagnostics);
        foreach (string source in CompiledCatalogue.Sources.Values)
        {
            Assert.DoesNotContain("unsafe", source);
        }
    }

    [Theory]
    [MemberData(nameof(CompiledCatalogue.NamesAndPaths), MemberType = typeof(CompiledCatalogue))]
    public void RunMatchesReference(string name, bool scalar)
    {
        ModelClassSpec spec = CompiledCatalogue.Specs[name];
        IRecurrentModel model = CompiledCatalogue.Get(scalar).Create(TestSpecs.FullName(spec));
        float[] inputs = new RandomModels(7).Inputs(Steps, spec.Network.InputSize);
        double[] expected = Oracle.Run(spec.Network, inputs, Steps);
        var outputs = new float[expected.Length];
        model.Run(inputs, outputs);
        AssertClose(expected, outputs, $"{name} ({(scalar ? "scalar" : "SIMD")})");
    }

    [Theory]
    [MemberData(nameof(CompiledCatalogue.NamesAndPaths), MemberType = typeof(CompiledCatalogue))]
    public void StreamingModelsStepLikeTheyRun(string name, bool scalar)
    {
        ModelClassSpec spec = CompiledCatalogue.Specs[name];
        IRecurrentModel model = CompiledCatalogue.Get(scalar).Create(TestSpecs.FullName(spec));
        Assert.Equal(spec.Network.IsStreaming, model is IStreamingModel);
        if (model is not IStreamingModel streaming)
        {
            return;
        }
        int inputSize = spec.Network.InputSize, outputSize = spec.Network.OutputSize;
        float[] inputs = new RandomModels(8).Inputs(Steps, inputSize);
        double[] expected = Oracle.Run(spec.Network, inputs, Steps);

        // Step by step.
        var stepped = new float[expected.Length];
        for (int t = 0; t < Steps; t++)
        {
            streaming.Step(inputs.AsSpan(t * inputSize, inputSize), stepped.AsSpan(t * outputSize, outputSize));
        }
        AssertClose(expected, stepped, name + " Step");

        // Run continues from the current state: two halves equal the whole window.
        streaming.Reset();
        var halves = new float[expected.Length];
        int split = Steps / 3;
        streaming.Run(inputs.AsSpan(0, split * inputSize), halves.AsSpan(0, split * outputSize));
        streaming.Run(inputs.AsSpan(split * inputSize), halves.AsSpan(split * outputSize));
        Assert.Equal(stepped, halves);
    }

    /// <summary>
    /// A single-stream model keeps its state on a 64-byte boundary wherever the GC puts the object (State() in
    /// ModelEmitter.EmitAlignedState): when a compacting collection has moved the model so that another start of its
    /// inline array is aligned, the next Step moves the state there first. Stepping across such moves must still
    /// match the oracle, and the test checks that the state did move (more than one start seen), so it cannot pass
    /// without exercising the move.
    /// </summary>
    [Theory]
    [InlineData("GruI4H13")]
    [InlineData("LstmI8H16Dense4")]
    [InlineData("GruClipExoticI5H6")]
    public void StepKeepsTheStateWhenACollectionMovesTheModel(string name)
    {
        ModelClassSpec spec = CompiledCatalogue.Specs[name];
        EmittedAssembly assembly = CompiledCatalogue.Get(scalar: false);
        int inputSize = spec.Network.InputSize, outputSize = spec.Network.OutputSize;
        float[] inputs = new RandomModels(10).Inputs(Steps, inputSize);
        double[] expected = Oracle.Run(spec.Network, inputs, Steps);

        // Spacers allocated before the model: freeing one and compacting slides the model down by its size (32 or 40
        // bytes, so the aligned start changes), once per step.
        var spacers = new byte[Steps][];
        for (int t = 0; t < Steps; t++) spacers[t] = new byte[8 + 8 * (t % 2)];
        IRecurrentModel model = assembly.Create(TestSpecs.FullName(spec));
        System.Reflection.FieldInfo start = model.GetType().GetField(ModelEmitter.StateStartField,
            System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!;
        var starts = new System.Collections.Generic.HashSet<int>();
        var outputs = new float[expected.Length];
        for (int t = 0; t < Steps; t++)
        {
            spacers[t] = null!;
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            if (model is IStreamingModel streaming)
            {
                streaming.Step(inputs.AsSpan(t * inputSize, inputSize), outputs.AsSpan(t * outputSize, outputSize));
            }
            else
            {
                Assert.Fail($"{name} is not a streaming model.");
            }
            starts.Add((int)start.GetValue(model)!);
        }
        GC.KeepAlive(spacers);
        Assert.True(starts.Count > 1, $"{name}: the state started at {string.Join(", ", starts)} floats only; no collection moved it.");
        AssertClose(expected, outputs, name + " Step across moves");
    }

    [Theory]
    [MemberData(nameof(CompiledCatalogue.Names), MemberType = typeof(CompiledCatalogue))]
    public void ResetReturnsToTheZeroState(string name)
    {
        ModelClassSpec spec = CompiledCatalogue.Specs[name];
        IRecurrentModel model = CompiledCatalogue.Get(false).Create(TestSpecs.FullName(spec));
        float[] inputs = new RandomModels(9).Inputs(10, spec.Network.InputSize);
        var first = new float[10 * spec.Network.OutputSize];
        var second = new float[first.Length];
        model.Run(inputs, first);
        model.Reset();
        model.Run(inputs, second);
        Assert.Equal(first, second);
        Assert.Contains(first, v => v != 0f);
    }

    [Theory]
    [MemberData(nameof(CompiledCatalogue.Names), MemberType = typeof(CompiledCatalogue))]
    public void WrongLengthsThrowBeforeAnyStateChange(string name)
    {
        ModelClassSpec spec = CompiledCatalogue.Specs[name];
        int inputSize = spec.Network.InputSize, outputSize = spec.Network.OutputSize;
        IRecurrentModel model = CompiledCatalogue.Get(false).Create(TestSpecs.FullName(spec));
        float[] inputs = new RandomModels(10).Inputs(3, inputSize);
        var outputs = new float[3 * outputSize];

        Assert.Throws<ArgumentException>(() => model.Run(inputs.AsSpan(0, 3 * inputSize - 1), outputs.AsSpan(0, 3 * outputSize)));
        Assert.Throws<ArgumentException>(() => model.Run(inputs, outputs.AsSpan(0, 2 * outputSize)));
        Assert.Throws<ArgumentException>(() => model.Run(inputs, new float[3 * outputSize + 1]));
        if (model is IStreamingModel streaming)
        {
            Assert.Throws<ArgumentException>(() => streaming.Step(inputs.AsSpan(0, inputSize + 1), outputs.AsSpan(0, outputSize)));
            Assert.Throws<ArgumentException>(() => streaming.Step(inputs.AsSpan(0, inputSize), outputs.AsSpan(0, outputSize - 1 + 2)));
        }

        // Still in the zero state: the same output as a fresh instance.
        model.Run(inputs, outputs);
        var fresh = new float[outputs.Length];
        CompiledCatalogue.Get(false).Create(TestSpecs.FullName(spec)).Run(inputs, fresh);
        Assert.Equal(fresh, outputs);
    }

    [Theory]
    [MemberData(nameof(CompiledCatalogue.Names), MemberType = typeof(CompiledCatalogue))]
    public void SelfTestPasses(string name)
    {
        ModelClassSpec spec = CompiledCatalogue.Specs[name];
        float worst = CompiledCatalogue.Get(false).SelfTest(TestSpecs.FullName(spec));
        Assert.InRange(worst, 0f, 1e-5f);
    }

    [Theory]
    [MemberData(nameof(CompiledCatalogue.Names), MemberType = typeof(CompiledCatalogue))]
    public void ExposesSizesAsConstantsAndThroughTheInterface(string name)
    {
        ModelClassSpec spec = CompiledCatalogue.Specs[name];
        Type type = CompiledCatalogue.Get(false).Type(TestSpecs.FullName(spec));
        Assert.Equal(spec.Network.InputSize, type.GetField("InputSize")!.GetRawConstantValue());
        Assert.Equal(spec.Network.OutputSize, type.GetField("OutputSize")!.GetRawConstantValue());
        Assert.Equal(spec.Network.IsStreaming, type.GetField("IsStreaming")!.GetRawConstantValue());
        Assert.Equal(spec.Network.InputSize, Sizes.Input(type));
    }

    private void AssertClose(double[] expected, float[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        double worst = 0;
        int at = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            double error = Math.Abs(expected[i] - actual[i]);
            if (!(error <= worst))
            {
                worst = error;
                at = i;
            }
        }
        _output.WriteLine($"{what}: max |error| {worst:E2}");
        Assert.True(worst <= 1e-5, $"{what}: output {at} is {actual[at]:R}, expected {expected[at]:R} (|error| {worst:E2})");
    }

    /// <summary>Reads the static abstract InputSize through a constrained generic call, as user code would.</summary>
    private static class Sizes
    {
        public static int Input(Type type)
            => (int)typeof(Sizes).GetMethod(nameof(Of), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
                .MakeGenericMethod(type).Invoke(null, null)!;

        private static int Of<T>() where T : IRecurrentModel => T.InputSize;
    }
}
