using System;
using System.Collections.Generic;
using System.Linq;

namespace EdgeLstm.Tests.Onnx;

/// <summary>Builds small ONNX models in memory (field numbers from onnx.proto) so each test controls every byte.</summary>
internal static class OnnxBuilder
{
    public const int Float = 1, Int64 = 7, Float16 = 10, Float64 = 11;

    public static ProtoWriter Tensor(string name, long[] dims, float[] values, bool raw = true)
    {
        var t = new ProtoWriter();
        foreach (long d in dims) t.Varint(1, d);
        t.Varint(2, Float);
        t.String(8, name);
        if (raw) t.Bytes(9, values.SelectMany(BitConverter.GetBytes).ToArray());
        else foreach (float v in values) t.Float(4, v); // unpacked repeated float_data
        return t;
    }

    public static ProtoWriter Int64Tensor(string name, long[] dims, long[] values)
    {
        var t = new ProtoWriter();
        foreach (long d in dims) t.Varint(1, d);
        t.Varint(2, Int64);
        t.String(8, name);
        t.PackedVarints(7, values);
        return t;
    }

    public static ProtoWriter Attr(string name, long value) => new ProtoWriter().String(1, name).Varint(3, value).Varint(20, 2);

    public static ProtoWriter Attr(string name, float value) => new ProtoWriter().String(1, name).Float(2, value).Varint(20, 1);

    public static ProtoWriter Attr(string name, string value) => new ProtoWriter().String(1, name).String(4, value).Varint(20, 3);

    public static ProtoWriter Attr(string name, ProtoWriter tensor) => new ProtoWriter().String(1, name).Message(5, tensor).Varint(20, 4);

    public static ProtoWriter Ints(string name, params long[] values) => new ProtoWriter().String(1, name).PackedVarints(8, values).Varint(20, 7);

    public static ProtoWriter Floats(string name, params float[] values) => new ProtoWriter().String(1, name).PackedFloats(7, values).Varint(20, 6);

    public static ProtoWriter Strings(string name, params string[] values)
    {
        var a = new ProtoWriter().String(1, name);
        foreach (string v in values) a.String(9, v);
        return a.Varint(20, 8);
    }

    public static ProtoWriter Node(string op, string name, string[] inputs, string[] outputs, params ProtoWriter[] attributes)
    {
        var n = new ProtoWriter();
        foreach (string i in inputs) n.String(1, i);
        foreach (string o in outputs) n.String(2, o);
        n.String(3, name).String(4, op);
        foreach (ProtoWriter a in attributes) n.Message(5, a);
        return n;
    }

    /// <summary>A ValueInfoProto for a float tensor; null dims are symbolic ("seq").</summary>
    public static ProtoWriter ValueInfo(string name, params long?[] dims)
    {
        var shape = new ProtoWriter();
        foreach (long? d in dims)
        {
            shape.Message(1, d is long value ? new ProtoWriter().Varint(1, value) : new ProtoWriter().String(2, "seq"));
        }
        var tensorType = new ProtoWriter().Varint(1, Float).Message(2, shape);
        return new ProtoWriter().String(1, name).Message(2, new ProtoWriter().Message(1, tensorType));
    }

    public static ProtoWriter Graph(string name, IEnumerable<ProtoWriter> nodes, IEnumerable<ProtoWriter> initializers, IEnumerable<ProtoWriter> inputs, IEnumerable<ProtoWriter> outputs)
    {
        var g = new ProtoWriter();
        foreach (ProtoWriter n in nodes) g.Message(1, n);
        g.String(2, name);
        foreach (ProtoWriter t in initializers) g.Message(5, t);
        foreach (ProtoWriter i in inputs) g.Message(11, i);
        foreach (ProtoWriter o in outputs) g.Message(12, o);
        return g;
    }

    public static byte[] BuildModel(ProtoWriter graph, long opset = 14, string producer = "builder", string version = "1.0", params (string Key, string Value)[] metadata)
    {
        var m = new ProtoWriter().Varint(1, 8).String(2, producer).String(3, version).Message(7, graph)
            .Message(8, new ProtoWriter().String(1, "").Varint(2, opset));
        foreach ((string key, string value) in metadata) m.Message(14, new ProtoWriter().String(1, key).String(2, value));
        return m.ToArray();
    }

    public static float[] Range(int count, float start = 0.1f, float step = 0.01f)
        => Enumerable.Range(0, count).Select(i => start + step * i).ToArray();

    /// <summary>
    /// An RNN (input 1, hidden 2) whose Y is squeezed to [seq, 1, 2]: the smallest useful model. Callers replace the
    /// recurrent node, add nodes after it, or add initializers to build variants.
    /// </summary>
    public static byte[] SmallRnn(
        ProtoWriter? recurrent = null,
        IEnumerable<ProtoWriter>? extraNodes = null,
        IEnumerable<ProtoWriter>? extraInitializers = null,
        string output = "out",
        IEnumerable<ProtoWriter>? extraInputs = null,
        long opset = 14)
    {
        var nodes = new List<ProtoWriter>
        {
            recurrent ?? Node("RNN", "rnn", new[] { "X", "W", "R", "B" }, new[] { "Y" }, Attr("hidden_size", 2L)),
            Node("Squeeze", "squeeze", new[] { "Y", "axes1" }, new[] { "Ys" }),
        };
        nodes.AddRange(extraNodes ?? new[] { Node("Identity", "id", new[] { "Ys" }, new[] { "out" }) });
        var initializers = new List<ProtoWriter>
        {
            Tensor("W", new long[] { 1, 2, 1 }, new[] { 0.5f, -0.25f }),
            Tensor("R", new long[] { 1, 2, 2 }, new[] { 0.1f, 0.2f, 0.3f, 0.4f }),
            Tensor("B", new long[] { 1, 4 }, new[] { 0.01f, 0.02f, 0.03f, 0.04f }),
            Int64Tensor("axes1", new long[] { 1 }, new long[] { 1 }),
        };
        initializers.AddRange(extraInitializers ?? Array.Empty<ProtoWriter>());
        var inputs = new List<ProtoWriter> { ValueInfo("X", null, 1, 1) };
        inputs.AddRange(extraInputs ?? Array.Empty<ProtoWriter>());
        return BuildModel(Graph("small", nodes, initializers, inputs, new[] { ValueInfo(output) }), opset);
    }
}
