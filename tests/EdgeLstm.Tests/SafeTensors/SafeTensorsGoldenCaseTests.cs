using System.Linq;
using EdgeLstm.Import;
using EdgeLstm.Import.SafeTensors;
using EdgeLstm.Model;
using Xunit;

namespace EdgeLstm.Tests.SafeTensors;

public sealed class SafeTensorsGoldenCaseTests
{
    public static TheoryData<string> Cases => StateDictTestData.PyTorchCases();

    [Theory]
    [MemberData(nameof(Cases))]
    public void GoldenCaseImportsWithItsArchitecture(string caseName)
    {
        NetworkModel model = SafeTensorsImporter.Import(StateDictTestData.ReadCase(caseName, "model.safetensors"), $"cases/{caseName}/model.safetensors");

        StateDictTestData.AssertMatchesArchitecture(model, StateDictTestData.Architecture(caseName), activationsKnown: true);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ModelImporterDetectsSafeTensorsAndAgrees(string caseName)
    {
        byte[] content = StateDictTestData.ReadCase(caseName, "model.safetensors");

        Assert.Equal(ModelFileFormat.SafeTensors, ModelImporter.DetectFormat(content, "x"));
        Assert.Equal(SafeTensorsImporter.Import(content, "x"), ModelImporter.Load(content, "x"));
    }

    [Fact]
    public void MetadataNamesTheSourceAndKeepsTheHeaderMetadata()
    {
        NetworkModel model = SafeTensorsImporter.Import(StateDictTestData.ReadCase("rnn_relu_i3_h12", "model.safetensors"), "models/rnn_relu.v2.safetensors");

        Assert.Equal("safetensors", model.Metadata.Format);
        Assert.Equal("rnn_relu.v2", model.Metadata.Name);
        Assert.Equal("models/rnn_relu.v2.safetensors", model.Metadata.SourceFile);
        Assert.Equal(
            new[] { new MetadataEntry("cell", "RNN"), new MetadataEntry("head_activation", "none"), new MetadataEntry("nonlinearity", "relu") },
            model.Metadata.Properties.ToArray());
    }
}
