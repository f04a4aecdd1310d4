using System;
using System.Collections.Generic;
using EdgeLstm.Model;

namespace EdgeLstm.Tests.Json;

/// <summary>Hand-built models that together use every feature the model description has.</summary>
internal static class TestModels
{
    /// <summary>Random finite floats drawn from raw bit patterns, so subnormals, -0 and extreme exponents all occur.</summary>
    public static float[] Floats(Random random, int count)
    {
        var values = new float[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = AnyFinite(random);
        }
        // Pin the awkward values at the front whenever there is room for them.
        float[] special = { -0f, 0f, float.Epsilon, -float.Epsilon, BitConverter.Int32BitsToSingle(0x007FFFFF), float.MaxValue, float.MinValue, 1.17549435E-38f, 0.1f };
        Array.Copy(special, values, Math.Min(special.Length, count));
        return values;
    }

    public static float AnyFinite(Random random)
    {
        while (true)
        {
            float value = BitConverter.Int32BitsToSingle(random.Next() ^ (random.Next() << 1));
            if (float.IsFinite(value)) return value;
        }
    }

    /// <summary>Ordinary weights in (-1, 1), for tests that are about structure, not float text.</summary>
    public static float[] Weights(Random random, int count)
    {
        var values = new float[count];
        for (int i = 0; i < count; i++) values[i] = (float)(random.NextDouble() * 2 - 1);
        return values;
    }

    public static DirectionWeights Direction(Random random, CellKind cell, int input, int hidden, bool peepholes,
        ActivationFunction[] activations, Func<Random, int, float[]> values)
    {
        int rows = GateLayout.GateCount(cell) * hidden;
        return new DirectionWeights(
            values(random, rows * input),
            values(random, rows * hidden),
            values(random, rows),
            values(random, rows),
            peepholes ? values(random, 3 * hidden) : Array.Empty<float>(),
            activations);
    }

    /// <summary>Bidirectional peephole LSTM with clip and input_forget, parameterised activations, normalisation,
    /// metadata with awkward strings, then a dense layer and a softmax head.</summary>
    public static NetworkModel LstmEverything(Func<Random, int, float[]> values, int seed = 1)
    {
        var random = new Random(seed);
        var forwardActivations = new[]
        {
            ActivationFunction.HardSigmoid(0.2f, 0.5f),
            new ActivationFunction(ActivationKind.ScaledTanh, 1.7159f, 0.6666667f),
            new ActivationFunction(ActivationKind.Affine, 2f, -0.25f),
        };
        var reverseActivations = new[]
        {
            ActivationFunction.LeakyRelu(0.01f),
            new ActivationFunction(ActivationKind.Softsign),
            ActivationFunction.Relu,
        };
        var lstm = new RecurrentLayer(CellKind.Lstm, 3, 5, Model.Direction.Bidirectional,
            new[]
            {
                Direction(random, CellKind.Lstm, 3, 5, peepholes: true, forwardActivations, values),
                Direction(random, CellKind.Lstm, 3, 5, peepholes: true, reverseActivations, values),
            },
            Clip: 0.5f, InputForget: true);
        var dense = new DenseLayer(10, 4, values(random, 40), values(random, 4), ActivationFunction.Tanh);
        var head = new DenseLayer(4, 3, values(random, 12), values(random, 3), ActivationFunction.Softmax);
        var normalization = new InputNormalization(values(random, 3), new[] { 1f, 0.5f, 3.0000002f });
        var metadata = new ModelMetadata(
            "sensor \"model\" \\ ü 漢字 😀 \u0001 \t\n",
            "models/weird name.onnx",
            "onnx",
            "pytorch 1.13.0",
            new[] { new MetadataEntry("author", "me"), new MetadataEntry("lone surrogate", "\uD800x\uDC00"), new MetadataEntry("", "") });
        return new NetworkModel(new Layer[] { lstm, dense, head }, normalization, metadata);
    }

