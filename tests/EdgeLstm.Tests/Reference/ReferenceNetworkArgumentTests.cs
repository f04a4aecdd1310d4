using System;
using System.Linq;
using EdgeLstm.Model;
using EdgeLstm.Reference;
using Xunit;

namespace EdgeLstm.Tests.Reference;

/// <summary>ReferenceNetwork's contract at its edges: argument checks that leave the state alone, and a case small enough to check by hand.</summary>
public sealed class ReferenceNetworkArgumentTests
{
    private const string Streaming = "torch_lstm_l2_i3_h4_norm_softmax";
    private const string Bidirectional = "torch_rnn_bidir_i2_h3_dense1";

    [Fact]
    public void SingleUnitRnn_MatchesTheEquationWorkedByHand()
    {
        // h_t = tanh(0.5 x_t - 1.0 h_{t-1} + 0.25 + 0.125), then y = 2 h - 1.
        var rnn = new RecurrentLayer(CellKind.Rnn, 1, 1, Direction.Forward, new[]
        {
            new DirectionWeights(new[] { 0.5f }, new[] { -1.0f }, new[] { 0.25f }, new[] { 0.125f }, EquatableArray<float>.Empty,
                new[] { ActivationFunction.Tanh }),
        });
        var dense = new DenseLayer(1, 1, new[] { 2f }, new[] { -1f }, ActivationFunction.Identity);
        var network = new ReferenceNetwork(new NetworkModel(new Layer[] { rnn, dense }, null, ModelMetadata.Empty));
        double[] outputs = new double[3];

        network.Run(new[] { 1.0, -2.0, 0.5 }, outputs, 3);

        double h1 = Math.Tanh(0.5 + 0.375);
        double h2 = Math.Tanh(-1.0 - h1 + 0.375);
        double h3 = Math.Tanh(0.25 - h2 + 0.375);
        Assert.Equal(new[] { 2 * h1 - 1, 2 * h2 - 1, 2 * h3 - 1 }, outputs);
    }

    [Fact]
    public void Step_WithWrongLengths_ThrowsAndLeavesTheStateAlone()
    {
        ReferenceFixture fixture = ReferenceFixture.Get(Streaming);
        var network = new ReferenceNetwork(fixture.Model);
        double[] row = new double[network.InputSize], output = new double[network.OutputSize];
        double[] actual = new double[fixture.Output.Length];

        for (int t = 0; t < fixture.Steps; t++)
        {
            Array.Copy(fixture.Input, t * row.Length, row, 0, row.Length);
            Assert.Throws<ArgumentException>(() => network.Step(new double[network.InputSize + 1], output));
            Assert.Throws<ArgumentException>(() => network.Step(row, new double[network.OutputSize - 1]));
            Assert.ThrowsAny<ArgumentException>(() => network.Step(null!, output));
            network.Step(row, output);
            Array.Copy(output, 0, actual, t * output.Length, output.Length);
        }

        Tolerance.AssertClose(fixture.Output, actual, fixture.AllowedError, "steps interleaved with rejected calls", network.OutputSize);
    }

    [Fact]
    public void Run_WithWrongLengths_ThrowsAndLeavesTheStateAlone()
    {
        ReferenceFixture fixture = ReferenceFixture.Get(Streaming);
        var network = new ReferenceNetwork(fixture.Model);
        int steps = fixture.Steps;
        double[] actual = new double[fixture.Output.Length];

        Assert.Throws<ArgumentException>(() => network.Run(fixture.Input, new double[actual.Length + 1], steps));
        Assert.Throws<ArgumentException>(() => network.Run(fixture.Input, actual, steps - 1));
        Assert.Throws<ArgumentException>(() => network.Run(fixture.Input.Skip(1).ToArray(), actual, steps));
        Assert.Throws<ArgumentOutOfRangeException>(() => network.Run(fixture.Input, actual, -1));
        network.Run(fixture.Input, actual, steps);

        Tolerance.AssertClose(fixture.Output, actual, fixture.AllowedError, "run after rejected calls", network.OutputSize);
    }

    [Fact]
    public void Run_DoesNotModifyTheInputs()
    {
        ReferenceFixture fixture = ReferenceFixture.Get(Streaming);
        Assert.NotNull(fixture.Model.Normalization); // the normalisation is what could be applied in place
        double[] inputs = (double[])fixture.Input.Clone();

        new ReferenceNetwork(fixture.Model).Run(inputs, new double[fixture.Output.Length], fixture.Steps);

        Assert.Equal(fixture.Input, inputs);
    }

    [Fact]
    public void Step_OnBidirectionalModel_ThrowsBeforeLookingAtLengths()
    {
        var network = new ReferenceNetwork(ReferenceFixture.Get(Bidirectional).Model);

        var e = Assert.Throws<InvalidOperationException>(() => network.Step(new double[1], new double[1]));
        Assert.Contains("bidirectional", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_RejectsAnInvalidModel()
    {
        NetworkModel valid = ReferenceFixture.Get(Streaming).Model;
        var dense = (DenseLayer)valid.Layers[valid.Layers.Count - 1];
        NetworkModel broken = valid with
        {
            Layers = valid.Layers.Take(valid.Layers.Count - 1).Append(dense with { Bias = new float[dense.Outputs + 1] }).ToArray(),
        };

        var e = Assert.Throws<ArgumentException>(() => new ReferenceNetwork(broken));
        Assert.Contains("dense bias", e.Message, StringComparison.Ordinal);
    }
}
