using System;
using System.Collections.Generic;
using System.Linq;

namespace EdgeLstm.HostileFiles;

/// <summary>ONNX messages (field numbers from onnx/onnx.proto) for the hostile graphs.</summary>
internal static class OnnxFiles
{
    private const int FloatType = 1;

    /// <summary>ModelProto { ir_version 7, opset_import { "" , opset }, graph }.</summary>
    public static byte[] Model(ProtoWriter graph, long opset = 11)
        => new ProtoWriter()
            .Varint(1, 7L)
            .Message(8, new ProtoWriter().String(1, string.Empty).Varint(2, opset))
            .Message(7, graph)
            .ToArray();

    /// <summary>ModelProto whose graph field holds <paramref name="graph"/> bytes as they are.</summary>
    public static byte[] Model(ReadOnlySpan<byte> graph, long opset = 11)
        => new ProtoWriter()
            .Varint(1, 7L)
            .Message(8, new ProtoWriter().String(1, string.Empty).Varint(2, opset))
            .Bytes(7, graph)
            .ToArray();

    public static ProtoWriter Node(string op, string name, IEnumerable<string> inputs, IEnumerable<string> outputs, params ProtoWriter[] attributes)
    {
        var node = new ProtoWriter();
        foreach (string input in inputs) node.String(1, input);
        foreach (string output in outputs) node.String(2, output);
        node.String(3, name).String(4, op);
        foreach (ProtoWriter attribute in attributes) node.Message(5, attribute);
        return node;
    }

    /// <summary>AttributeProto of type INT (2).</summary>
    public static ProtoWriter IntAttribute(string name, long value) => new ProtoWriter().String(1, name).Varint(3, value).Varint(20, 2L);

    /// <summary>AttributeProto of type INTS (7).</summary>
    public static ProtoWriter IntsAttribute(string name, ReadOnlySpan<long> values) => new ProtoWriter().String(1, name).Packed(8, values).Varint(20, 7L);

    /// <summary>TensorProto of FLOAT with raw_data.</summary>
    public static ProtoWriter FloatTensor(string name, long[] dims, float[] values)
    {
        byte[] raw = new byte[values.Length * 4];
        Buffer.BlockCopy(values, 0, raw, 0, raw.Length);
        return new ProtoWriter().Packed(1, dims).Varint(2, (long)FloatType).String(8, name).Bytes(9, raw);
    }

    /// <summary>ValueInfoProto of a float tensor; a null dimension is symbolic ("seq").</summary>
    public static ProtoWriter FloatValue(string name, params long?[] shape)
    {
        var dims = new ProtoWriter();
        foreach (long? dim in shape)
        {
            dims.Message(1, dim is { } value ? new ProtoWriter().Varint(1, value) : new ProtoWriter().String(2, "seq"));
        }
        var tensorType = new ProtoWriter().Varint(1, (long)FloatType).Message(2, dims);
        return new ProtoWriter().String(1, name).Message(2, new ProtoWriter().Message(1, tensorType));
    }

    /// <summary>
    /// A one-layer LSTM (input 1, hidden 1) whose initial_h initializer declares <paramref name="initialHDims"/> over
    /// <paramref name="initialHValues"/> zeros: with dims whose product wraps 64 bits, the file claims a tensor of
    /// 2^64 + 2 elements while holding 2.
    /// </summary>
    public static byte[] LstmWithInitialH(long[] initialHDims, int initialHValues)
    {
        var graph = new ProtoWriter()
            .Message(1, Node("LSTM", "lstm", new[] { "X", "W", "R", "B", "", "initial_h" }, new[] { "Y" }, IntAttribute("hidden_size", 1)))
            .String(2, "wrapped-dims")
            .Message(5, FloatTensor("W", new long[] { 1, 4, 1 }, new float[] { 0.1f, 0.2f, 0.3f, 0.4f }))
            .Message(5, FloatTensor("R", new long[] { 1, 4, 1 }, new float[] { 0.5f, 0.6f, 0.7f, 0.8f }))
            .Message(5, FloatTensor("B", new long[] { 1, 8 }, new float[8]))
            .Message(5, FloatTensor("initial_h", initialHDims, new float[initialHValues]))
            .Message(11, FloatValue("X", null, 1, 1))
            .Message(12, FloatValue("Y", null, 1, 1, 1));
        return Model(graph, opset: 14);
    }

