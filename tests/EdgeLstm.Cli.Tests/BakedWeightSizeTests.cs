using System.Linq;
using EdgeLstm.Cli.Models;
using EdgeLstm.Model;
using Xunit;

namespace EdgeLstm.Cli.Tests;

public sealed class BakedWeightSizeTests
{
    private static EquatableArray<float> Zeros(int count) => new(new float[count]);

    private static RecurrentLayer Lstm(int input, int hidden, bool peepholes = false, Direction direction = Direction.Forward)
    {
        int rows = 4 * hidden;
        var weights = new DirectionWeights(Zeros(rows * input), Zeros(rows * hidden), Zeros(rows), Zeros(rows),
            peepholes ? Zeros(3 * hidden) : EquatableArray<float>.Empty,
            new EquatableArray<ActivationFunction>(new[] { ActivationFunction.Sigmoid, ActivationFunction.Tanh, ActivationFunction.Tanh }));
        int count = direction == Direction.Bidirectional ? 2 : 1;
        return new RecurrentLayer(CellKind.Lstm, input, hidden, direction,
            new EquatableArray<DirectionWeights>(Enumerable.Repeat(weights, count).ToArray()));
    }

    [Fact]
    public void PadsHiddenAndInputWidthsToFour()
    {
        // LSTM I=3 -> 4, H=5 -> 8: 32 rows x (4 + 8) weights + 4 gate start vectors x 8 = 416 floats.
        // Dense 5 -> 2 (outputs padded to 4): 4 rows x 8 padded inputs + 4 biases = 36 floats.
        var model = new NetworkModel(
            new EquatableArray<Layer>(new Layer[] { Lstm(3, 5), new DenseLayer(5, 2, Zeros(10), Zeros(2), ActivationFunction.Identity) }),
            null, ModelMetadata.Empty);

        Assert.Equal(452, BakedWeightSize.Floats(model));
        Assert.Equal(452 * 4, BakedWeightSize.Bytes(model));
    }

    [Fact]
    public void MatchesWhatTheGeneratorBakesForTheTwoLayerLstm()
    {
        // lstm_i6_h64_l2 as the generated class declares it (Layer0/1 *_Weights and *_Bias "N floats" summaries):
        // 4*64*(8 + 64) + 4*64 + 4*64*(64 + 64) + 4*64 = 18,432 + 256 + 32,768 + 256 = 51,712 floats.
        NetworkModel model = EdgeLstm.Import.ModelImporter.Load(System.IO.Path.Combine(System.AppContext.BaseDirectory, "cases", "lstm_i6_h64_l2", "model.onnx"));
        Assert.Equal(51_712, BakedWeightSize.Floats(model));
    }

    [Fact]
    public void CountsPeepholesDirectionsAndNormalization()
    {
        // Bidirectional LSTM I=4, H=4 with peepholes: per direction 16 x (4 + 4) + 4 x 4 + 12 = 156; two directions 312.
        // Normalisation is folded into the first layer: nothing extra.
        var model = new NetworkModel(
            new EquatableArray<Layer>(new Layer[] { Lstm(4, 4, peepholes: true, Direction.Bidirectional) }),
            new InputNormalization(Zeros(4), new EquatableArray<float>(new[] { 1f, 1f, 1f, 1f })), ModelMetadata.Empty);

        Assert.Equal(312, BakedWeightSize.Floats(model));
    }
}
