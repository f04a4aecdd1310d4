using System;
using System.Collections.Generic;
using System.Linq;
using EdgeLstm.Import.Onnx;
using Xunit;
using static EdgeLstm.Tests.Onnx.OnnxBuilder;

namespace EdgeLstm.Tests.Onnx;

/// <summary>Malformed and unrepresentable files end in a ModelFormatException naming the file and the place.</summary>
public sealed class OnnxHostileInputTests
{
    private const string FileName = "hostile.onnx";

    private static ModelFormatException Refused(byte[] content, params string[] expectedFragments)
    {
        var e = Assert.ThrowsAny<ModelFormatException>(() => OnnxImporter.Import(content, FileName));
        Assert.StartsWith(FileName + ": ", e.Message);
        foreach (string fragment in expectedFragments) Assert.Contains(fragment, e.Message);
        return e;
    }

    [Fact]
    public void TheBaseModelImports() => Assert.Equal(2, OnnxImporter.Import(SmallRnn(), FileName).OutputSize);

    [Fact]
    public void EveryTruncationIsRefused()
    {
        byte[] full = OnnxCases.Model("onnx_rnn_tanh_i2_h6_gemm_tanh");
        OnnxImporter.Import(full, FileName);
        for (int length = 1; length < full.Length; length++)
        {
            byte[] prefix = full.AsSpan(0, length).ToArray();
            var e = Assert.ThrowsAny<ModelFormatException>(() => OnnxImporter.Import(prefix, FileName));
            Assert.StartsWith(FileName + ": ", e.Message);
        }
    }

    [Fact]
    public void TruncationInsideTheGraphNamesTheOffset()
    {
        byte[] full = SmallRnn();
        Refused(full.AsSpan(0, full.Length / 2).ToArray(), "offset ", "remain");
    }

    [Fact]
    public void LengthPrefixPastTheEndIsRefused()
    {
        byte[] content = new ProtoWriter().Varint(1, 8).Tag(7, 2).RawVarint(1_000_000).RawBytes(1, 2, 3).ToArray();
        ModelFormatException e = Refused(content, "declares 1000000 bytes", "3 remain");
        Assert.Equal("offset 3", e.Location);
    }

    [Fact]
    public void VarintLongerThanTenBytesIsRefused()
        => Refused(new ProtoWriter().Tag(1, 0).RawBytes(Enumerable.Repeat((byte)0xFF, 11).ToArray()).ToArray(), "offset 1");

    [Fact]
    public void GroupWireTypeIsRefused() => Refused(new ProtoWriter().Varint(1, 8).Tag(9, 3).ToArray(), "group", "offset 2");

    [Fact]
    public void WrongWireTypeIsRefused() => Refused(new ProtoWriter().String(1, "eight").ToArray(), "ir_version", "wire type 2");

    [Fact]
    public void FieldNumberZeroIsRefused() => Refused(new ProtoWriter().RawBytes(0x00, 0x01).ToArray(), "field number 0");

    [Fact]
    public void UnknownFieldsOfEveryWireTypeAreSkipped()
    {
        byte[] model = SmallRnn();
        var padded = new ProtoWriter().RawBytes(model)
            .Varint(100, 12345).Tag(101, 1).RawBytes(new byte[8]).String(102, "unknown").Float(103, 1f);
        Assert.Equal(2, OnnxImporter.Import(padded.ToArray(), FileName).OutputSize);
    }

    [Fact]
    public void DeeplyNestedTypeIsRefusedWithoutRecursion()
    {
        // A graph input typed sequence<sequence<...>> 100000 levels deep: skipped whole, then refused as not a tensor.
        // Built outside-in from precomputed lengths: nesting by copying would take quadratic time.
        const int depth = 100_000;
        byte[] innermost = new ProtoWriter().Message(1, new ProtoWriter().Varint(1, Float)).ToArray();
        var headers = new List<byte[]>();
        long length = innermost.Length;
        for (int i = 0; i < depth; i++)
        {
            // TypeProto { sequence_type (4) = Sequence { elem_type (1) = <inner TypeProto> } }
            byte[] elem = new ProtoWriter().Tag(1, 2).RawVarint((ulong)length).ToArray();
            length += elem.Length;
            byte[] sequence = new ProtoWriter().Tag(4, 2).RawVarint((ulong)length).ToArray();
            length += sequence.Length;
            headers.Add(elem);
            headers.Add(sequence);
        }
        headers.Reverse();
        byte[] type = headers.SelectMany(h => h).Concat(innermost).ToArray();
        var input = new ProtoWriter().String(1, "X").Bytes(2, type);
        var graph = Graph("deep", new[] { Node("Identity", "id", new[] { "X" }, new[] { "out" }) }, Array.Empty<ProtoWriter>(), new[] { input }, new[] { ValueInfo("out") });
        Refused(BuildModel(graph), "graph input 'X'", "not a tensor");
    }

