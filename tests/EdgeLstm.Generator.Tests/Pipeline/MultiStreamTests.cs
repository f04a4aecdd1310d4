using System.IO;
using System.Linq;
using EdgeLstm.Testing;
using Microsoft.CodeAnalysis;
using Xunit;

namespace EdgeLstm.Generator.Tests.Pipeline;

/// <summary>
/// The attribute's Streams: a model that can step several streams gets the multi-stream surface; one that cannot (or
/// a count out of range) gets ELSTM012 at the attribute, and the single-stream placeholder keeps the user's code
/// compiling. The multi-stream numerics are checked in the conformance app (every path, against single streams).
/// </summary>
public sealed class MultiStreamTests
{
    private const string ModelPath = "models/machine.onnx";

    private const string SingleStreamUser = """
        using EdgeLstm;

        namespace Sensors;

        [RecurrentModel("models/machine.onnx", Streams = STREAMS)]
        public sealed partial class MachineModel;

        static class Use
        {
            public static float Run()
            {
                var model = new MachineModel();
                float[] input = new float[MachineModel.InputSize], output = new float[MachineModel.OutputSize];
                model.Run(input, output);
                model.Reset();
                return MachineModel.SelfTest();
            }
        }
        """;

    private const string MultiStreamUser = """
        using EdgeLstm;

        namespace Sensors;

        [RecurrentModel("models/machine.onnx", Streams = 6)]
        public sealed partial class MachineModel;

        static class Use
        {
            public static float Run()
            {
                var model = new MachineModel();
                float[] inputs = new float[MachineModel.Streams * MachineModel.InputSize];
                float[] outputs = new float[MachineModel.Streams * MachineModel.OutputSize];
                model.Step(inputs, outputs);
                model.Reset(5);
                model.Reset();
                return MachineModel.SelfTest() + Generic<MachineModel>();
            }

            private static int Generic<TModel>() where TModel : IMultiStreamModel, new() => TModel.Streams * TModel.InputSize;
        }
        """;

    private static byte[] Case(string name) => File.ReadAllBytes(RepositoryFiles.CaseFile(name, "model.onnx"));

    [Fact]
    public void AStreamingModelGetsTheMultiStreamSurface()
    {
        var harness = new GeneratorHarness();
        harness.AddWeightFile(ModelPath, Case("lstm_i3_h16_dense3"));

        GeneratorRun run = harness.Run(MultiStreamUser);

        Assert.Empty(run.Diagnostics);
        Assert.Empty(run.CompilationErrors);
    }

    /// <summary>
    /// The register-tiled product of the 8-stream AVX-512 kernels covers the conformance app's 8-stream LSTM and GRU
    /// forms (whole passes: two per tile for GRU, whose column of a pass is 24 floats), and a layer whose blocks do not
    /// fill a pass keeps the unit-pair form alone, so the app's bit-for-bit comparison with single streams checks both.
    /// Streams that round up to 8 lanes (5 to 8) get it; 4 lanes (1 to 4 streams) and 16 or more have no unit pairs.
    /// </summary>
    [Theory]
    [InlineData("lstm_i3_h16_dense3", "8", "for (int t = 0; t < 2; t++)", true)]
    [InlineData("gru_i4_h32_l2_dense1", "8", "for (int t = 0; t < 2; t++)", true)]
    [InlineData("rnn_tanh_i2_h8_dense2", "8", null, false)]
    [InlineData("lstm_i3_h16_dense3", "6", "for (int t = 0; t < 2; t++)", true)] // 6 streams fill 8 lanes, 2 of them padding
    [InlineData("lstm_i3_h16_dense3", "4", null, false)]
    public void EightStreamsGetTheTiledProductWhereWholePassesAllowIt(string caseName, string streams, string? tileLoop, bool tiled)
    {
        var harness = new GeneratorHarness();
        harness.AddWeightFile(ModelPath, Case(caseName));

        GeneratorRun run = harness.Run(MultiStreamUser.Replace("Streams = 6", $"Streams = {streams}"));

        Assert.Empty(run.CompilationErrors);
        string generated = string.Concat(run.Result.GeneratedSources.Select(source => source.SourceText.ToString()));
        Assert.Equal(tiled, generated.Contains("_Streams_Tile(ref float x, ref float h, ref float tw, ref float tb, ref float scratch)"));
        if (tileLoop is not null) Assert.Contains(tileLoop, generated);
    }

