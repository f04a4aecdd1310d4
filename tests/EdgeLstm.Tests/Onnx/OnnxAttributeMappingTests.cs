using System;
using System.Linq;
using EdgeLstm.Import.Onnx;
using EdgeLstm.Model;
using Xunit;
using static EdgeLstm.Tests.Onnx.OnnxBuilder;

namespace EdgeLstm.Tests.Onnx;

/// <summary>Attributes and encodings the golden cases do not exercise, on hand-built models.</summary>
public sealed class OnnxAttributeMappingTests
{
    private const string FileName = "built.onnx";

    private static byte[] BidirectionalLstm(params ProtoWriter[] attributes)
    {
        var graph = Graph("bilstm",
            new[]
            {
                Node("LSTM", "lstm", new[] { "X", "W", "R" }, new[] { "Y" }, new[] { Attr("hidden_size", 1L), Attr("direction", "bidirectional") }.Concat(attributes).ToArray()),
                Node("Transpose", "tr", new[] { "Y" }, new[] { "Yt" }, Ints("perm", 0, 2, 1, 3)),
                Node("Reshape", "rs", new[] { "Yt", "shape" }, new[] { "out" }),
            },
            new[] { Tensor("W", new long[] { 2, 4, 1 }, Range(8)), Tensor("R", new long[] { 2, 4, 1 }, Range(8, 1f)), Int64Tensor("shape", new long[] { 3 }, new long[] { 0, 0, -1 }) },
            new[] { ValueInfo("X", null, 1, 1) }, new[] { ValueInfo("out") });
        return BuildModel(graph);
    }

    [Fact]
    public void PerDirectionActivationsConsumeAlphaAndBetaInOrder()
    {
        byte[] content = BidirectionalLstm(
            Strings("activations", "HardSigmoid", "Tanh", "Softsign", "sigmoid", "ScaledTanh", "Affine"),
            Floats("activation_alpha", 0.3f, 2f, 0.7f),
            Floats("activation_beta", 0.6f, 0.5f, 0.1f));
        var layer = (RecurrentLayer)OnnxImporter.Import(content, FileName).Layers[0];
        Assert.Equal(Direction.Bidirectional, layer.Direction);
        Assert.Equal(2, layer.OutputSize);
        Assert.Equal(new[] { ActivationFunction.HardSigmoid(0.3f, 0.6f), ActivationFunction.Tanh, new ActivationFunction(ActivationKind.Softsign) }, layer.Directions[0].Activations.ToArray());
        Assert.Equal(new[] { ActivationFunction.Sigmoid, new ActivationFunction(ActivationKind.ScaledTanh, 2f, 0.5f), new ActivationFunction(ActivationKind.Affine, 0.7f, 0.1f) }, layer.Directions[1].Activations.ToArray());
    }

    [Fact]
    public void ParameterisedActivationsWithoutValuesTakeTheOperatorDefaults()
    {
        var layer = (RecurrentLayer)OnnxImporter.Import(BidirectionalLstm(Strings("activations", "LeakyRelu", "Tanh", "Tanh", "HardSigmoid", "Relu", "Tanh")), FileName).Layers[0];
        Assert.Equal(ActivationFunction.LeakyRelu(0.01f), layer.Directions[0].Activations[0]);
        Assert.Equal(ActivationFunction.HardSigmoid(0.2f, 0.5f), layer.Directions[1].Activations[0]);
        Assert.Equal(ActivationFunction.Relu, layer.Directions[1].Activations[1]);
    }

    [Fact]
    public void ActivationCountMustMatchTheDirections()
    {
        var e = Assert.ThrowsAny<ModelFormatException>(() => OnnxImporter.Import(BidirectionalLstm(Strings("activations", "Sigmoid", "Tanh", "Tanh")), FileName));
        Assert.Contains("node 'lstm' (LSTM)", e.Message);
        Assert.Contains("needs 6", e.Message);
    }

    [Fact]
    public void BidirectionalWeightsAreSplitPerDirection()
    {
        var layer = (RecurrentLayer)OnnxImporter.Import(BidirectionalLstm(), FileName).Layers[0];
        // W holds Range(8): forward rows 0..3, reverse rows 4..7, each in ONNX order i,o,f,c; canonical is i,f,g,o.
        float[] w = Range(8);
        Assert.Equal(new[] { w[0], w[2], w[3], w[1] }, layer.Directions[0].InputWeights.ToArray());
        Assert.Equal(new[] { w[4], w[6], w[7], w[5] }, layer.Directions[1].InputWeights.ToArray());
        Assert.All(layer.Directions, d => Assert.All(d.InputBias, b => Assert.Equal(0f, b)));
    }

