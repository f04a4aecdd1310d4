using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using EdgeLstm.Model;
using EdgeLstm.Training.Data;
using EdgeLstm.Training.Network;
using EdgeLstm.Training.Tests.Support;
using Xunit;

namespace EdgeLstm.Training.Tests.Export;

/// <summary>
/// What `train` writes: a safetensors file with the metadata the generator bakes, which ReferenceModel loads and
/// computes exactly what the trainer computed, byte-identical for a seed.
/// </summary>
public sealed class TrainedModelFileTests
{
    private static readonly TimeSeries Daily = TestFiles.NabSeries("artificialWithAnomaly/art_daily_jumpsup.csv").Take(900);

    private static TrainingOptions Small(CellKind cell, ActivationKind nonlinearity = ActivationKind.Tanh) => new()
    {
        Cell = cell,
        Nonlinearity = nonlinearity,
        Hidden = 8,
        Layers = 2,
        Epochs = 3,
        Window = 24,
        LearningRate = 0.01,
    };

    [Theory]
    [InlineData(CellKind.Lstm, ActivationKind.Tanh)]
    [InlineData(CellKind.Gru, ActivationKind.Tanh)]
    [InlineData(CellKind.Rnn, ActivationKind.Tanh)]
    [InlineData(CellKind.Rnn, ActivationKind.Relu)]
    public void ReferenceModelComputesWhatTheTrainerComputed(CellKind cell, ActivationKind nonlinearity)
    {
        TrainingResult result = Trainer.Train(Daily, Small(cell, nonlinearity));
        string path = Path.Combine(Path.GetTempPath(), $"edgelstm-train-{Guid.NewGuid():N}.safetensors");
        result.Save(path);
        try
        {
            // The reference implementation, from the file, on raw values: it standardises with input_mean/input_std itself.
            ReferenceModel reference = ReferenceModel.Load(path);
            const int steps = 48;
            float[] raw = Daily.Values.Take(steps).Select(v => (float)v).ToArray();
            float[] outputs = new float[steps];
            reference.Run(raw, outputs);

            // The training network with the file's weights, on the standardised rows from the zero state.
            (NetworkShape shape, ParameterSet parameters) = InitialWeights.Read(result.Model);
            var network = new RecurrentNetwork(shape, parameters);
            var batch = new TrainingBatch(steps, 1, 1, 1) { Size = 1 };
            InputNormalization n = result.Data.Normalization;
            for (int t = 0; t < steps; t++)
            {
                batch.Inputs[t] = (raw[t] - n.Mean[0]) / (double)n.Std[0];
                batch.Targets[t] = outputs[t];
            }
            double rms = Math.Sqrt(network.Loss(batch));

            Assert.True(rms < 1e-6, $"{cell} {nonlinearity}: RMS difference between the trainer's forward pass and ReferenceModel {rms:E2}");
            Assert.True(outputs.Select(Math.Abs).Max() > 0.1, "the outputs are all near zero; the comparison would prove little");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void TheFileCarriesWhatTheGeneratorBakesAndWhatAUserWantsToKnow()
    {
        TrainingResult result = Trainer.Train(Daily, Small(CellKind.Gru));

        SafeTensorsFile file = SafeTensorsFile.Parse(result.ToSafeTensors());

        Assert.Equal(0, (8 + file.HeaderLength) % 8);
        Assert.Equal(new[] { "head.bias", "head.weight", "rnn.bias_hh_l0", "rnn.bias_hh_l1", "rnn.bias_ih_l0", "rnn.bias_ih_l1",
            "rnn.weight_hh_l0", "rnn.weight_hh_l1", "rnn.weight_ih_l0", "rnn.weight_ih_l1" }, file.Tensors.Keys.OrderBy(k => k, StringComparer.Ordinal));
        Assert.Equal(new[] { 24, 1 }, file.Tensors["rnn.weight_ih_l0"].Shape);
        Assert.Equal(new[] { 1, 8 }, file.Tensors["head.weight"].Shape);
        Assert.Equal("GRU", file.Metadata["cell"]);
        Assert.Equal("none", file.Metadata["head_activation"]);
        Assert.False(file.Metadata.ContainsKey("nonlinearity"));
        Assert.Equal("next-step", file.Metadata["task"]);
        Assert.Equal("[\"value\"]", file.Metadata["columns"]);
        Assert.StartsWith("EdgeLstm.Training ", file.Metadata["producer"]);

        // input_mean/input_std: the training rows' statistics (720 of 900 rows), as float32 JSON arrays.
        double[] training = Daily.Values.Take(720).ToArray();
        double mean = training.Average();
        double std = Math.Sqrt(training.Select(v => (v - mean) * (v - mean)).Average());
        Assert.Equal((float)mean, JsonSerializer.Deserialize<float[]>(file.Metadata["input_mean"])!.Single());
        Assert.Equal((float)std, JsonSerializer.Deserialize<float[]>(file.Metadata["input_std"])!.Single());

        using JsonDocument training_ = JsonDocument.Parse(file.Metadata["training"]);
        JsonElement t = training_.RootElement;
        Assert.Equal(720, t.GetProperty("training_rows").GetInt32());
        Assert.Equal(180, t.GetProperty("validation_rows").GetInt32());
        Assert.Equal(24, t.GetProperty("window").GetInt32());
        Assert.Equal(3, t.GetProperty("stride").GetInt32());
        Assert.Equal(result.BestEpoch, t.GetProperty("best_epoch").GetInt32());
        Assert.Equal(result.Best.ValidationLoss!.Value, t.GetProperty("validation_loss").GetDouble());

        // And the importer reads the same network back: GRU layers with the standardisation attached.
        Assert.Equal(CellKind.Gru, ((RecurrentLayer)result.Model.Layers[0]).Cell);
        Assert.Equal((float)mean, result.Model.Normalization!.Mean[0]);
    }

    [Fact]
    public void RnnFilesSayTheirNonlinearity()
    {
        TrainingResult result = Trainer.Train(Daily, Small(CellKind.Rnn, ActivationKind.Relu) with { Layers = 1, Epochs = 1 });

        Assert.Equal("relu", SafeTensorsFile.Parse(result.ToSafeTensors()).Metadata["nonlinearity"]);
        Assert.Equal(ActivationKind.Relu, ((RecurrentLayer)result.Model.Layers[0]).Directions[0].Activations[0].Kind);
    }

    [Fact]
    public void ASeedGivesTheSameFileAndAnotherSeedAnotherOne()
    {
        TrainingOptions options = Small(CellKind.Lstm) with { Seed = 11 };

        byte[] first = Trainer.Train(Daily, options).ToSafeTensors();
        byte[] again = Trainer.Train(Daily, options).ToSafeTensors();
        byte[] other = Trainer.Train(Daily, options with { Seed = 12 }).ToSafeTensors();

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }
}