    [Fact]
    public void HugeDimsOverFewBytesAreRefusedBeforeAllocation()
    {
        var huge = new ProtoWriter().Varint(1, 1L << 40).Varint(1, 1L << 40).Varint(2, Float).String(8, "Wh").Bytes(9, new byte[8]);
        var graph = Graph("huge",
            new[] { Node("RNN", "rnn", new[] { "X", "Wh", "R" }, new[] { "Y" }, Attr("hidden_size", 2L)), Node("Squeeze", "sq", new[] { "Y", "axes1" }, new[] { "out" }) },
            new[] { huge, Tensor("R", new long[] { 1, 2, 2 }, new float[4]), Int64Tensor("axes1", new long[] { 1 }, new long[] { 1 }) },
            new[] { ValueInfo("X", null, 1, 1) },
            new[] { ValueInfo("out") });
        Refused(BuildModel(graph), "node 'rnn' (RNN)", "dims");
    }

    [Fact]
    public void RawDataShorterThanDimsIsRefused()
    {
        var shortW = new ProtoWriter().Varint(1, 1).Varint(1, 2).Varint(1, 1).Varint(2, Float).String(8, "W2").Bytes(9, new byte[7]);
        var rnn = Node("RNN", "rnn", new[] { "X", "W2", "R", "B" }, new[] { "Y" }, Attr("hidden_size", 2L));
        Refused(SmallRnn(rnn, extraInitializers: new[] { shortW }), "tensor 'W2'", "raw_data holds 7 bytes", "need 8");
    }

    [Fact]
    public void UnsupportedOperatorOnTheDataPathIsRefused()
        => Refused(SmallRnn(extraNodes: new[] { Node("Abs", "abs", new[] { "Ys" }, new[] { "out" }) }), "node 'abs' (Abs)", "not supported");

    [Fact]
    public void UnsupportedOperatorOffTheDataPathIsIgnored()
    {
        var nodes = new[] { Node("Identity", "id", new[] { "Ys" }, new[] { "out" }), Node("Abs", "unused", new[] { "Ys" }, new[] { "dead" }) };
        Assert.Equal(2, OnnxImporter.Import(SmallRnn(extraNodes: nodes), FileName).OutputSize);
    }

    [Fact]
    public void NonZeroInitialStateIsRefused()
    {
        var rnn = Node("RNN", "rnn", new[] { "X", "W", "R", "B", "", "h0" }, new[] { "Y" }, Attr("hidden_size", 2L));
        Refused(SmallRnn(rnn, extraInitializers: new[] { Tensor("h0", new long[] { 1, 1, 2 }, new[] { 0f, 0.5f }) }), "node 'rnn' (RNN)", "initial_h", "non-zero");
    }

    [Fact]
    public void AllZeroInitialStateIsAccepted()
    {
        var rnn = Node("RNN", "rnn", new[] { "X", "W", "R", "B", "", "h0" }, new[] { "Y" }, Attr("hidden_size", 2L));
        Assert.Equal(2, OnnxImporter.Import(SmallRnn(rnn, extraInitializers: new[] { Tensor("h0", new long[] { 1, 1, 2 }, new[] { 0f, -0f }) }), FileName).OutputSize);
    }

    [Fact]
    public void SequenceLensIsRefused()
    {
        var rnn = Node("RNN", "rnn", new[] { "X", "W", "R", "B", "lens" }, new[] { "Y" }, Attr("hidden_size", 2L));
        Refused(SmallRnn(rnn, extraInitializers: new[] { Int64Tensor("lens", new long[] { 1 }, new long[] { 5 }) }), "node 'rnn' (RNN)", "sequence_lens");
    }

    [Fact]
    public void ActivationDirectlyAfterARecurrentLayerIsRefused()
        => Refused(SmallRnn(extraNodes: new[] { Node("Sigmoid", "sig", new[] { "Ys" }, new[] { "out" }) }), "node 'sig' (Sigmoid)", "not representable");

    [Fact]
    public void UnknownRecurrentActivationIsRefused()
    {
        var rnn = Node("RNN", "rnn", new[] { "X", "W", "R", "B" }, new[] { "Y" }, Attr("hidden_size", 2L), Strings("activations", "Elu"));
        Refused(SmallRnn(rnn), "node 'rnn' (RNN)", "activations", "'Elu'");
    }

    [Fact]
    public void UnknownRecurrentAttributeIsRefused()
    {
        var rnn = Node("RNN", "rnn", new[] { "X", "W", "R", "B" }, new[] { "Y" }, Attr("hidden_size", 2L), Attr("linear_before_reset", 1L));
        Refused(SmallRnn(rnn), "node 'rnn' (RNN)", "'linear_before_reset'");
    }

    [Fact]
    public void HiddenSizeThatDisagreesWithTheWeightsIsRefused()
    {
        var rnn = Node("RNN", "rnn", new[] { "X", "W", "R", "B" }, new[] { "Y" }, Attr("hidden_size", 3L));
        Refused(SmallRnn(rnn), "node 'rnn' (RNN)", "input W");
    }

