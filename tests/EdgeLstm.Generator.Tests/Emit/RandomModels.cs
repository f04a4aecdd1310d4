using System;
using System.Collections.Generic;
using System.Linq;
using EdgeLstm.Model;

namespace EdgeLstm.Generator.Tests.Emit;

/// <summary>Builds <see cref="NetworkModel"/>s with random weights (fixed seeds) for every feature combination.</summary>
internal sealed class RandomModels
{
    private readonly Random _random;

    public RandomModels(int seed) => _random = new Random(seed);

    public float[] Values(long count, double scale = 0.5)
    {
        var values = new float[count];
        for (long i = 0; i < count; i++)
        {
            values[i] = (float)((_random.NextDouble() * 2 - 1) * scale);
        }
        return values;
    }

    public RecurrentLayer Recurrent(CellKind cell, int input, int hidden, Direction direction = Direction.Forward,
        bool peepholes = false, float? clip = null, bool inputForget = false, bool linearBeforeReset = true,
        ActivationFunction[]? activations = null, int projection = 0)
    {
        int gates = GateLayout.GateCount(cell);
        activations ??= cell switch
        {
            CellKind.Lstm => new[] { ActivationFunction.Sigmoid, ActivationFunction.Tanh, ActivationFunction.Tanh },
            CellKind.Gru => new[] { ActivationFunction.Sigmoid, ActivationFunction.Tanh },
            _ => new[] { ActivationFunction.Tanh },
        };
        // PyTorch's initialisation, U(-1/sqrt(H), 1/sqrt(H)): larger recurrent weights make big RNNs chaotic, and then
        // float and double trajectories part after a few dozen steps however exact the arithmetic is.
        double scale = Math.Min(0.5, 1.0 / Math.Sqrt(hidden));
        int outputs = projection > 0 ? projection : hidden;
        var directions = new List<DirectionWeights>();
        for (int d = 0; d < (direction == Direction.Bidirectional ? 2 : 1); d++)
        {
            directions.Add(new DirectionWeights(
                Values((long)gates * hidden * input, scale),
                Values((long)gates * hidden * outputs, scale),
                Values(gates * hidden, scale),
                Values(gates * hidden, scale),
                peepholes ? Values(3 * hidden, scale) : EquatableArray<float>.Empty,
                activations,
                projection > 0 ? Values((long)projection * hidden, scale) : EquatableArray<float>.Empty));
        }
        return new RecurrentLayer(cell, input, hidden, direction, directions.ToArray(), clip, inputForget, linearBeforeReset, projection);
    }

    public DenseLayer Dense(int inputs, int outputs, ActivationFunction activation)
        => new(inputs, outputs, Values((long)inputs * outputs, Math.Min(0.5, 1.0 / Math.Sqrt(inputs))), Values(outputs, 0.5), activation);

    public InputNormalization Normalization(int inputs)
        => new(Values(inputs, 2.0), Values(inputs).Select(v => 0.5f + Math.Abs(v) * 3).ToArray());

    public static NetworkModel Network(InputNormalization? normalization, params Layer[] layers)
        => new(layers, normalization, new ModelMetadata("test", "test.json", "edgelstm-json", "unit test", EquatableArray<MetadataEntry>.Empty));

    /// <summary>Inputs in [-2, 2], with a few larger values to reach the saturating ends of the activations.</summary>
    public float[] Inputs(int steps, int inputSize)
    {
        float[] values = Values((long)steps * inputSize, 2.0);
        for (int i = 0; i < values.Length; i += 7)
        {
            values[i] *= 4;
        }
        return values;
    }
}