    /// <summary>A one-layer LSTM over <paramref name="input"/> features with <paramref name="hidden"/> units and the given weights.</summary>
    public static byte[] Lstm(int input, int hidden, float[] w, float[] r, float[] b)
    {
        var graph = new ProtoWriter()
            .Message(1, Node("LSTM", "lstm", new[] { "X", "W", "R", "B" }, new[] { "Y" }, IntAttribute("hidden_size", hidden)))
            .String(2, "large-lstm")
            .Message(5, FloatTensor("W", new long[] { 1, 4 * hidden, input }, w))
            .Message(5, FloatTensor("R", new long[] { 1, 4 * hidden, hidden }, r))
            .Message(5, FloatTensor("B", new long[] { 1, 8 * hidden }, b))
            .Message(11, FloatValue("X", null, 1, input))
            .Message(12, FloatValue("Y", null, 1, 1, hidden));
        return Model(graph, opset: 14);
    }

    /// <summary>
    /// The input sequence Unsqueezed to rank <paramref name="rank"/>, then <paramref name="transposes"/> Transposes.
    /// Without <paramref name="swapFirstTwo"/> a Transpose has no perm (ONNX then reverses the axes), so each node
    /// is a few bytes while an importer that keeps an axis list per value holds transposes × rank axes.
    /// </summary>
    public static byte[] QuadraticTransposes(int rank, int transposes, bool swapFirstTwo = false)
    {
        long[] axes = Enumerable.Range(0, rank - 3).Select(a => (long)a).ToArray();
        long[] perm = Enumerable.Range(0, rank).Select(a => (long)a).ToArray();
        (perm[0], perm[1]) = (perm[1], perm[0]);
        var graph = new ProtoWriter().Message(1, Node("Unsqueeze", "u", new[] { "X" }, new[] { Name(0) }, IntsAttribute("axes", axes)));
        for (int k = 1; k <= transposes; k++)
        {
            var node = new ProtoWriter().String(1, Name(k - 1)).String(2, Name(k)).String(4, "Transpose");
            if (swapFirstTwo) node.Message(5, IntsAttribute("perm", perm));
            graph.Message(1, node);
        }
        graph.String(2, "quadratic")
            .Message(11, FloatValue("X", null, 1, 3))
            .Message(12, new ProtoWriter().String(1, Name(transposes)));
        return Model(graph, opset: 11);
    }

    /// <summary>
    /// <paramref name="count"/> MatMuls in a chain, all sharing one 1×1 weight: each node is a few bytes, while an importer
    /// that gives every value its own list of the layers before it holds count²/2 of them.
    /// </summary>
    public static byte[] DeepMatMuls(int count)
    {
        var graph = new ProtoWriter();
        for (int k = 1; k <= count; k++)
        {
            graph.Message(1, new ProtoWriter().String(1, Name(k - 1)).String(1, "B").String(2, Name(k)).String(4, "MatMul"));
        }
        graph.String(2, "deep-matmuls")
            .Message(5, FloatTensor("B", new long[] { 1, 1 }, new float[] { 1f }))
            .Message(11, FloatValue(Name(0), null, 1, 1))
            .Message(12, new ProtoWriter().String(1, Name(count)));
        return Model(graph, opset: 14);
    }

    /// <summary>
    /// <paramref name="count"/> one-unit LSTM layers in a chain (LSTM, then Squeeze of the direction axis, as torch
    /// writes a stack), all sharing one set of weights: quadratic in the same way as <see cref="DeepMatMuls"/>.
    /// </summary>
    public static byte[] DeepLstms(int count)
    {
        var graph = new ProtoWriter();
        for (int k = 1; k <= count; k++)
        {
            string y = "y" + Name(k);
            graph.Message(1, Node("LSTM", string.Empty, new[] { Name(k - 1), "W", "R", "B" }, new[] { y }, IntAttribute("hidden_size", 1)));
            graph.Message(1, Node("Squeeze", string.Empty, new[] { y }, new[] { Name(k) }, IntsAttribute("axes", new long[] { 1 })));
        }
        graph.String(2, "deep-lstms")
            .Message(5, FloatTensor("W", new long[] { 1, 4, 1 }, new float[] { 0.1f, 0.2f, 0.3f, 0.4f }))
            .Message(5, FloatTensor("R", new long[] { 1, 4, 1 }, new float[] { 0.5f, 0.6f, 0.7f, 0.8f }))
            .Message(5, FloatTensor("B", new long[] { 1, 8 }, new float[8]))
            .Message(11, FloatValue(Name(0), null, 1, 1))
            .Message(12, new ProtoWriter().String(1, Name(count)));
        return Model(graph, opset: 11);
    }

