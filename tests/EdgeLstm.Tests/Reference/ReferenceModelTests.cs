using System;
using System.IO;
using System.Linq;
using System.Text;
using EdgeLstm.Import.Json;
using Xunit;

namespace EdgeLstm.Tests.Reference;

/// <summary>The public float wrapper: conversions, span length checks that leave the state alone, and loading errors.</summary>
public sealed class ReferenceModelTests
{
    private const string Streaming = "torch_gru_i2_h3_sigmoid";
    private const string Bidirectional = "torch_lstm_bidir_l2_i2_h3";

    [Theory]
    [InlineData(Streaming)]
    [InlineData(Bidirectional)]
    public void Run_MatchesTheFixture(string name)
    {
        ReferenceFixture fixture = ReferenceFixture.Get(name);
        ReferenceModel model = ReferenceModel.FromModel(fixture.Model);
        float[] actual = new float[fixture.Output.Length];

        model.Run(ToFloats(fixture.Input), actual);

        // The wrapper rounds to float once at the end; 1e-6 leaves room for that and nothing else.
        Tolerance.AssertClose(fixture.Output, actual.Select(v => (double)v).ToArray(), 1e-6, name, model.OutputSize);
        Assert.Same(fixture.Model, model.Model);
    }

    public static TheoryData<string> AllFixtures => new(ReferenceFixture.Names);

    [Theory]
    [MemberData(nameof(AllFixtures))]
    public void Load_OfTheFixtureWrittenAsEdgeLstmJson_RunsLikeTheFixture(string name)
    {
        // End to end through a real importer: write the hand-built model as EdgeLstm JSON, load it back from a stream.
        ReferenceFixture fixture = ReferenceFixture.Get(name);
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(EdgeLstmJsonFormat.Write(fixture.Model)));
        ReferenceModel model = ReferenceModel.Load(stream, name + ".json");
        float[] actual = new float[fixture.Output.Length];

        model.Run(ToFloats(fixture.Input), actual);

        Tolerance.AssertClose(fixture.Output, actual.Select(v => (double)v).ToArray(), Math.Max(1e-6, fixture.AllowedError), name + ".json", model.OutputSize);
    }

    [Fact]
    public void Step_WithWrongSpanLengths_ThrowsAndLeavesTheStateAlone()
    {
        ReferenceFixture fixture = ReferenceFixture.Get(Streaming);
        ReferenceModel model = ReferenceModel.FromModel(fixture.Model);
        Assert.True(model.IsStreaming);
        float[] inputs = ToFloats(fixture.Input), actual = new float[fixture.Output.Length];

        for (int t = 0; t < fixture.Steps; t++)
        {
            Assert.Throws<ArgumentException>(() => model.Step(new float[model.InputSize - 1], new float[model.OutputSize]));
            Assert.Throws<ArgumentException>(() => model.Step(new float[model.InputSize], new float[model.OutputSize + 1]));
            model.Step(inputs.AsSpan(t * model.InputSize, model.InputSize), actual.AsSpan(t * model.OutputSize, model.OutputSize));
        }

        Tolerance.AssertClose(fixture.Output, actual.Select(v => (double)v).ToArray(), 1e-6, "steps between rejected calls", model.OutputSize);
    }

    [Fact]
    public void Run_WithWrongSpanLengths_ThrowsAndLeavesTheStateAlone()
    {
        ReferenceFixture fixture = ReferenceFixture.Get(Streaming);
        ReferenceModel model = ReferenceModel.FromModel(fixture.Model);
        float[] inputs = ToFloats(fixture.Input), actual = new float[fixture.Output.Length];

        Assert.Throws<ArgumentException>(() => model.Run(inputs.AsSpan(1), actual));              // not whole rows
        Assert.Throws<ArgumentException>(() => model.Run(inputs, actual.AsSpan(1)));              // row counts differ
        Assert.Throws<ArgumentException>(() => model.Run(inputs, new float[actual.Length + model.OutputSize]));
        model.Run(inputs, actual);

        Tolerance.AssertClose(fixture.Output, actual.Select(v => (double)v).ToArray(), 1e-6, "run after rejected calls", model.OutputSize);
    }

    [Fact]
    public void Step_OnBidirectionalModel_ThrowsInvalidOperation_WhateverTheLengths()
    {
        ReferenceModel model = ReferenceModel.FromModel(ReferenceFixture.Get(Bidirectional).Model);
        Assert.False(model.IsStreaming);

        Assert.Throws<InvalidOperationException>(() => model.Step(new float[model.InputSize], new float[model.OutputSize]));
        Assert.Throws<InvalidOperationException>(() => model.Step(new float[99], new float[1]));
    }

    [Fact]
    public void Load_OfUnreadableContent_NamesTheStream()
    {
        using var stream = new MemoryStream(new byte[] { 1, 2, 3, 4 });

        var e = Assert.ThrowsAny<ModelFormatException>(() => ReferenceModel.Load(stream, "sensor-model.bin"));
        Assert.Equal("sensor-model.bin", e.File);
    }

    [Fact]
    public void Load_OfAMissingFile_ThrowsModelFormatException()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "no-such-model.onnx");

        var e = Assert.ThrowsAny<ModelFormatException>(() => ReferenceModel.Load(path));
        Assert.Contains("not found", e.Message, StringComparison.Ordinal);
    }

    private static float[] ToFloats(double[] values) => values.Select(v => (float)v).ToArray();
}