    /// <summary>
    /// The dense head's row-pair form (8 lanes, AVX-512: a whole block of 4 rows as two 16-lane vectors) exists where a
    /// head has a whole block of rows; the conformance app's 8-stream form of the 5-row softmax head checks its floats
    /// (one block of pairs, then the fifth row alone). Heads of 1 to 3 rows and 4-lane forms keep one row at a time.
    /// </summary>
    [Theory]
    [InlineData("lstm_i4_h20_dense5_softmax", "model.safetensors", "8", true)]
    [InlineData("lstm_i3_h16_dense3", "model.onnx", "8", false)]
    [InlineData("lstm_i4_h20_dense5_softmax", "model.safetensors", "4", false)]
    public void DenseHeadsWithAWholeBlockOfRowsGetRowPairs(string caseName, string file, string streams, bool rowPairs)
    {
        var harness = new GeneratorHarness();
        string path = "models/machine" + Path.GetExtension(file);
        harness.AddWeightFile(path, File.ReadAllBytes(RepositoryFiles.CaseFile(caseName, file)));

        GeneratorRun run = harness.Run(MultiStreamUser.Replace("Streams = 6", $"Streams = {streams}").Replace(ModelPath, path));

        Assert.Empty(run.CompilationErrors);
        string generated = string.Concat(run.Result.GeneratedSources.Select(source => source.SourceText.ToString()));
        Assert.Equal(rowPairs, generated.Contains("_Dense_Streams_UnitPairs(ref float x, ref float y)"));
    }

    /// <summary>
    /// The comment on the inline state says what its floats are, the tiled product's scratch at the end included.
    /// Expected sizes by hand: LSTM 3 → 16 → dense 3 holds per stream the transposed input (3 columns padded to 4) and
    /// the single-stream state (its input copy 4, h, next h and c 3 × 16, the head's 3 rows padded to 4: 56), 60 floats
    /// × lanes; the tile (2 blocks: 2 vectors of 16 floats, 2 sets) keeps 8 streams × 2 vectors × (2 sets + 2) × 16 =
    /// 1,024 floats of scratch.
    /// </summary>
    [Theory]
    [InlineData("8", "The state of all 8 streams, inline (1504 floats): element i of stream s at i * 8 + s in the first 480; the last 1024 are the register-tiled product's scratch")]
    [InlineData("4", "The state of all 4 streams, inline (240 floats): element i of stream s at i * 4 + s.")]
    public void TheStateCommentNamesTheScratchRegion(string streams, string comment)
    {
        var harness = new GeneratorHarness();
        harness.AddWeightFile(ModelPath, Case("lstm_i3_h16_dense3"));

        GeneratorRun run = harness.Run(MultiStreamUser.Replace("Streams = 6", $"Streams = {streams}"));

        Assert.Empty(run.CompilationErrors);
        string generated = string.Concat(run.Result.GeneratedSources.Select(source => source.SourceText.ToString()));
        Assert.Contains("// " + comment, generated);
    }

    [Theory]
    [InlineData("0", "lstm_i3_h16_dense3", "Streams must be from 1 to 64")]
    [InlineData("65", "lstm_i3_h16_dense3", "Streams must be from 1 to 64")]
    [InlineData("4", "onnx_lstm_peephole_i3_h10", "layer 0 has peepholes")]
    [InlineData("4", "lstm_i3_h12_bidir_dense2", "runs whole windows")]
    [InlineData("4", "onnx_gru_lbr0_i3_h16", "second matrix product")]
    public void AModelThatCannotHaveStreamsIsReportedAtTheAttribute(string streams, string caseName, string reason)
    {
        var harness = new GeneratorHarness();
        harness.AddWeightFile(ModelPath, Case(caseName));

        GeneratorRun run = harness.Run(SingleStreamUser.Replace("STREAMS", streams));

        Diagnostic diagnostic = DiagnosticTests.SingleError(run, "ELSTM012");
        Assert.Contains("'Sensors.MachineModel'", diagnostic.GetMessage());
        Assert.Contains($"Streams = {streams}", diagnostic.GetMessage());
        Assert.Contains(reason, diagnostic.GetMessage());
    }
}
