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
        // LSTM I=3 -> 4, H=5 -> 8: 32 rows x (4 + 8) weights + 2 x 32 biases = 448 floats.
        // Dense 5 -> 2: 2 rows x 8 padded inputs + 2 biases = 18 floats.
        var model = new NetworkModel(
            new EquatableArray<Layer>(new Layer[] { Lstm(3, 5), new DenseLayer(5, 2, Zeros(10), Zeros(2), ActivationFunction.Identity) }),
            null, ModelMetadata.Empty);

        Assert.Equal(466, BakedWeightSize.Floats(model));
        Assert.Equal(466 * 4, BakedWeightSize.Bytes(model));
    }

    [Fact]
    public void CountsPeepholesDirectionsAndNormalization()
    {
        // Bidirectional LSTM I=4, H=4 with peepholes: per direction 16 x (4 + 4) + 32 + 12 = 172; two directions 344.
        // Normalisation over 4 inputs: mean and 1/std, 8.
        var model = new NetworkModel(
            new EquatableArray<Layer>(new Layer[] { Lstm(4, 4, peepholes: true, Direction.Bidirectional) }),
            new InputNormalization(Zeros(4), new EquatableArray<float>(new[] { 1f, 1f, 1f, 1f })), ModelMetadata.Empty);

        Assert.Equal(352, BakedWeightSize.Floats(model));
    }
}