    [Fact]
    public void TransposeThatInterleavesDirectionsIsRefused()
    {
        // Y [seq, 2, 1, H] of a bidirectional layer transposed to [seq, 1, H, 2] then flattened interleaves fwd/rev.
        var w = Tensor("Wb", new long[] { 2, 2, 1 }, Range(4));
        var r = Tensor("Rb", new long[] { 2, 2, 2 }, Range(8));
        var shape = Int64Tensor("shape", new long[] { 3 }, new long[] { 0, 0, -1 });
        var graph = Graph("interleave",
            new[]
            {
                Node("RNN", "rnn", new[] { "X", "Wb", "Rb" }, new[] { "Y" }, Attr("hidden_size", 2L), Attr("direction", "bidirectional")),
                Node("Transpose", "tr", new[] { "Y" }, new[] { "Yt" }, Ints("perm", 0, 2, 3, 1)),
                Node("Reshape", "rs", new[] { "Yt", "shape" }, new[] { "out" }),
            },
            new[] { w, r, shape }, new[] { ValueInfo("X", null, 1, 1) }, new[] { ValueInfo("out") });
        Refused(BuildModel(graph), "node 'rs' (Reshape)", "reorder");
    }

    [Fact]
    public void ReshapeThatMixesTimeStepsIsRefused()
    {
        var shape = Int64Tensor("flat", new long[] { 2 }, new long[] { 1, -1 });
        Refused(SmallRnn(extraNodes: new[] { Node("Reshape", "rs", new[] { "Ys", "flat" }, new[] { "out" }) }, extraInitializers: new[] { shape }), "node 'rs' (Reshape)", "sequence axis");
    }

    [Fact]
    public void TwoDataInputsAreRefused()
        => Refused(SmallRnn(extraInputs: new[] { ValueInfo("X2", null, 1, 1) }), "2 inputs", "'X2'");

    [Fact]
    public void FinalStateOfAReverseLayerAsTheOutputIsRefused()
    {
        // A forward layer's Y_h is its last output step (OnnxPlumbingTests); a reverse layer's is its state after the first step.
        var rnn = Node("RNN", "rnn", new[] { "X", "W", "R" }, new[] { "Y", "Yh" }, Attr("hidden_size", 2L), Attr("direction", "reverse"));
        var graph = Graph("final", new[] { rnn }, new[] { Tensor("W", new long[] { 1, 2, 1 }, Range(2)), Tensor("R", new long[] { 1, 2, 2 }, Range(4)) },
            new[] { ValueInfo("X", null, 1, 1) }, new[] { ValueInfo("Yh") });
        Refused(BuildModel(graph), "final hidden state", "node 'rnn' (RNN)");
    }

    [Fact]
    public void ExternalDataIsRefused()
    {
        var external = new ProtoWriter().Varint(1, 1).Varint(1, 2).Varint(1, 1).Varint(2, Float).String(8, "Wx").Varint(14, 1);
        var rnn = Node("RNN", "rnn", new[] { "X", "Wx", "R", "B" }, new[] { "Y" }, Attr("hidden_size", 2L));
        Refused(SmallRnn(rnn, extraInitializers: new[] { external }), "tensor 'Wx'", "external");
    }

    [Fact]
    public void CustomDomainIsRefused()
    {
        var custom = new ProtoWriter().RawBytes(Node("Relu", "custom", new[] { "Ys" }, new[] { "out" }).ToArray()).String(7, "com.example");
        Refused(SmallRnn(extraNodes: new[] { custom }), "node 'custom' (Relu)", "com.example");
    }

    [Fact]
    public void MissingOpsetIsRefused()
    {
        byte[] content = new ProtoWriter().Varint(1, 8).Message(7, Graph("g", Array.Empty<ProtoWriter>(), Array.Empty<ProtoWriter>(), new[] { ValueInfo("X", null, 1, 1) }, new[] { ValueInfo("X") })).ToArray();
        Refused(content, "opset");
    }

    [Fact]
    public void NodesOutOfTopologicalOrderAreRefused()
    {
        var graph = Graph("cycle",
            new[] { Node("Identity", "a", new[] { "b_out" }, new[] { "out" }), Node("Identity", "b", new[] { "out" }, new[] { "b_out" }) },
            Array.Empty<ProtoWriter>(), new[] { ValueInfo("X", null, 1, 1) }, new[] { ValueInfo("out") });
        Refused(BuildModel(graph), "node 'a' (Identity)", "before");
    }

    [Fact]
    public void RandomCorruptionNeverEscapesAsAnotherException()
    {
        byte[] original = OnnxCases.Model("onnx_lstm_peephole_i3_h10");
        var random = new Random(20240601);
        var failures = new List<string>();
        for (int trial = 0; trial < 5000; trial++)
        {
            byte[] corrupt = (byte[])original.Clone();
            int flips = 1 + random.Next(4);
            for (int f = 0; f < flips; f++) corrupt[random.Next(corrupt.Length)] = (byte)random.Next(256);
            try
            {
                OnnxImporter.Import(corrupt, FileName);
            }
            catch (ModelFormatException e) when (e.Message.StartsWith(FileName, StringComparison.Ordinal))
            {
            }
            catch (Exception e)
            {
                failures.Add($"trial {trial}: {e.GetType().Name}: {e.Message}");
            }
        }
        Assert.Empty(failures);
    }
}
