using System.IO;
using System.Linq;
using EdgeLstm.Conformance.Checks;
using EdgeLstm.Conformance.ExportCorpus;
using EdgeLstm.Conformance.ExportCorpus.Models;
using EdgeLstm.Testing;
using Xunit;

namespace EdgeLstm.Generator.Tests.Conformance;

/// <summary>
/// The export corpus's checks can fail: a generated model against a PyTorch output moved by just over the tolerance,
/// and a corpus file without a generated class. (The passing runs are asserted in <see cref="ConformanceTests"/>.)
/// </summary>
public sealed class ExportCorpusConformanceTests
{
    [Fact]
    public void ALastStepModelFromAFixedShapeExportThatMissesPyTorchAtAnotherLengthFails()
    {
        // The fixed export traced 9 steps; the 23-step golden is what the torch module returns for each prefix.
        GoldenCase golden = CorpusGoldens.Load().Single(c => c.Name == "lstm_bf_last_sigmoid@23");
        float[] moved = (float[])golden.Output.Clone();
        moved[^1] += 2e-5f;
        var log = new StringWriter();
        var run = new ConformanceRun(new[] { golden with { Output = moved } }, log);

        run.Streaming<LstmBfLastSigmoidFixedOpset17>(golden.Name, "fixed_opset17", LstmBfLastSigmoidFixedOpset17.SelfTest);

        Assert.Equal((1, 2), (run.Passed, run.Failed));
        Assert.Contains("FAIL lstm_bf_last_sigmoid@23/fixed_opset17 Step max|err|=", log.ToString());
        Assert.Contains("FAIL lstm_bf_last_sigmoid@23/fixed_opset17 Run max|err|=", log.ToString());
    }

    [Fact]
    public void ACorpusFileWithoutAGeneratedClassIsReported()
    {
        GoldenCase golden = CorpusGoldens.Load().Single(c => c.Name == "gru_bidir_l2_sf@9");
        var log = new StringWriter();
        var run = new ConformanceRun(new[] { golden }, log);

        run.Window<GruBidirL2SfBatchOpset14>(golden.Name, "batch_opset14", GruBidirL2SfBatchOpset14.SelfTest);
        run.ReportUnchecked();

        Assert.Equal(2, run.Passed);
        Assert.Equal(golden.Files.Count - 1, run.Failed);
        Assert.Contains("FAIL gru_bidir_l2_sf@9/dynamic_opset17 coverage:", log.ToString());
    }
}
