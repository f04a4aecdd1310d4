using System;
using System.Collections.Generic;
using System.Globalization;
using EdgeLstm.Model;

namespace EdgeLstm.Import.Onnx;

/// <summary>
/// Maps one ONNX LSTM, GRU or RNN node to a <see cref="RecurrentLayer"/>: every attribute is honoured or the node
/// is refused, and weight rows are moved from ONNX's gate order into the canonical one of <see cref="GateLayout"/>.
/// </summary>
internal static class OnnxRecurrentMapper
{
    // Canonical gate k takes ONNX gate Order[k]. LSTM: ONNX i,o,f,c -> canonical i,f,g,o. GRU: z,r,h = z,r,n.
    private static readonly int[] LstmGateOrder = { 0, 2, 3, 1 };
    private static readonly int[] IdentityOrder = { 0, 1, 2 };

    // Peepholes: ONNX i,o,f -> canonical i,f,o.
    private static readonly int[] PeepholeOrder = { 0, 2, 1 };

    public static bool IsRecurrent(string opType) => opType is "LSTM" or "GRU" or "RNN";

    public static CellKind CellOf(string opType) => opType switch
    {
        "LSTM" => CellKind.Lstm,
        "GRU" => CellKind.Gru,
        "RNN" => CellKind.Rnn,
        // Callers ask IsRecurrent first: another operator here is a bug in the importer, not a bad file.
        _ => throw new ArgumentOutOfRangeException(nameof(opType), opType, "not an ONNX recurrent operator"),
    };

    /// <summary>The <c>layout</c> attribute (0: [seq, batch, features], 1: [batch, seq, features]).</summary>
    public static long Layout(OnnxNode node, string file)
    {
        long layout = OnnxAttributes.GetInt(node, "layout", 0, file);
        if (layout is not (0 or 1))
        {
            throw new ModelFormatException(file, node.Describe(), $"attribute 'layout' is {layout}; expected 0 or 1.");
        }
        return layout;
    }

