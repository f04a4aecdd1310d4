using System;
using System.Linq;
using EdgeLstm.Import.SafeTensors;
using EdgeLstm.Model;
using Xunit;

namespace EdgeLstm.Tests.SafeTensors;

/// <summary>The shared state_dict mapper, driven through small safetensors files: what it accepts and what it refuses by name.</summary>
public sealed class StateDictMappingTests
{
    private static NetworkModel Import(SafeTensorsBuilder builder) => SafeTensorsImporter.Import(builder.Build(), "test.safetensors");

    private static ModelFormatException Refused(SafeTensorsBuilder builder)
        => Assert.ThrowsAny<ModelFormatException>(() => SafeTensorsImporter.Import(builder.Build(), "test.safetensors"));

    [Theory]
    [InlineData(4, CellKind.Lstm)]
    [InlineData(3, CellKind.Gru)]
    [InlineData(1, CellKind.Rnn)]
    public void CellKindComesFromTheRecurrentWeightShape(int gates, CellKind expected)
    {
        NetworkModel model = Import(new SafeTensorsBuilder().Recurrent(0, gates, hidden: 5, input: 2));

        RecurrentLayer layer = Assert.IsType<RecurrentLayer>(Assert.Single(model.Layers));
        Assert.Equal(expected, layer.Cell);
        Assert.Equal(5, layer.Hidden);
        Assert.Equal(2, layer.Input);
    }

    [Fact]
    public void MissingBiasesBecomeZeros()
    {
        NetworkModel model = Import(new SafeTensorsBuilder().Recurrent(0, 4, 3, 2, bias: false).Add("out.weight", new[] { 2, 3 }));

        DirectionWeights weights = ((RecurrentLayer)model.Layers[0]).Directions[0];
        Assert.Equal(new float[12], weights.InputBias.ToArray());
        Assert.Equal(new float[12], weights.RecurrentBias.ToArray());
        Assert.Equal(new float[2], ((DenseLayer)model.Layers[1]).Bias.ToArray());
    }

    [Fact]
    public void BareModuleStateDictWithoutPrefixIsAccepted()
    {
        var builder = new SafeTensorsBuilder().Add("weight_ih_l0", new[] { 8, 2 }).Add("weight_hh_l0", new[] { 8, 8 });

        Assert.Equal(CellKind.Rnn, ((RecurrentLayer)Import(builder).Layers[0]).Cell);
    }

    [Fact]
    public void GruRowsAndBothBiasesAreReorderedFromRznToZrn()
    {
        const int hidden = 2, input = 1;
        // Each row's value names its PyTorch gate (r = 1x, z = 2x, n = 3x) and row within the gate.
        float[] rows = { 10, 11, 20, 21, 30, 31 };
        var builder = new SafeTensorsBuilder()
            .Add("rnn.weight_ih_l0", new[] { 3 * hidden, input }, rows)
            .Add("rnn.weight_hh_l0", new[] { 3 * hidden, hidden }, rows.SelectMany(v => new[] { v, v + 0.5f }).ToArray())
            .Add("rnn.bias_ih_l0", new[] { 3 * hidden }, rows.Select(v => v + 100).ToArray())
            .Add("rnn.bias_hh_l0", new[] { 3 * hidden }, rows.Select(v => v + 200).ToArray());

        DirectionWeights weights = ((RecurrentLayer)Import(builder).Layers[0]).Directions[0];

        Assert.Equal(new float[] { 20, 21, 10, 11, 30, 31 }, weights.InputWeights.ToArray());
        Assert.Equal(new float[] { 20, 20.5f, 21, 21.5f, 10, 10.5f, 11, 11.5f, 30, 30.5f, 31, 31.5f }, weights.RecurrentWeights.ToArray());
        Assert.Equal(new float[] { 120, 121, 110, 111, 130, 131 }, weights.InputBias.ToArray());
        Assert.Equal(new float[] { 220, 221, 210, 211, 230, 231 }, weights.RecurrentBias.ToArray());
    }

    [Fact]
    public void StackedBidirectionalLayersReadTheConcatenatedOutput()
    {
        var builder = new SafeTensorsBuilder()
            .Recurrent(0, 4, 3, 2).Recurrent(0, 4, 3, 2, "_reverse")
            .Recurrent(1, 4, 3, 6).Recurrent(1, 4, 3, 6, "_reverse");

        NetworkModel model = Import(builder);

        Assert.All(model.Layers, l => Assert.Equal(Direction.Bidirectional, ((RecurrentLayer)l).Direction));
        Assert.Equal(6, model.Layers[1].InputSize);
        Assert.Equal(6, model.OutputSize);
    }

    [Theory]
    [InlineData("sigmoid", ActivationKind.Sigmoid)]
    [InlineData("tanh", ActivationKind.Tanh)]
    [InlineData("relu", ActivationKind.Relu)]
    [InlineData("softmax", ActivationKind.Softmax)]
    [InlineData("none", ActivationKind.Identity)]
    public void HeadActivationComesFromMetadata(string value, ActivationKind expected)
    {
        var builder = new SafeTensorsBuilder().Recurrent(0, 4, 3, 2).Add("fc.weight", new[] { 2, 3 }).Add("fc.bias", new[] { 2 })
            .Metadata("head_activation", value);

        Assert.Equal(expected, ((DenseLayer)Import(builder).Layers[1]).Activation.Kind);
    }