    [Fact]
    public void LayoutOneIsAccepted()
    {
        var graph = Graph("layout1",
            new[]
            {
                Node("GRU", "gru", new[] { "X", "W", "R", "B" }, new[] { "Y" }, Attr("hidden_size", 2L), Attr("layout", 1L), Attr("linear_before_reset", 0L)),
                Node("Reshape", "rs", new[] { "Y", "shape" }, new[] { "out" }),
            },
            new[]
            {
                Tensor("W", new long[] { 1, 6, 1 }, Range(6)), Tensor("R", new long[] { 1, 6, 2 }, Range(12)), Tensor("B", new long[] { 1, 12 }, Range(12, -0.5f, 0.1f)),
                Int64Tensor("shape", new long[] { 3 }, new long[] { 0, 0, -1 }),
            },
            new[] { ValueInfo("X", 1, null, 1) }, new[] { ValueInfo("out") });
        NetworkModel model = OnnxImporter.Import(BuildModel(graph), FileName);
        var layer = (RecurrentLayer)model.Layers[0];
        Assert.Equal(CellKind.Gru, layer.Cell);
        Assert.False(layer.LinearBeforeReset);
        // B = [Wb (6), Rb (6)], gates z,r,h already canonical.
        Assert.Equal(Range(12, -0.5f, 0.1f).Take(6), layer.Directions[0].InputBias.ToArray());
        Assert.Equal(Range(12, -0.5f, 0.1f).Skip(6), layer.Directions[0].RecurrentBias.ToArray());
    }

    [Fact]
    public void LayoutZeroInputAtBatchFirstPositionIsRefused()
    {
        var graph = Graph("mismatch",
            new[] { Node("RNN", "rnn", new[] { "X", "W", "R" }, new[] { "Y" }, Attr("hidden_size", 2L)) },
            new[] { Tensor("W", new long[] { 1, 2, 1 }, Range(2)), Tensor("R", new long[] { 1, 2, 2 }, Range(4)) },
            new[] { ValueInfo("X", 1, null, 1) }, new[] { ValueInfo("Y") });
        var e = Assert.ThrowsAny<ModelFormatException>(() => OnnxImporter.Import(BuildModel(graph), FileName));
        Assert.Contains("node 'rnn' (RNN)", e.Message);
        Assert.Contains("layout=0", e.Message);
    }

    [Fact]
    public void UnpackedFloatDataEqualsRawData()
    {
        var rnnUnpacked = Node("RNN", "rnn", new[] { "X", "Wu", "R", "B" }, new[] { "Y" }, Attr("hidden_size", 2L));
        NetworkModel raw = OnnxImporter.Import(SmallRnn(), FileName);
        NetworkModel unpacked = OnnxImporter.Import(SmallRnn(rnnUnpacked, extraInitializers: new[] { Tensor("Wu", new long[] { 1, 2, 1 }, new[] { 0.5f, -0.25f }, raw: false) }), FileName);
        Assert.Equal(raw.Layers[0], unpacked.Layers[0]);
    }

    [Fact]
    public void Float16AndDoubleInitializersAreDecoded()
    {
        // 0.5 and -0.25 in binary16 (0x3800, 0xB400) and binary64.
        var half = new ProtoWriter().Varint(1, 1).Varint(1, 2).Varint(1, 1).Varint(2, Float16).String(8, "Wh").Bytes(9, new byte[] { 0x00, 0x38, 0x00, 0xB4 });
        var dbl = new ProtoWriter().Varint(1, 1).Varint(1, 2).Varint(1, 1).Varint(2, Float64).String(8, "Wd")
            .Bytes(9, BitConverter.GetBytes(0.5).Concat(BitConverter.GetBytes(-0.25)).ToArray());
        foreach ((string name, ProtoWriter tensor) in new[] { ("Wh", half), ("Wd", dbl) })
        {
            var rnn = Node("RNN", "rnn", new[] { "X", name, "R", "B" }, new[] { "Y" }, Attr("hidden_size", 2L));
            var layer = (RecurrentLayer)OnnxImporter.Import(SmallRnn(rnn, extraInitializers: new[] { tensor }), FileName).Layers[0];
            Assert.Equal(new[] { 0.5f, -0.25f }, layer.Directions[0].InputWeights.ToArray());
        }
    }

    [Fact]
    public void GemmScalesWeightsByAlphaAndBiasByBeta()
    {
        var nodes = new[]
        {
            Node("Reshape", "flat", new[] { "Ys", "flat2" }, new[] { "F" }),
            Node("Gemm", "gemm", new[] { "F", "Wg", "bg" }, new[] { "G" }, Attr("alpha", 2f), Attr("beta", 0.5f)),
            Node("Softmax", "sm", new[] { "G" }, new[] { "out" }, Attr("axis", -1L)),
        };
        var initializers = new[]
        {
            Int64Tensor("flat2", new long[] { 2 }, new long[] { -1, 2 }),
            Tensor("Wg", new long[] { 2, 3 }, new[] { 1f, 2f, 3f, 4f, 5f, 6f }), // [in, out] because transB = 0
            Tensor("bg", new long[] { 3 }, new[] { 2f, 4f, 6f }),
        };
        NetworkModel model = OnnxImporter.Import(SmallRnn(extraNodes: nodes, extraInitializers: initializers), FileName);
        var head = (DenseLayer)model.Layers[1];
        Assert.Equal(new[] { 2f, 8f, 4f, 10f, 6f, 12f }, head.Weights.ToArray()); // [out, in] = 2 * B^T
        Assert.Equal(new[] { 1f, 2f, 3f }, head.Bias.ToArray());
        Assert.Equal(ActivationKind.Softmax, head.Activation.Kind);
    }

