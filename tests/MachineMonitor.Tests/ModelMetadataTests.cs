using System;
using System.Buffers.Binary;
using System.Globalization;
using System.IO;
using System.Text.Json;
using MachineMonitor.Device;
using Xunit;

namespace MachineMonitor.Tests;

public sealed class ModelMetadataTests
{
    /// <summary>
    /// The ONNX file carries no standardisation; the firmware's constants must be the ones train.py stored beside the
    /// weights, or a retrained model would silently run on wrongly scaled input.
    /// </summary>
    [Fact]
    public void InputStandardisationMatchesTheTrainingMetadata()
    {
        byte[] file = File.ReadAllBytes(TestFiles.Data("machine.safetensors"));
        long headerLength = BinaryPrimitives.ReadInt64LittleEndian(file);
        using var header = JsonDocument.Parse(file.AsMemory(8, checked((int)headerLength)));
        var metadata = header.RootElement.GetProperty("__metadata__");

        float[] mean = Numbers(metadata.GetProperty("input_mean").GetString()!);
        float[] std = Numbers(metadata.GetProperty("input_std").GetString()!);

        Assert.Equal([MachineDetector.InputMean], mean);
        Assert.Equal([MachineDetector.InputStd], std);
        Assert.Equal(1, MachineModel.InputSize);
        Assert.Equal(1, MachineModel.OutputSize);
    }

    private static float[] Numbers(string json)
    {
        using var array = JsonDocument.Parse(json);
        var values = new float[array.RootElement.GetArrayLength()];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (float)array.RootElement[i].GetDouble();
        }

        return values;
    }
}