    [Fact]
    public void RnnNonlinearityComesFromMetadata()
    {
        var builder = new SafeTensorsBuilder().Recurrent(0, 1, 3, 2).Metadata("nonlinearity", "relu");

        Assert.Equal(new[] { ActivationFunction.Relu }, ((RecurrentLayer)Import(builder).Layers[0]).Directions[0].Activations.ToArray());
    }

    [Theory]
    [InlineData("bn.running_mean", "bn.running_mean")]
    [InlineData("rnn.weight_xx_l0", "rnn.weight_xx_l0")]
    [InlineData("rnn.weight_ih_l01", "rnn.weight_ih_l01")]
    public void UnexpectedTensorsAreRefusedByName(string tensor, string mentioned)
    {
        var e = Refused(new SafeTensorsBuilder().Recurrent(0, 4, 3, 2).Add(tensor, new[] { 3, 3 }));

        Assert.Contains($"'{tensor}'", e.Message);
        Assert.Contains(mentioned, e.Message);
    }

    [Fact]
    public void ProjectionMakesTheRecurrentWeightsFourHByP()
    {
        // nn.LSTM(2, 3, proj_size=2): weight_hh [12, 2], weight_hr [2, 3]; the head reads the 2 projected values.
        var builder = new SafeTensorsBuilder()
            .Add("rnn.weight_ih_l0", new[] { 12, 2 }).Add("rnn.weight_hh_l0", new[] { 12, 2 })
            .Add("rnn.bias_ih_l0", new[] { 12 }).Add("rnn.bias_hh_l0", new[] { 12 })
            .Add("rnn.weight_hr_l0", new[] { 2, 3 })
            .Add("head.weight", new[] { 1, 2 }).Add("head.bias", new[] { 1 });

        NetworkModel model = Import(builder);

        var layer = Assert.IsType<RecurrentLayer>(model.Layers[0]);
        Assert.Equal((CellKind.Lstm, 3, 2, 2), (layer.Cell, layer.Hidden, layer.ProjectionSize, layer.OutputSize));
        Assert.Equal(6, layer.Directions[0].ProjectionWeights.Count);
        Assert.Equal(2, ((DenseLayer)model.Layers[1]).Inputs);
    }

    [Theory]
    [InlineData(4, 3, new[] { 2, 5 }, "rnn.weight_hh_l0")] // [12, 3] is not [4 * 5, 2]
    [InlineData(3, 3, new[] { 3, 3 }, "only an LSTM has a projection")] // a GRU's [9, 3] with a weight_hr
    public void ProjectionThatDoesNotFitIsRefused(int gates, int hidden, int[] projection, string mentioned)
    {
        var e = Refused(new SafeTensorsBuilder().Recurrent(0, gates, hidden, 2).Add("rnn.weight_hr_l0", projection));

        Assert.Contains("proj_size", e.Message);
        Assert.Contains(mentioned, e.Message);
    }

    [Fact]
    public void ProjectionInOneLayerOnlyIsRefused()
    {
        var builder = new SafeTensorsBuilder()
            .Add("rnn.weight_ih_l0", new[] { 12, 2 }).Add("rnn.weight_hh_l0", new[] { 12, 2 }).Add("rnn.weight_hr_l0", new[] { 2, 3 })
            .Add("rnn.weight_ih_l1", new[] { 12, 2 }).Add("rnn.weight_hh_l1", new[] { 12, 2 });

        var e = Refused(builder);

        Assert.Contains("rnn.weight_hr_l1", e.Message);
        Assert.Contains("every layer or none", e.Message);
    }

    [Fact]
    public void TwoLayerHeadIsRefused()
    {
        var builder = new SafeTensorsBuilder().Recurrent(0, 4, 3, 2)
            .Add("head.0.weight", new[] { 4, 3 }).Add("head.0.bias", new[] { 4 })
            .Add("head.2.weight", new[] { 1, 4 }).Add("head.2.bias", new[] { 1 });

        var e = Refused(builder);

        Assert.Contains("'head.2.weight'", e.Message);
        Assert.Contains("single nn.Linear head", e.Message);
    }

    [Fact]
    public void SecondRecurrentModuleIsRefused()
    {
        var builder = new SafeTensorsBuilder().Recurrent(0, 4, 3, 2).Add("rnn2.weight_ih_l0", new[] { 12, 3 });

        Assert.Contains("'rnn2.weight_ih_l0'", Refused(builder).Message);
    }

    [Fact]
    public void MissingRecurrentWeightIsNamed()
    {
        var builder = new SafeTensorsBuilder().Add("rnn.weight_ih_l0", new[] { 12, 2 }).Add("rnn.bias_ih_l0", new[] { 12 }).Add("rnn.bias_hh_l0", new[] { 12 });

        Assert.Contains("rnn.weight_hh_l0", Refused(builder).Message);
    }

