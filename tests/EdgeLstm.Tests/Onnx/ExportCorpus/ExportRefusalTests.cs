using System;
using System.IO;
using EdgeLstm.Import;
using Xunit;

namespace EdgeLstm.Tests.Onnx.ExportCorpus;

/// <summary>
/// What torch.onnx.export can write that EdgeLstm cannot represent exactly (tests/exports/refused, from
/// make_exports.py): each is refused naming the file, the node and its op, and saying what to change in the export.
/// </summary>
public sealed class ExportRefusalTests
{
    private static ModelFormatException Refused(string file)
    {
        string path = Path.Combine(CorpusModel.Root, "refused", file);
        var e = Assert.Throws<ModelFormatException>(() => ModelImporter.Load(path));
        Assert.StartsWith(path + ": ", e.Message, StringComparison.Ordinal);
        return e;
    }

    [Fact]
    public void AnInitialStateFedFromAGraphInputNamesTheRecurrentNodeAndSaysToExportWithoutIt()
    {
        // forward(x, h0) exported with input_names=["input", "h0"].
        ModelFormatException e = Refused("initial_state_input.onnx");

        Assert.Contains("node '/rnn/GRU' (GRU)", e.Message);
        Assert.Contains("input initial_h is fed by the graph input 'h0'", e.Message);
        Assert.Contains("self.rnn(x)", e.Message);
        Assert.Contains("input_names=[\"input\"]", e.Message);
    }

    [Fact]
    public void AHeadOnTheFinalStateOfABidirectionalLayerNamesTheStateAndTheOutputToUseInstead()
    {
        ModelFormatException e = Refused("bidirectional_final_state_head.onnx");

        Assert.Contains("node '/Gather' (Gather)", e.Message);
        Assert.Contains("final hidden state (output Y_h) of node '/rnn/LSTM' (LSTM)", e.Message);
        Assert.Contains("out[:, -1, :]", e.Message);
    }

    [Fact]
    public void AFixedPositionInTheWindowIsRefusedWithTheLastStepAsTheAlternative()
    {
        // forward() returns out[:, 3, :].
        ModelFormatException e = Refused("fixed_step_index.onnx");

        Assert.Contains("node '/Gather' (Gather)", e.Message);
        Assert.Contains("takes step 3 of the sequence axis", e.Message);
        Assert.Contains("out[:, -1, :]", e.Message);
    }

    [Fact]
    public void ABatchOfFourFixedInTheExportNamesTheAxisAndTheDynamicAxesThatWork()
    {
        // Exported with torch.randn(4, 9, 3) and no dynamic_axes.
        ModelFormatException e = Refused("fixed_batch_of_4.onnx");

        Assert.Contains("graph input 'input'", e.Message);
        Assert.Contains("[4, 9, 3] has batch size 4 on axis 0", e.Message);
        Assert.Contains("node '/rnn/LSTM' (LSTM) with layout=0 reads axis 1 as the sequence", e.Message);
        Assert.Contains("dynamic_axes={\"input\": {0: \"batch\", 1: \"time\"}", e.Message);
    }
}
