using System;
using System.Linq;
using System.Text.Json;
using EdgeLstm.Import;
using EdgeLstm.Model;
using EdgeLstm.Tests.Reference;
using Xunit;
using Xunit.Abstractions;

namespace EdgeLstm.Tests.Onnx.ExportCorpus;

/// <summary>
/// Every file of the export corpus (tests/exports: torch.onnx.export of nn.LSTM/GRU/RNN models in every dynamic_axes
/// form and opset) imported and run by <see cref="ReferenceModel"/>: Run over each golden sequence, and Step row by
/// row for streaming models, must match PyTorch's own output within 1e-5.
/// </summary>
public sealed class ExportCorpusReferenceTests
{
    private readonly ITestOutputHelper _output;

    public ExportCorpusReferenceTests(ITestOutputHelper output) => _output = output;

    public static TheoryData<string, string> Exports()
    {
        var data = new TheoryData<string, string>();
        foreach ((string model, string variant) in CorpusModel.Exports()) data.Add(model, variant);
        return data;
    }

    [Fact]
    public void TheCorpusHoldsEveryFormAndOpsetOfLstmGruAndRnnModels()
    {
        Assert.True(CorpusModel.Exports().Count() >= 48, $"expected at least 48 exports under {CorpusModel.Root}");
        foreach (CorpusModel model in CorpusModel.All)
        {
            foreach (string form in new[] { "dynamic", "fixed", "batch", "time" })
            {
                foreach (int opset in new[] { 11, 14, 17 })
                {
                    Assert.Contains($"{form}_opset{opset}", model.Files.Keys);
                }
            }
        }
        string[] cells = CorpusModel.All.Select(m => m.Architecture.GetProperty("cell").GetString()!).Distinct().OrderBy(c => c).ToArray();
        Assert.Equal(new[] { "GRU", "LSTM", "RNN" }, cells);
        Assert.Contains(CorpusModel.All, m => m.Architecture.GetProperty("bidirectional").GetBoolean());
        Assert.Contains(CorpusModel.All, m => m.Architecture.GetProperty("num_layers").GetInt32() > 1);
        Assert.Contains(CorpusModel.All, m => m.Architecture.GetProperty("batch_first").GetBoolean());
        Assert.Contains(CorpusModel.All, m => !m.Architecture.GetProperty("batch_first").GetBoolean());
        foreach (string activation in new[] { "sigmoid", "softmax", "tanh", "relu" })
        {
            Assert.Contains(CorpusModel.All, m => m.Architecture.GetProperty("head_activation").GetString() == activation);
        }
    }

    [Theory]
    [MemberData(nameof(Exports))]
    public void ImportsWithTheArchitectureTorchWasGiven(string name, string variant)
    {
        CorpusModel corpus = CorpusModel.Named(name);
        NetworkModel model = ModelImporter.Load(corpus.PathOf(variant));
        JsonElement arch = corpus.Architecture;

        RecurrentLayer[] recurrent = model.Layers.OfType<RecurrentLayer>().ToArray();
        Assert.Equal(arch.GetProperty("num_layers").GetInt32(), recurrent.Length);
        foreach (RecurrentLayer layer in recurrent)
        {
            Assert.Equal(arch.GetProperty("cell").GetString(), layer.Cell.ToString().ToUpperInvariant());
            Assert.Equal(arch.GetProperty("hidden_size").GetInt32(), layer.Hidden);
            Assert.Equal(arch.GetProperty("bidirectional").GetBoolean() ? Direction.Bidirectional : Direction.Forward, layer.Direction);
        }
        int headOut = arch.GetProperty("head_out").GetInt32();
        DenseLayer[] dense = model.Layers.OfType<DenseLayer>().ToArray();
        if (headOut == 0)
        {
            Assert.Empty(dense);
        }
        else
        {
            DenseLayer head = Assert.Single(dense);
            Assert.Equal(headOut, head.Outputs);
            Assert.Equal(arch.GetProperty("head_activation").GetString() switch
            {
                "sigmoid" => ActivationKind.Sigmoid,
                "softmax" => ActivationKind.Softmax,
                "tanh" => ActivationKind.Tanh,
                "relu" => ActivationKind.Relu,
                _ => ActivationKind.Identity,
            }, head.Activation.Kind);
        }
        Assert.Equal(corpus.InputSize, model.InputSize);
        Assert.Equal(corpus.OutputSize, model.OutputSize);
        // A many-to-one export says so in the metadata; a many-to-many one does not.
        Assert.Equal(arch.GetProperty("last_step_only").GetBoolean(),
            model.Metadata.Properties.ToArray().Any(p => p.Key == "edgelstm.onnx.last_step_only"));
    }

    [Theory]
    [MemberData(nameof(Exports))]
    public void RunAndStepMatchPyTorchAtTheExportLengthAndAnother(string name, string variant)
    {
        CorpusModel corpus = CorpusModel.Named(name);
        ReferenceModel model = ReferenceModel.Load(corpus.PathOf(variant));
        Assert.Equal(corpus.Streaming, model.IsStreaming);

        foreach (CorpusSequence sequence in corpus.Sequences)
        {
            var actual = new float[sequence.Output.Length];
            model.Reset();
            model.Run(sequence.Input, actual);
            double run = Tolerance.AssertClose(sequence.Output, actual, Tolerance.Golden, $"{name}/{variant} Run T={sequence.Steps}", corpus.OutputSize);
            string line = $"{name}/{variant} T={sequence.Steps}: Run max|err| {run:E2}";

            if (corpus.Streaming)
            {
                Array.Clear(actual);
                model.Reset();
                for (int t = 0; t < sequence.Steps; t++)
                {
                    model.Step(sequence.Input.AsSpan(t * corpus.InputSize, corpus.InputSize), actual.AsSpan(t * corpus.OutputSize, corpus.OutputSize));
                }
                double step = Tolerance.AssertClose(sequence.Output, actual, Tolerance.Golden, $"{name}/{variant} Step T={sequence.Steps}", corpus.OutputSize);
                line += $", Step max|err| {step:E2}";
            }
            _output.WriteLine(line);
        }
    }
}