    private static string Name(int k) => k.ToString("x", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// A one-layer LSTM (input 1, hidden 8) whose output Y [seq, 1, 1, 8] is reshaped to [0, 0, 0, 4, 2^62 + 2]: the
    /// product per step, 4 · (2^62 + 2), wraps 64 bits to 8, the very number of features, so a mapper that multiplies
    /// without checking accepts a reshape to 18 quintillion elements per step.
    /// </summary>
    public static byte[] WrappedReshape()
    {
        const int Hidden = 8;
        var graph = new ProtoWriter()
            .Message(1, Node("LSTM", "lstm", new[] { "X", "W", "R", "B" }, new[] { "Y" }, IntAttribute("hidden_size", Hidden)))
            .Message(1, Node("Reshape", "wrapped", new[] { "Y", "shape" }, new[] { "out" }))
            .String(2, "wrapped-reshape")
            .Message(5, FloatTensor("W", new long[] { 1, 4 * Hidden, 1 }, new float[4 * Hidden]))
            .Message(5, FloatTensor("R", new long[] { 1, 4 * Hidden, Hidden }, new float[4 * Hidden * Hidden]))
            .Message(5, FloatTensor("B", new long[] { 1, 8 * Hidden }, new float[8 * Hidden]))
            .Message(5, Int64Tensor("shape", new long[] { 0, 0, 0, 4, (1L << 62) + 2 }))
            .Message(11, FloatValue("X", null, 1, 1))
            .Message(12, new ProtoWriter().String(1, "out"));
        return Model(graph, opset: 14);
    }

    /// <summary>A 1-D TensorProto of INT64 (7) in int64_data.</summary>
    public static ProtoWriter Int64Tensor(string name, long[] values)
        => new ProtoWriter().Packed(1, new long[] { values.Length }).Varint(2, 7L).Packed(7, values).String(8, name);

    /// <summary>A graph of <paramref name="count"/> empty NodeProtos (two bytes each on the wire).</summary>
    public static byte[] EmptyNodes(int count)
    {
        byte[] graph = new byte[2 * count];
        for (int i = 0; i < graph.Length; i += 2) graph[i] = 0x0A; // field 1 (node), length 0
        return Model(graph);
    }

    /// <summary>One node whose op_type is <paramref name="length"/> characters.</summary>
    public static byte[] LongOpType(int length)
    {
        var graph = new ProtoWriter()
            .Message(1, Node(new string('Z', length), "long-op", new[] { "X" }, new[] { "Y" }))
            .String(2, "long-op-type")
            .Message(11, FloatValue("X", null, 1, 3))
            .Message(12, new ProtoWriter().String(1, "Y"));
        return Model(graph, opset: 14);
    }

    /// <summary>A one-layer LSTM whose final hidden state Y_h feeds a node whose op_type is <paramref name="length"/> characters.</summary>
    public static byte[] LongOpOnFinalState(int length)
    {
        var graph = new ProtoWriter()
            .Message(1, Node("LSTM", "lstm", new[] { "X", "W", "R", "B" }, new[] { "Y", "Y_h" }, IntAttribute("hidden_size", 1)))
            .Message(1, Node(new string('Z', length), "on-state", new[] { "Y_h" }, new[] { "out" }))
            .String(2, "long-op-on-state")
            .Message(5, FloatTensor("W", new long[] { 1, 4, 1 }, new float[] { 0.1f, 0.2f, 0.3f, 0.4f }))
            .Message(5, FloatTensor("R", new long[] { 1, 4, 1 }, new float[] { 0.5f, 0.6f, 0.7f, 0.8f }))
            .Message(5, FloatTensor("B", new long[] { 1, 8 }, new float[8]))
            .Message(11, FloatValue("X", null, 1, 1))
            .Message(12, new ProtoWriter().String(1, "out"));
        return Model(graph, opset: 14);
    }

    /// <summary>A Transpose whose perm attribute packs <paramref name="count"/> one-byte varints.</summary>
    public static byte[] PackedIntsBomb(int count)
    {
        var graph = new ProtoWriter()
            .Message(1, Node("Transpose", "t", new[] { "X" }, new[] { "Y" }, IntsAttribute("perm", new long[count])))
            .String(2, "packed-ints")
            .Message(11, FloatValue("X", null, 1, 3))
            .Message(12, new ProtoWriter().String(1, "Y"));
        return Model(graph, opset: 14);
    }
}