    [Fact]
    public void SoftmaxOverTheSequenceAxisIsRefused()
    {
        var nodes = new[]
        {
            Node("MatMul", "mm", new[] { "Ys", "Wm" }, new[] { "M" }),
            Node("Softmax", "sm", new[] { "M" }, new[] { "out" }, Attr("axis", 0L)),
        };
        var e = Assert.ThrowsAny<ModelFormatException>(() => OnnxImporter.Import(SmallRnn(extraNodes: nodes, extraInitializers: new[] { Tensor("Wm", new long[] { 2, 2 }, Range(4)) }), FileName));
        Assert.Contains("node 'sm' (Softmax)", e.Message);
    }

    [Fact]
    public void OpsetElevenSqueezeTakesAxesFromTheAttribute()
    {
        var graph = Graph("opset11",
            new[]
            {
                Node("RNN", "rnn", new[] { "X", "W", "R" }, new[] { "Y" }, Attr("hidden_size", 2L)),
                Node("Squeeze", "sq", new[] { "Y" }, new[] { "out" }, Ints("axes", 1)),
            },
            new[] { Tensor("W", new long[] { 1, 2, 1 }, Range(2)), Tensor("R", new long[] { 1, 2, 2 }, Range(4)) },
            new[] { ValueInfo("X", null, 1, 1) }, new[] { ValueInfo("out") });
        Assert.Equal(2, OnnxImporter.Import(BuildModel(graph, opset: 11), FileName).OutputSize);
    }

    [Fact]
    public void MetadataComesFromTheModelProto()
    {
        byte[] content = BuildModel(
            Graph("my_graph", new[] { Node("RNN", "rnn", new[] { "X", "W", "R" }, new[] { "out" }, Attr("hidden_size", 2L)) },
                new[] { Tensor("W", new long[] { 1, 2, 1 }, Range(2)), Tensor("R", new long[] { 1, 2, 2 }, Range(4)) },
                new[] { ValueInfo("X", null, 1, 1) }, new[] { ValueInfo("out") }),
            producer: "tool", version: "2.1", metadata: new[] { ("author", "me"), ("task", "forecast") });
        ModelMetadata metadata = OnnxImporter.Import(content, "dir/m.onnx").Metadata;
        Assert.Equal("my_graph", metadata.Name);
        Assert.Equal("onnx", metadata.Format);
        Assert.Equal("tool 2.1", metadata.Producer);
        Assert.Equal("dir/m.onnx", metadata.SourceFile);
        Assert.Equal(new[] { new MetadataEntry("author", "me"), new MetadataEntry("task", "forecast") }, metadata.Properties.ToArray());
    }

    [Fact]
    public void ZeroInitialStateFromConstantOfShapePlumbingIsAccepted()
    {
        var nodes = new[]
        {
            Node("Shape", "shape", new[] { "X" }, new[] { "s" }),
            Node("Gather", "gather", new[] { "s", "one" }, new[] { "batch" }, Attr("axis", 0L)),
            Node("Unsqueeze", "unsq", new[] { "batch", "zero" }, new[] { "b1" }),
            Node("Concat", "concat", new[] { "one1", "b1", "two1" }, new[] { "dims" }, Attr("axis", 0L)),
            Node("ConstantOfShape", "cos", new[] { "dims" }, new[] { "h0" }, Attr("value", Tensor("v", new long[] { 1 }, new[] { 0f }))),
            Node("RNN", "rnn", new[] { "X", "W", "R", "", "", "h0" }, new[] { "out" }, Attr("hidden_size", 2L)),
        };
        var graph = Graph("plumbing", nodes,
            new[]
            {
                Tensor("W", new long[] { 1, 2, 1 }, Range(2)), Tensor("R", new long[] { 1, 2, 2 }, Range(4)),
                Int64Tensor("one", Array.Empty<long>(), new long[] { 1 }), Int64Tensor("zero", new long[] { 1 }, new long[] { 0 }),
                Int64Tensor("one1", new long[] { 1 }, new long[] { 1 }), Int64Tensor("two1", new long[] { 1 }, new long[] { 2 }),
            },
            new[] { ValueInfo("X", null, 1, 1) }, new[] { ValueInfo("out") });
        Assert.Equal(2, OnnxImporter.Import(BuildModel(graph), FileName).OutputSize);
    }
}