    /// <summary>Builds the layer. <paramref name="lookup"/> resolves input names to what the graph walk knows about them.</summary>
    public static RecurrentLayer Map(OnnxNode node, int inputFeatures, Func<string, OnnxValue> lookup, string file)
    {
        CellKind cell = CellOf(node.OpType);
        string where = node.Describe();
        var known = new List<string> { "activation_alpha", "activation_beta", "activations", "clip", "direction", "hidden_size", "layout" };
        if (cell == CellKind.Lstm) known.Add("input_forget");
        if (cell == CellKind.Gru) known.Add("linear_before_reset");
        OnnxAttributes.RequireOnly(node, file, known.ToArray());

        int maxInputs = cell == CellKind.Lstm ? 8 : 6;
        if (node.Inputs.Count > maxInputs)
        {
            throw new ModelFormatException(file, where, $"has {node.Inputs.Count} inputs; {node.OpType} takes at most {maxInputs}.");
        }

        string directionName = OnnxAttributes.GetString(node, "direction", file) ?? "forward";
        Direction direction = directionName switch
        {
            "forward" => Direction.Forward,
            "reverse" => Direction.Reverse,
            "bidirectional" => Direction.Bidirectional,
            _ => throw new ModelFormatException(file, where, $"attribute 'direction' is '{directionName}'; expected forward, reverse or bidirectional."),
        };
        int directions = direction == Direction.Bidirectional ? 2 : 1;
        int gates = GateLayout.GateCount(cell);

        OnnxTensor w = RequireConstant(node, 1, "W", lookup, file);
        OnnxTensor r = RequireConstant(node, 2, "R", lookup, file);
        long hiddenAttribute = OnnxAttributes.GetInt(node, "hidden_size", -1, file);
        long hiddenFromR = r.Dims.Count == 3 ? r.Dims[2] : -1;
        long hidden = hiddenAttribute >= 0 ? hiddenAttribute : hiddenFromR;
        if (hidden <= 0 || hidden > ModelValidator.MaxDimension)
        {
            throw new ModelFormatException(file, where, $"hidden_size {hidden} is outside 1..{ModelValidator.MaxDimension}.");
        }
        int h = (int)hidden;
        int rows = gates * h;

        float[] wData = Decode(w, new long[] { directions, rows, inputFeatures }, node, "W", "[num_directions, gates*hidden_size, input_size]", file);
        float[] rData = Decode(r, new long[] { directions, rows, h }, node, "R", "[num_directions, gates*hidden_size, hidden_size]", file);
        float[]? bData = OptionalConstant(node, 3, "B", lookup, file) is { } b
            ? Decode(b, new long[] { directions, 2 * rows }, node, "B", "[num_directions, 2*gates*hidden_size]", file)
            : null;
        RequireAbsent(node, 4, "sequence_lens",
            "the generated code runs every step it is given, so per-sequence lengths cannot be honoured. Export without them: run the RNN on the padded tensor itself, not on a PackedSequence (pack_padded_sequence), and feed each sequence at its own length", file);
        RequireZeroState(node, 5, "initial_h", lookup, file);
        float[]? pData = null;
        if (cell == CellKind.Lstm)
        {
            RequireZeroState(node, 6, "initial_c", lookup, file);
            pData = OptionalConstant(node, 7, "P", lookup, file) is { } p ? Decode(p, new long[] { directions, 3L * h }, node, "P", "[num_directions, 3*hidden_size]", file) : null;
        }

        float? clip = OnnxAttributes.GetFloat(node, "clip", file);
        if (clip is { } c && !(c > 0f && !float.IsInfinity(c)))
        {
            throw new ModelFormatException(file, where, $"attribute 'clip' is {c.ToString("R", CultureInfo.InvariantCulture)}; expected a positive finite number.");
        }
        bool inputForget = ReadFlag(node, "input_forget", 0, file);
        bool linearBeforeReset = cell != CellKind.Gru || ReadFlag(node, "linear_before_reset", 0, file);
        ActivationFunction[] activations = OnnxRecurrentActivations.Read(node, cell, directions, file);
        int perDirection = GateLayout.ActivationCount(cell);

        int[] order = cell == CellKind.Lstm ? LstmGateOrder : IdentityOrder;
        var weights = new DirectionWeights[directions];
        for (int d = 0; d < directions; d++)
        {
            float[] inputBias = bData is null ? new float[rows] : Reorder(bData, d * 2 * rows, gates, h, 1, order);
            float[] recurrentBias = bData is null ? new float[rows] : Reorder(bData, d * 2 * rows + rows, gates, h, 1, order);
            weights[d] = new DirectionWeights(
                Reorder(wData, d * rows * inputFeatures, gates, h, inputFeatures, order),
                Reorder(rData, d * rows * h, gates, h, h, order),
                inputBias,
                recurrentBias,
                pData is null ? Array.Empty<float>() : Reorder(pData, d * 3 * h, 3, h, 1, PeepholeOrder),
                Slice(activations, d * perDirection, perDirection));
        }
        return new RecurrentLayer(cell, inputFeatures, h, direction, weights, clip, inputForget, linearBeforeReset);
    }

    private static ActivationFunction[] Slice(ActivationFunction[] source, int start, int count)
    {
        var result = new ActivationFunction[count];
        Array.Copy(source, start, result, 0, count);
        return result;
    }

    // Copies `gates` blocks of `hidden` rows of `columns` values starting at `offset`, block k from source block order[k].
    private static float[] Reorder(float[] source, int offset, int gates, int hidden, int columns, int[] order)
    {
        int block = hidden * columns;
        var result = new float[gates * block];
        for (int k = 0; k < gates; k++)
        {
            Array.Copy(source, offset + order[k] * block, result, k * block, block);
        }
        return result;
    }

