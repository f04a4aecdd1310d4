using System;
using System.Linq;
using EdgeLstm.Import.Onnx;
using EdgeLstm.Model;
using Xunit;
using static EdgeLstm.Tests.Onnx.OnnxBuilder;

namespace EdgeLstm.Tests.Onnx;

/// <summary>
/// The plumbing rules on hand-built graphs, one rule per test, each accepted where the result is provably what the
/// generated code computes and refused (node, op and what to change) where it is not. The torch exports that need
/// these rules are in tests/exports (ExportCorpus/).
/// </summary>
public sealed class OnnxPlumbingTests
{
    private const string FileName = "plumbing.onnx";

    private const long Int64Max = long.MaxValue;

    // The layers of SmallRnn() without any plumbing: what every accepted variant below must equal.
    private static readonly Layer[] BaseLayers = OnnxImporter.Import(SmallRnn(), FileName).Layers.ToArray();

    private static ModelFormatException Refused(byte[] content, params string[] fragments)
    {
        var e = Assert.ThrowsAny<ModelFormatException>(() => OnnxImporter.Import(content, FileName));
        Assert.StartsWith(FileName + ": ", e.Message);
        foreach (string fragment in fragments) Assert.Contains(fragment, e.Message);
        return e;
    }

    // SmallRnn's RNN with its initial_h computed by `state` nodes placed before it.
    private static byte[] RnnWithState(ProtoWriter[] state, ProtoWriter[] constants)
    {
        var nodes = state.Concat(new[]
        {
            Node("RNN", "rnn", new[] { "X", "W", "R", "B", "", "h0" }, new[] { "Y" }, Attr("hidden_size", 2L)),
            Node("Squeeze", "squeeze", new[] { "Y", "axes1" }, new[] { "out" }),
        });
        var weights = new[]
        {
            Tensor("W", new long[] { 1, 2, 1 }, new[] { 0.5f, -0.25f }), Tensor("R", new long[] { 1, 2, 2 }, new[] { 0.1f, 0.2f, 0.3f, 0.4f }),
            Tensor("B", new long[] { 1, 4 }, new[] { 0.01f, 0.02f, 0.03f, 0.04f }), Ints64("axes1", 1),
        };
        return BuildModel(Graph("state", nodes, weights.Concat(constants), new[] { ValueInfo("X", null, 1, 1) }, new[] { ValueInfo("out") }));
    }

    private static ProtoWriter Ints64(string name, params long[] values) => Int64Tensor(name, new long[] { values.Length }, values);

    [Fact]
    public void ZerosTiledOrMultipliedByAFiniteConstantAreAZeroState()
    {
        var tiled = new[] { Node("Tile", "tile", new[] { "z", "reps" }, new[] { "h0" }) };
        var multiplied = new[] { Node("Mul", "mul", new[] { "two", "z" }, new[] { "h0" }) };
        var constants = new[] { Tensor("z", new long[] { 1, 1, 1 }, new[] { 0f }), Ints64("reps", 1, 1, 2), Tensor("two", Array.Empty<long>(), new[] { 2f }) };

        foreach (ProtoWriter[] plumbing in new[] { tiled, multiplied })
        {
            NetworkModel model = OnnxImporter.Import(RnnWithState(plumbing, constants), FileName);
            Assert.Equal(BaseLayers, model.Layers.ToArray());
        }
    }

    [Fact]
    public void ZerosTimesInfinityAreNotAZeroState()
    {
        // inf * 0 is NaN: a zero factor alone does not make a product zero.
        var nodes = new[] { Node("Mul", "mul", new[] { "inf", "z" }, new[] { "h0" }) };
        var constants = new[] { Tensor("z", new long[] { 1, 1, 2 }, new[] { 0f, 0f }), Tensor("inf", Array.Empty<long>(), new[] { float.PositiveInfinity }) };

        Refused(RnnWithState(nodes, constants), "node 'rnn' (RNN)", "input initial_h ('h0')", "node 'mul' (Mul)", "not provably zero", "self.rnn(x)");
    }