    [Fact]
    public void LayerGapIsRefused()
    {
        var e = Refused(new SafeTensorsBuilder().Recurrent(0, 4, 3, 2).Recurrent(2, 4, 3, 3));

        Assert.Contains("rnn.weight_ih_l1", e.Message);
    }

    [Fact]
    public void ReverseDirectionOnOnlySomeLayersIsRefused()
    {
        var e = Refused(new SafeTensorsBuilder().Recurrent(0, 4, 3, 2).Recurrent(0, 4, 3, 2, "_reverse").Recurrent(1, 4, 3, 6));

        Assert.Contains("layer 1", e.Message);
    }

    [Fact]
    public void OnlyOneOfTheTwoBiasesIsRefused()
    {
        var builder = new SafeTensorsBuilder().Recurrent(0, 4, 3, 2, bias: false).Add("rnn.bias_ih_l0", new[] { 12 });

        Assert.Contains("rnn.bias_hh_l0", Refused(builder).Message);
    }

    [Theory]
    [InlineData("rnn.weight_ih_l1", new[] { 12, 2 })]
    [InlineData("rnn.weight_hh_l1", new[] { 12, 4 })]
    [InlineData("rnn.bias_hh_l0", new[] { 11 })]
    [InlineData("rnn.bias_ih_l1", new[] { 12, 1 })]
    public void InconsistentShapesAreRefusedByName(string tensor, int[] shape)
    {
        // A valid two-layer LSTM (input 2, hidden 3), except for the one tensor under test.
        var builder = new SafeTensorsBuilder();
        foreach ((string name, int[] validShape) in new[]
        {
            ("rnn.weight_ih_l0", new[] { 12, 2 }), ("rnn.weight_hh_l0", new[] { 12, 3 }), ("rnn.bias_ih_l0", new[] { 12 }), ("rnn.bias_hh_l0", new[] { 12 }),
            ("rnn.weight_ih_l1", new[] { 12, 3 }), ("rnn.weight_hh_l1", new[] { 12, 3 }), ("rnn.bias_ih_l1", new[] { 12 }), ("rnn.bias_hh_l1", new[] { 12 }),
        })
        {
            builder.Add(name, name == tensor ? shape : validShape);
        }

        var e = Refused(builder);

        Assert.Contains($"'{tensor}'", e.Message);
        Assert.Contains("expected [", e.Message);
    }

    [Fact]
    public void RecurrentWeightShapeOfNoKnownCellIsRefused()
    {
        var e = Refused(new SafeTensorsBuilder().Add("rnn.weight_ih_l0", new[] { 10, 2 }).Add("rnn.weight_hh_l0", new[] { 10, 5 }));

        Assert.Contains("'rnn.weight_hh_l0'", e.Message);
    }

    [Fact]
    public void HeadThatDoesNotReadTheRecurrentOutputIsRefused()
    {
        var e = Refused(new SafeTensorsBuilder().Recurrent(0, 4, 3, 2).Add("head.weight", new[] { 2, 4 }));

        Assert.Contains("'head.weight'", e.Message);
    }

    [Fact]
    public void CellMetadataThatContradictsTheShapesIsRefused()
    {
        var e = Refused(new SafeTensorsBuilder().Recurrent(0, 4, 3, 2).Metadata("cell", "GRU"));

        Assert.Contains("Gru", e.Message);
        Assert.Contains("Lstm", e.Message);
    }

    [Theory]
    [InlineData("cell", "LSTMP")]
    [InlineData("head_activation", "gelu")]
    [InlineData("nonlinearity", "sigmoid")]
    [InlineData("input_mean", "[1, \"x\"]")]
    public void UnknownMetadataValuesAreRefused(string key, string value)
    {
        var builder = new SafeTensorsBuilder().Recurrent(0, 4, 3, 2).Add("head.weight", new[] { 1, 3 }).Metadata(key, value);
        if (key == "input_mean") builder.Metadata("input_std", "[1, 1]");

        Assert.Contains($"'{key}'", Refused(builder).Message);
    }

    [Fact]
    public void HeadActivationWithoutHeadIsRefused()
    {
        Assert.Contains("no linear head", Refused(new SafeTensorsBuilder().Recurrent(0, 4, 3, 2).Metadata("head_activation", "softmax")).Message);
    }

    [Fact]
    public void NormalisationOfTheWrongWidthIsRefused()
    {
        var builder = new SafeTensorsBuilder().Recurrent(0, 4, 3, 2).Metadata("input_mean", "[0, 0, 0]").Metadata("input_std", "[1, 1, 1]");

        Assert.Contains("'input_mean'", Refused(builder).Message);
    }

    [Fact]
    public void UnknownMetadataKeysAreKeptAsProperties()
    {
        NetworkModel model = Import(new SafeTensorsBuilder().Recurrent(0, 4, 3, 2).Metadata("format", "pt"));

        Assert.Contains(new MetadataEntry("format", "pt"), model.Metadata.Properties);
    }

    [Fact]
    public void NoRecurrentTensorsIsRefused()
    {
        Assert.Contains("no recurrent layer", Refused(new SafeTensorsBuilder().Add("head.weight", new[] { 2, 3 })).Message);
    }
}
