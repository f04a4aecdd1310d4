using System;
using System.Buffers.Binary;
using System.IO;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace MachineMonitor.Tests;

public sealed class ModelMetadataTests
{
    /// <summary>
    /// The detector's features are the LSTM that train.py trained (machine.safetensors) without its head: every rnn.*
    /// tensor byte for byte, and nothing else, so the generated MachineFeatures outputs that LSTM's hidden state.
    /// </summary>
    [Fact]
    public void TheFeatureModelIsTheTrainedLstmWithoutItsHead()
    {
        var (trainedHeader, trainedData) = Read(TestFiles.Data("machine.safetensors"));
        var (featuresHeader, featuresData) = Read(TestFiles.Data("machine_features.safetensors"));

        string[] rnn = trainedHeader.EnumerateObject().Select(p => p.Name).Where(n => n.StartsWith("rnn.", StringComparison.Ordinal)).Order().ToArray();
        string[] kept = featuresHeader.EnumerateObject().Select(p => p.Name).Where(n => n != "__metadata__").Order().ToArray();
        Assert.Equal(4, rnn.Length);
        Assert.Equal(rnn, kept);
        foreach (string name in rnn)
        {
            Assert.Equal(Tensor(trainedHeader, trainedData, name), Tensor(featuresHeader, featuresData, name));
        }

        Assert.Equal("LSTM", featuresHeader.GetProperty("__metadata__").GetProperty("cell").GetString());
        Assert.Equal(1, MachineFeatures.InputSize);
        Assert.Equal(32, MachineFeatures.OutputSize);
    }

    private static (JsonElement Header, byte[] Data) Read(string path)
    {
        byte[] file = File.ReadAllBytes(path);
        long headerLength = BinaryPrimitives.ReadInt64LittleEndian(file);
        using var header = JsonDocument.Parse(file.AsMemory(8, checked((int)headerLength)));
        return (header.RootElement.Clone(), file[(8 + (int)headerLength)..]);
    }

    private static byte[] Tensor(JsonElement header, byte[] data, string name)
    {
        var offsets = header.GetProperty(name).GetProperty("data_offsets");
        return data[offsets[0].GetInt32()..offsets[1].GetInt32()];
    }
}