    private static float[] Decode(OnnxTensor tensor, long[] expected, OnnxNode node, string input, string meaning, string file)
    {
        bool matches = tensor.Dims.Count == expected.Length;
        for (int i = 0; matches && i < expected.Length; i++) matches = tensor.Dims[i] == expected[i];
        if (!matches)
        {
            throw new ModelFormatException(file, node.Describe(),
                $"input {input} ('{tensor.Name}') has dims [{string.Join(", ", tensor.Dims)}]; expected [{string.Join(", ", expected)}] {meaning}.");
        }
        return OnnxTensorDecoder.ToFloats(tensor, file);
    }

    private static OnnxTensor RequireConstant(OnnxNode node, int index, string input, Func<string, OnnxValue> lookup, string file)
        => OptionalConstant(node, index, input, lookup, file)
           ?? throw new ModelFormatException(file, node.Describe(), $"input {input} is missing; it is required.");

    private static OnnxTensor? OptionalConstant(OnnxNode node, int index, string input, Func<string, OnnxValue> lookup, string file)
    {
        string name = node.Input(index);
        if (name.Length == 0) return null;
        return lookup(name) switch
        {
            ConstantValue constant => constant.Tensor,
            ZeroValue => throw new ModelFormatException(file, node.Describe(), $"input {input} ('{name}') is computed at run time; expected an initializer or a Constant."),
            _ => throw new ModelFormatException(file, node.Describe(), $"input {input} ('{name}') is computed by the graph; expected an initializer or a Constant, so that the weights are known when the code is generated."),
        };
    }

    private static void RequireAbsent(OnnxNode node, int index, string input, string why, string file)
    {
        string name = node.Input(index);
        if (name.Length == 0) return;
        throw new ModelFormatException(file, node.Describe(), $"input {input} ('{name}') is present but not supported: {why}.");
    }

    // Initial states must be zero: the generated code always starts (and resets) from zeros.
    private static void RequireZeroState(OnnxNode node, int index, string input, Func<string, OnnxValue> lookup, string file)
    {
        string name = node.Input(index);
        if (name.Length == 0) return;
        switch (lookup(name))
        {
            case ZeroValue:
                return;
            case ConstantValue constant when OnnxTensorDecoder.IsAllZero(constant.Tensor, file):
                return;
            case ConstantValue:
                throw new ModelFormatException(file, node.Describe(),
                    $"input {input} ('{name}') holds a non-zero initial state; EdgeLstm starts every sequence from zeros. Train and export with a zero initial state: call the RNN as self.rnn(x), without a state argument.");
            case DataValue:
                throw new ModelFormatException(file, node.Describe(),
                    $"input {input} ('{name}') is computed from the input sequence; EdgeLstm starts every sequence from zeros. Call the RNN as self.rnn(x), without a state argument.");
            case UnevaluatedValue computed:
                throw new ModelFormatException(file, node.Describe(),
                    $"input {input} ('{name}') is computed by {computed.Producer.Describe()} and is not provably zero; EdgeLstm starts every sequence from zeros. Supported: no state, an all-zero constant, or zeros sized at run time (ConstantOfShape of 0, or Expand, Tile, Slice, Concat or Mul of zeros), which torch.zeros(...) in forward() exports as. Call the RNN as self.rnn(x), or pass torch.zeros(...).");
            default:
                throw new ModelFormatException(file, node.Describe(),
                    $"input {input} ('{name}') is not a known zero tensor; only a zero initial state (absent, all-zero constant or zeros sized at run time) is supported. Call the RNN as self.rnn(x), without a state argument.");
        }
    }

    private static bool ReadFlag(OnnxNode node, string name, long fallback, string file)
    {
        long value = OnnxAttributes.GetInt(node, name, fallback, file);
        if (value is not (0 or 1))
        {
            throw new ModelFormatException(file, node.Describe(), $"attribute '{name}' is {value}; expected 0 or 1.");
        }
        return value == 1;
    }
}
