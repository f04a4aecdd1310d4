using System.Linq;
using EdgeLstm.Import;
using EdgeLstm.Import.PyTorch;
using EdgeLstm.Import.SafeTensors;
using EdgeLstm.Model;
using EdgeLstm.Tests.SafeTensors;
using Xunit;

namespace EdgeLstm.Tests.PyTorch;

public sealed class PyTorchGoldenCaseTests
{
    public static TheoryData<string> Cases => StateDictTestData.PyTorchCases();

    [Theory]
    [MemberData(nameof(Cases))]
    public void GoldenCaseImportsWithItsArchitecture(string caseName)
    {
        NetworkModel model = PyTorchImporter.Import(StateDictTestData.ReadCase(caseName, "model.pt"), $"cases/{caseName}/model.pt");

        // A .pt state_dict cannot say which head activation or RNN nonlinearity was used; those are checked below.
        StateDictTestData.AssertMatchesArchitecture(model, StateDictTestData.Architecture(caseName), activationsKnown: false);
        Assert.Equal("pytorch", model.Metadata.Format);
        Assert.Equal("model", model.Metadata.Name);
        Assert.Equal($"cases/{caseName}/model.pt", model.Metadata.SourceFile);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void PtAndSafeTensorsOfACaseGiveEqualLayers(string caseName)
    {
        NetworkModel fromSafeTensors = SafeTensorsImporter.Import(StateDictTestData.ReadCase(caseName, "model.safetensors"), "model.safetensors");
        byte[] pt = StateDictTestData.ReadCase(caseName, "model.pt");

        // With the metadata the safetensors file carries, the .pt import must be the same network, weight for weight.
        NetworkModel withMetadata = PyTorchImporter.Import(pt, "model.pt", StateDictTestData.SafeTensorsMetadata(caseName));
        Assert.Equal(fromSafeTensors.Layers, withMetadata.Layers);

        // Without it, they agree exactly when the case uses PyTorch's defaults (tanh RNN, no head activation).
        bool usesDefaults = fromSafeTensors.Layers.All(l => l switch
        {
            DenseLayer d => d.Activation.Kind == ActivationKind.Identity,
            RecurrentLayer r => r.Cell != CellKind.Rnn || r.Directions[0].Activations[0].Kind == ActivationKind.Tanh,
            _ => true,
        });
        Assert.Equal(usesDefaults, fromSafeTensors.Layers.Equals(PyTorchImporter.Import(pt, "model.pt").Layers));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ModelImporterDetectsPyTorchAndAgrees(string caseName)
    {
        byte[] content = StateDictTestData.ReadCase(caseName, "model.pt");

        Assert.Equal(ModelFileFormat.PyTorch, ModelImporter.DetectFormat(content, "x"));
        Assert.Equal(PyTorchImporter.Import(content, "x"), ModelImporter.Load(content, "x"));
    }

    [Fact]
    public void DeflatedArchiveReadsLikeTheStoredOne()
    {
        byte[] stored = StateDictTestData.ReadCase("gru_i4_h32_l2_dense1", "model.pt");
        byte[] deflated = TorchArchiveBuilder.Build(TorchArchiveBuilder.Entries(stored), System.IO.Compression.CompressionLevel.Optimal);

        Assert.True(deflated.Length < stored.Length);
        Assert.Equal(PyTorchImporter.Import(stored, "a.pt").Layers, PyTorchImporter.Import(deflated, "a.pt").Layers);
    }

    [Fact]
    public void ArchiveFolderNameDoesNotMatter()
    {
        byte[] original = StateDictTestData.ReadCase("lstm_i3_h16_dense3", "model.pt");
        byte[] renamed = TorchArchiveBuilder.Build(TorchArchiveBuilder.Entries(original).Select(e => ("archive" + e.Name.Substring("model".Length), e.Data)));

        Assert.Equal(PyTorchImporter.Import(original, "a.pt").Layers, PyTorchImporter.Import(renamed, "a.pt").Layers);
    }
}