    [Fact]
    public void AReshapeSizedFromTheInputsShapeKeepsTheSequenceAxis()
    {
        // y.reshape(y.size(0), -1): the target is computed at run time from Shape.
        var nodes = new[]
        {
            Node("Shape", "shape", new[] { "Ys" }, new[] { "s" }),
            Node("Gather", "seq", new[] { "s", "zero" }, new[] { "steps" }, Attr("axis", 0L)),
            Node("Unsqueeze", "unsq", new[] { "steps", "axes0" }, new[] { "steps1" }),
            Node("Concat", "cat", new[] { "steps1", "minus1" }, new[] { "target" }, Attr("axis", 0L)),
            Node("Reshape", "rs", new[] { "Ys", "target" }, new[] { "out" }),
        };
        var constants = new[] { Int64Tensor("zero", Array.Empty<long>(), new long[] { 0 }), Ints64("axes0", 0), Ints64("minus1", -1) };

        NetworkModel model = OnnxImporter.Import(SmallRnn(extraNodes: nodes, extraInitializers: constants), FileName);

        Assert.Equal(BaseLayers, model.Layers.ToArray());
    }

    [Fact]
    public void AShapeCutByStartAndEndSizesAReshapeFromOpset15()
    {
        // Opset 15's Shape(start=0, end=1) reads the sequence length alone.
        var nodes = new[]
        {
            Node("Shape", "shape", new[] { "Ys" }, new[] { "steps1" }, Attr("start", 0L), Attr("end", 1L)),
            Node("Concat", "cat", new[] { "steps1", "minus1" }, new[] { "target" }, Attr("axis", 0L)),
            Node("Reshape", "rs", new[] { "Ys", "target" }, new[] { "out" }),
        };

        NetworkModel model = OnnxImporter.Import(SmallRnn(extraNodes: nodes, extraInitializers: new[] { Ints64("minus1", -1) }, opset: 17), FileName);

        Assert.Equal(BaseLayers, model.Layers.ToArray());
    }

    [Fact]
    public void AReshapeSizedByArithmeticEdgeLstmDoesNotFollowNamesTheNodeThatComputesIt()
    {
        var nodes = new[]
        {
            Node("Shape", "shape", new[] { "Ys" }, new[] { "s" }),
            Node("Abs", "abs", new[] { "s" }, new[] { "target" }),
            Node("Reshape", "rs", new[] { "Ys", "target" }, new[] { "out" }),
        };

        Refused(SmallRnn(extraNodes: nodes), "node 'rs' (Reshape)", "computed at run time by node 'abs' (Abs)");
    }

