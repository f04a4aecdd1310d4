using System;
using System.Linq;
using EdgeLstm.Import;
using EdgeLstm.Model;
using EdgeLstm.Testing;
using EdgeLstm.Training.Data;
using EdgeLstm.Training.Export;
using EdgeLstm.Training.Network;
using EdgeLstm.Training.Tests.Support;
using Xunit;

namespace EdgeLstm.Training.Tests.Export;

/// <summary>
/// Starting from an existing model: the golden cases' PyTorch files give back PyTorch's tensors bit for bit, the
/// training network computes PyTorch's golden outputs from them, and models the trainer cannot continue are refused
/// by name.
/// </summary>
public sealed class InitialWeightsTests
{
    [Theory]
    [InlineData("gru_i4_h32_l2_dense1")]
    [InlineData("lstm_i3_h16_dense3")]
    [InlineData("rnn_tanh_i2_h8_dense2")]
    public void PyTorchTensorsComeBackBitForBit(string name)
    {
        var golden = GoldenCase.Load(name);
        SafeTensorsFile original = SafeTensorsFile.Read(golden.PathOf("model.safetensors"));
        (NetworkShape shape, ParameterSet parameters) = InitialWeights.Read(ModelImporter.Load(golden.PathOf("model.safetensors")));
        byte[] written = TrainedModelExport.ToSafeTensors(shape, parameters, new InputNormalization(new float[shape.Inputs], Enumerable.Repeat(1f, shape.Inputs).ToArray()),
            TrainingTask.NextStep, Enumerable.Range(0, shape.Inputs).Select(i => $"c{i}").ToArray(), "{}");

        SafeTensorsFile copy = SafeTensorsFile.Parse(written);
        Assert.Equal(original.Tensors.Keys.OrderBy(k => k), copy.Tensors.Keys.OrderBy(k => k));
        foreach ((string tensor, (int[] shape, float[] values) expected) in original.Tensors)
        {
            Assert.Equal(expected.shape, copy.Tensors[tensor].Shape);
            Assert.Equal(expected.values, copy.Tensors[tensor].Values); // float equality: the same bits
        }
    }

    [Theory]
    [InlineData("gru_i4_h32_l2_dense1")]
    [InlineData("lstm_i3_h16_dense3")]
    [InlineData("rnn_tanh_i2_h8_dense2")]
    public void TheTrainingNetworkComputesPyTorchsGoldenOutputs(string name)
    {
        var golden = GoldenCase.Load(name);
        (NetworkShape shape, ParameterSet parameters) = InitialWeights.Read(ModelImporter.Load(golden.PathOf("model.safetensors")));
        var network = new RecurrentNetwork(shape, parameters);
        var batch = new TrainingBatch(golden.Steps, 1, shape.Inputs, shape.Outputs) { Size = 1 };
        Array.ConvertAll(golden.Input, v => (double)v).CopyTo(batch.Inputs, 0);
        Array.ConvertAll(golden.Output, v => (double)v).CopyTo(batch.Targets, 0);

        // The loss against PyTorch's outputs is the mean squared difference of the two forward passes.
        double meanSquare = network.Loss(batch);

        Assert.True(Math.Sqrt(meanSquare) < 1e-6, $"{name}: RMS difference from PyTorch's float32 outputs {Math.Sqrt(meanSquare):E2}");
    }

    [Theory]
    [InlineData("lstm_i1_h24_dense1_sigmoid", "head applies Sigmoid")]
    [InlineData("lstm_i3_h12_bidir_dense2", "Bidirectional layer")]
    [InlineData("lstm_i6_h64_l2", "exactly one dense (linear) head")]
    [InlineData("rnn_relu_i3_h12", "exactly one dense (linear) head")]
    public void ModelsTheTrainerCannotContinueAreRefusedByName(string name, string reason)
    {
        var golden = GoldenCase.Load(name);

        var error = Assert.Throws<TrainingDataException>(() => InitialWeights.Read(ModelImporter.Load(golden.PathOf("model.safetensors"))));

        Assert.Contains("model.safetensors", error.Message);
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void OnnxOnlyCellOptionsAreRefused()
    {
        var error = Assert.Throws<TrainingDataException>(() => InitialWeights.Read(ModelImporter.Load(TestFiles.Path("cases", "onnx_lstm_peephole_i3_h10", "model.onnx"))));

        Assert.Contains("peepholes", error.Message);
    }
}
