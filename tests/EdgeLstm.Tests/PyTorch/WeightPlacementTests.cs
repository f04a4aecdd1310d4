using System;
using System.Linq;
using System.Text.Json;
using EdgeLstm.Import.PyTorch;
using EdgeLstm.Import.SafeTensors;
using EdgeLstm.Model;
using EdgeLstm.Tests.SafeTensors;
using Xunit;

namespace EdgeLstm.Tests.PyTorch;

/// <summary>
/// Where each PyTorch tensor lands in the model, checked against tensors read with torch.load by make_fixtures.py
/// (reference_tensors.json), for both file formats. GRU rows must move from PyTorch's r, z, n to the canonical z, r, n.
/// </summary>
public sealed class WeightPlacementTests
{
    private static readonly JsonElement Reference = StateDictTestData.ReadFixtureJson("reference_tensors.json");

    private static NetworkModel Load(string caseName, string format) => format == "safetensors"
        ? SafeTensorsImporter.Import(StateDictTestData.ReadCase(caseName, "model.safetensors"), "model.safetensors")
        : PyTorchImporter.Import(StateDictTestData.ReadCase(caseName, "model.pt"), "model.pt");

    private static float[] Torch(string caseName, string tensor)
        => StateDictTestData.Floats(Reference.GetProperty(caseName).GetProperty(tensor).GetProperty("values"));

    /// <summary>Rows [gate*hidden, (gate+1)*hidden) of a row-major tensor with <paramref name="columns"/> columns.</summary>
    private static float[] Gate(float[] values, int gate, int hidden, int columns)
        => values.Skip(gate * hidden * columns).Take(hidden * columns).ToArray();

    [Theory]
    [InlineData("safetensors")]
    [InlineData("pt")]
    public void GruGatesMoveFromRznToZrn(string format)
    {
        const string caseName = "gru_i4_h32_l2_dense1";
        const int hidden = 32, input = 4;
        NetworkModel model = Load(caseName, format);
        DirectionWeights first = ((RecurrentLayer)model.Layers[0]).Directions[0];
        DirectionWeights second = ((RecurrentLayer)model.Layers[1]).Directions[0];
        // PyTorch block index of each canonical gate: z is PyTorch's 1, r its 0, n its 2.
        int[] torchBlock = { 1, 0, 2 };

        for (int gate = 0; gate < 3; gate++)
        {
            int source = torchBlock[gate];
            Assert.Equal(Gate(Torch(caseName, "rnn.weight_ih_l0"), source, hidden, input), Gate(first.InputWeights.AsArray(), gate, hidden, input));
            Assert.Equal(Gate(Torch(caseName, "rnn.bias_ih_l0"), source, hidden, 1), Gate(first.InputBias.AsArray(), gate, hidden, 1));
            Assert.Equal(Gate(Torch(caseName, "rnn.bias_hh_l0"), source, hidden, 1), Gate(first.RecurrentBias.AsArray(), gate, hidden, 1));
            Assert.Equal(Gate(Torch(caseName, "rnn.weight_hh_l1"), source, hidden, hidden), Gate(second.RecurrentWeights.AsArray(), gate, hidden, hidden));
        }
        // The swap really moved something: the two blocks differ.
        Assert.NotEqual(Gate(Torch(caseName, "rnn.weight_ih_l0"), 0, hidden, input), Gate(first.InputWeights.AsArray(), 0, hidden, input));

        DenseLayer head = Assert.IsType<DenseLayer>(model.Layers[2]);
        Assert.Equal(Torch(caseName, "head.weight"), head.Weights.AsArray());
        Assert.Equal(Torch(caseName, "head.bias"), head.Bias.AsArray());
    }

    [Theory]
    [InlineData("safetensors")]
    [InlineData("pt")]
    public void BidirectionalLstmKeepsGateOrderAndPutsReverseSecond(string format)
    {
        const string caseName = "lstm_i3_h12_bidir_dense2";
        NetworkModel model = Load(caseName, format);
        RecurrentLayer layer = (RecurrentLayer)model.Layers[0];

        Assert.Equal(Torch(caseName, "rnn.weight_ih_l0"), layer.Directions[0].InputWeights.AsArray());
        Assert.Equal(Torch(caseName, "rnn.weight_ih_l0_reverse"), layer.Directions[1].InputWeights.AsArray());
        Assert.Equal(Torch(caseName, "rnn.weight_hh_l0_reverse"), layer.Directions[1].RecurrentWeights.AsArray());
        Assert.Equal(Torch(caseName, "rnn.bias_ih_l0_reverse"), layer.Directions[1].InputBias.AsArray());
        Assert.Equal(Torch(caseName, "rnn.bias_hh_l0_reverse"), layer.Directions[1].RecurrentBias.AsArray());
        Assert.Equal(Torch(caseName, "head.weight"), ((DenseLayer)model.Layers[1]).Weights.AsArray());
        Assert.NotEqual(layer.Directions[0].InputWeights, layer.Directions[1].InputWeights);
    }
}