    [Fact]
    public void TheTracedLengthOfAFixedShapeExportInAReshapeIsTheSequenceAxisNotALimit()
    {
        // A fixed-shape export traced with 5 steps writes y.reshape(x.size(0), -1) as Reshape [5, -1].
        var graph = Graph("fixed",
            new[]
            {
                Node("RNN", "rnn", new[] { "X", "W", "R", "B" }, new[] { "Y" }, Attr("hidden_size", 2L)),
                Node("Squeeze", "squeeze", new[] { "Y", "axes1" }, new[] { "Ys" }),
                Node("Reshape", "rs", new[] { "Ys", "traced" }, new[] { "out" }),
            },
            new[]
            {
                Tensor("W", new long[] { 1, 2, 1 }, new[] { 0.5f, -0.25f }), Tensor("R", new long[] { 1, 2, 2 }, new[] { 0.1f, 0.2f, 0.3f, 0.4f }),
                Tensor("B", new long[] { 1, 4 }, new[] { 0.01f, 0.02f, 0.03f, 0.04f }), Ints64("axes1", 1), Ints64("traced", 5, -1),
            },
            new[] { ValueInfo("X", 5, 1, 1) }, new[] { ValueInfo("out") });

        var model = ReferenceModel.FromModel(OnnxImporter.Import(BuildModel(graph), FileName));
        var reference = ReferenceModel.FromModel(OnnxImporter.Import(SmallRnn(), FileName));

        Assert.Equal(BaseLayers, model.Model.Layers.ToArray());
        // Seven steps, not five: the streaming model has no window.
        float[] input = Range(7, -0.3f, 0.1f), actual = new float[14], expected = new float[14];
        model.Run(input, actual);
        reference.Run(input, expected);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void ASliceOfTheLastStepIsAManyToOneModelAtEveryOpset()
    {
        foreach (long opset in new long[] { 9, 14, 20 })
        {
            ProtoWriter slice = opset < 10
                ? Node("Slice", "last", new[] { "Ys" }, new[] { "L" }, Ints("starts", -1), Ints("ends", Int64Max), Ints("axes", 0))
                : Node("Slice", "last", new[] { "Ys", "start", "end", "axis0" }, new[] { "L" });
            ProtoWriter squeeze = opset < 13
                ? Node("Squeeze", "sq", new[] { "L" }, new[] { "out" }, Ints("axes", 0, 1))
                : Node("Squeeze", "sq", new[] { "L", "axes01" }, new[] { "out" });
            ProtoWriter squeezeY = opset < 13
                ? Node("Squeeze", "squeeze", new[] { "Y" }, new[] { "Ys" }, Ints("axes", 1))
                : Node("Squeeze", "squeeze", new[] { "Y", "axes1" }, new[] { "Ys" });
            var graph = Graph("last",
                new[] { Node("RNN", "rnn", new[] { "X", "W", "R" }, new[] { "Y" }, Attr("hidden_size", 2L)), squeezeY, slice, squeeze },
                new[] { Tensor("W", new long[] { 1, 2, 1 }, Range(2)), Tensor("R", new long[] { 1, 2, 2 }, Range(4)), Ints64("start", -1), Ints64("end", Int64Max), Ints64("axis0", 0), Ints64("axes01", 0, 1), Ints64("axes1", 1) },
                new[] { ValueInfo("X", null, 1, 1) }, new[] { ValueInfo("out") });

            NetworkModel model = OnnxImporter.Import(BuildModel(graph, opset), FileName);

            Assert.Equal(2, model.OutputSize);
            MetadataEntry lastStep = Assert.Single(model.Metadata.Properties.ToArray(), p => p.Key == "edgelstm.onnx.last_step_only");
            Assert.Contains("node 'last' (Slice)", lastStep.Value);
        }
    }

    [Fact]
    public void ASliceOfAWindowRangeIsRefused()
    {
        var nodes = new[] { Node("Slice", "first5", new[] { "Ys", "start", "end", "axis0" }, new[] { "out" }) };
        var constants = new[] { Ints64("start", 0), Ints64("end", 5), Ints64("axis0", 0) };

        Refused(SmallRnn(extraNodes: nodes, extraInitializers: constants), "node 'first5' (Slice)", "slices the sequence axis 0", "[0:5:1]", "out[:, -1:, :]");
    }

    [Fact]
    public void ARecurrentLayerAfterTheLastStepIsRefused()
    {
        var nodes = new[]
        {
            Node("Slice", "last", new[] { "Ys", "start", "end", "axis0" }, new[] { "L" }),
            Node("RNN", "rnn2", new[] { "L", "W2", "R" }, new[] { "out" }, Attr("hidden_size", 2L)),
        };
        var constants = new[] { Ints64("start", -1), Ints64("end", Int64Max), Ints64("axis0", 0), Tensor("W2", new long[] { 1, 2, 2 }, Range(4)) };

        Refused(SmallRnn(extraNodes: nodes, extraInitializers: constants), "node 'rnn2' (RNN)", "only the last time step, kept by node 'last' (Slice)");
    }

    [Fact]
    public void SelectingAFeatureIsRefused()
    {
        var nodes = new[] { Node("Gather", "pick", new[] { "Ys", "one" }, new[] { "out" }, Attr("axis", 2L)) };

        Refused(SmallRnn(extraNodes: nodes, extraInitializers: new[] { Int64Tensor("one", Array.Empty<long>(), new long[] { 1 }) }),
            "node 'pick' (Gather)", "holds features", "nn.Linear");
    }

    [Fact]
    public void FlattenKeepsTheSequenceAxisOrRefusesToMergeIt()
    {
        NetworkModel flat = OnnxImporter.Import(SmallRnn(extraNodes: new[] { Node("Flatten", "flat", new[] { "Ys" }, new[] { "out" }, Attr("axis", 1L)) }), FileName);
        Assert.Equal(BaseLayers, flat.Layers.ToArray());

        Refused(SmallRnn(extraNodes: new[] { Node("Flatten", "flat", new[] { "Ys" }, new[] { "out" }, Attr("axis", 0L)) }),
            "node 'flat' (Flatten)", "merge the sequence axis");
    }

    [Fact]
    public void TheDataRankIsBounded()
    {
        var nodes = new[] { Node("Unsqueeze", "deep", new[] { "Ys", "many" }, new[] { "out" }) };

        Refused(SmallRnn(extraNodes: nodes, extraInitializers: new[] { Ints64("many", 0, 1, 2, 3, 4, 5) }), "node 'deep' (Unsqueeze)", "at most 8");
    }

    [Fact]
    public void AForwardLayersFinalHiddenStateIsItsLastStep()
    {
        var graph = Graph("final",
            new[] { Node("RNN", "rnn", new[] { "X", "W", "R", "B" }, new[] { "Y", "Yh" }, Attr("hidden_size", 2L)) },
            new[] { Tensor("W", new long[] { 1, 2, 1 }, new[] { 0.5f, -0.25f }), Tensor("R", new long[] { 1, 2, 2 }, new[] { 0.1f, 0.2f, 0.3f, 0.4f }), Tensor("B", new long[] { 1, 4 }, new[] { 0.01f, 0.02f, 0.03f, 0.04f }) },
            new[] { ValueInfo("X", null, 1, 1) }, new[] { ValueInfo("Yh") });

        NetworkModel model = OnnxImporter.Import(BuildModel(graph), FileName);

        Assert.Equal(BaseLayers, model.Layers.ToArray());
        Assert.Contains(model.Metadata.Properties.ToArray(), p => p.Key == "edgelstm.onnx.last_step_only" && p.Value.Contains("final hidden state (output Y_h) of node 'rnn' (RNN)"));
    }

    [Fact]
    public void SequenceLengthsFedFromAGraphInputNameTheNodeAndThePackedSequence()
    {
        var rnn = Node("RNN", "rnn", new[] { "X", "W", "R", "B", "lens" }, new[] { "Y" }, Attr("hidden_size", 2L));
        var lens = new ProtoWriter().String(1, "lens").Message(2, new ProtoWriter().Message(1, new ProtoWriter().Varint(1, 6)));

        Refused(SmallRnn(rnn, extraInputs: new[] { lens }), "node 'rnn' (RNN)", "input sequence_lens is fed by the graph input 'lens'", "PackedSequence");
    }

    [Fact]
    public void ABatchFirstInputWithASymbolicBatchAndAFixedLengthIsReadThroughTheTranspose()
    {
        // The PyTorch tutorial's export of a batch_first model: [batch, 50, features] and a Transpose before the RNN.
        var graph = Graph("tutorial",
            new[]
            {
                Node("Transpose", "tr", new[] { "X" }, new[] { "Xt" }, Ints("perm", 1, 0, 2)),
                Node("RNN", "rnn", new[] { "Xt", "W", "R", "B" }, new[] { "Y" }, Attr("hidden_size", 2L)),
                Node("Squeeze", "squeeze", new[] { "Y", "axes1" }, new[] { "out" }),
            },
            new[] { Tensor("W", new long[] { 1, 2, 1 }, new[] { 0.5f, -0.25f }), Tensor("R", new long[] { 1, 2, 2 }, new[] { 0.1f, 0.2f, 0.3f, 0.4f }), Tensor("B", new long[] { 1, 4 }, new[] { 0.01f, 0.02f, 0.03f, 0.04f }), Ints64("axes1", 1) },
            new[] { ValueInfo("X", null, 50, 1) }, new[] { ValueInfo("out") });

        Assert.Equal(BaseLayers, OnnxImporter.Import(BuildModel(graph), FileName).Layers.ToArray());
    }
}