    /// <summary>GRU both reset placements, a reverse layer, an RNN with relu, activations with unusual parameters,
    /// metadata with duplicate keys and absent fields.</summary>
    public static NetworkModel GruRnnEverything(Func<Random, int, float[]> values, int seed = 2)
    {
        var random = new Random(seed);
        var gruLbr0 = new RecurrentLayer(CellKind.Gru, 4, 6, Model.Direction.Reverse,
            new[] { Direction(random, CellKind.Gru, 4, 6, false, new[] { ActivationFunction.Sigmoid, ActivationFunction.Tanh }, values) },
            LinearBeforeReset: false);
        var gruLbr1 = new RecurrentLayer(CellKind.Gru, 6, 7, Model.Direction.Forward,
            new[] { Direction(random, CellKind.Gru, 6, 7, false, new[] { ActivationFunction.Sigmoid, ActivationFunction.HardSigmoid(0.1f, -0f) }, values) },
            LinearBeforeReset: true);
        var rnn = new RecurrentLayer(CellKind.Rnn, 7, 3, Model.Direction.Forward,
            new[] { Direction(random, CellKind.Rnn, 7, 3, false, new[] { ActivationFunction.Relu }, values) });
        // Parameterless kinds with non-zero (meaningless but representable) parameters must survive too.
        var dense = new DenseLayer(3, 2, values(random, 6), values(random, 2), new ActivationFunction(ActivationKind.Sigmoid, -0f, 3f));
        var metadata = new ModelMetadata(null, null, "safetensors", null,
            new[] { new MetadataEntry("k", "1"), new MetadataEntry("k", "2") });
        return new NetworkModel(new Layer[] { gruLbr0, gruLbr1, rnn, dense }, null, metadata);
    }

    /// <summary>An RNN-only model with every metadata field absent and a non-default linear_before_reset on an LSTM.</summary>
    public static NetworkModel Minimal(Func<Random, int, float[]> values, int seed = 3)
    {
        var random = new Random(seed);
        var lstm = new RecurrentLayer(CellKind.Lstm, 1, 2, Model.Direction.Forward,
            new[] { Direction(random, CellKind.Lstm, 1, 2, false, new[] { ActivationFunction.Sigmoid, ActivationFunction.Tanh, ActivationFunction.Tanh }, values) },
            LinearBeforeReset: false);
        return new NetworkModel(new Layer[] { lstm }, null, ModelMetadata.Empty);
    }

    /// <summary>LSTM projections (PyTorch proj_size): a bidirectional projected layer feeding a projected layer.</summary>
    public static NetworkModel Projected(Func<Random, int, float[]> values, int seed = 4)
    {
        var random = new Random(seed);
        ActivationFunction[] lstm = { ActivationFunction.Sigmoid, ActivationFunction.Tanh, ActivationFunction.Tanh };
        DirectionWeights Projected(int input, int hidden, int projection)
            => new(values(random, 4 * hidden * input), values(random, 4 * hidden * projection), values(random, 4 * hidden),
                values(random, 4 * hidden), Array.Empty<float>(), lstm, values(random, projection * hidden));
        var first = new RecurrentLayer(CellKind.Lstm, 3, 5, Model.Direction.Bidirectional,
            new[] { Projected(3, 5, 2), Projected(3, 5, 2) }, ProjectionSize: 2);
        var second = new RecurrentLayer(CellKind.Lstm, 4, 6, Model.Direction.Forward, new[] { Projected(4, 6, 3) }, ProjectionSize: 3);
        return new NetworkModel(new Layer[] { first, second }, null, ModelMetadata.Empty);
    }

    /// <summary>Every float in the model, in a fixed order, for bit-level comparison (record equality treats 0 and -0 as equal).</summary>
    public static List<float> AllFloats(NetworkModel model)
    {
        var all = new List<float>();
        if (model.Normalization is { } n)
        {
            all.AddRange(n.Mean);
            all.AddRange(n.Std);
        }
        foreach (Layer layer in model.Layers)
        {
            switch (layer)
            {
                case RecurrentLayer r:
                    if (r.Clip is { } clip) all.Add(clip);
                    foreach (DirectionWeights d in r.Directions)
                    {
                        all.AddRange(d.InputWeights);
                        all.AddRange(d.RecurrentWeights);
                        all.AddRange(d.InputBias);
                        all.AddRange(d.RecurrentBias);
                        all.AddRange(d.Peepholes);
                        all.AddRange(d.ProjectionWeights);
                        foreach (ActivationFunction a in d.Activations)
                        {
                            all.Add(a.Alpha);
                            all.Add(a.Beta);
                        }
                    }
                    break;
                case DenseLayer dense:
                    all.AddRange(dense.Weights);
                    all.AddRange(dense.Bias);
                    all.Add(dense.Activation.Alpha);
                    all.Add(dense.Activation.Beta);
                    break;
            }
        }
        return all;
    }
}
