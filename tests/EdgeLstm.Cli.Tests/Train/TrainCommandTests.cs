using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using EdgeLstm.Cli.Tests.Infrastructure;
using EdgeLstm.Import;
using EdgeLstm.Model;
using Xunit;

namespace EdgeLstm.Cli.Tests.Train;

/// <summary>`edgelstm train`: from a CSV (NAB's own format included) to a safetensors file the rest of EdgeLstm reads.</summary>
public sealed class TrainCommandTests
{
    // Small and fast: the point here is the command, not the model's quality (tests/EdgeLstm.Training.Tests has that).
    private static readonly string[] Quick = { "--hidden", "6", "--epochs", "2", "--rows", "800" };

    [Fact]
    public void TrainsOnANabFileAsItIsAndWritesAModelEdgeLstmReads()
    {
        using var temp = new TempDirectory();
        string model = temp.File("machine.safetensors");

        CliResult result = Tool.Run(["train", "--input", NabFile.Path, "--out", model, .. Quick]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("left out: 'timestamp'", result.Error);
        Assert.Contains("Trained an LSTM next-step predictor: 1 input(s), 1 layer(s) of 6", result.Out);
        Assert.Contains("640 training rows", result.Out);
        Assert.Contains("160 validation rows", result.Out);
        Assert.Contains($"Written to {model}", result.Out);
        Assert.False(File.Exists(model + ".tmp"));

        NetworkModel network = ModelImporter.Load(model);
        Assert.Equal(CellKind.Lstm, ((RecurrentLayer)network.Layers[0]).Cell);
        Assert.Equal(6, ((RecurrentLayer)network.Layers[0]).Hidden);
        Assert.IsType<DenseLayer>(network.Layers[1]);
        (double mean, double std) = NabFile.Statistics(640);
        Assert.Equal((float)mean, network.Normalization!.Mean[0]);
        Assert.Equal((float)std, network.Normalization!.Std[0]);
        Assert.Equal("[\"value\"]", Property(network, "columns"));
        Assert.Equal("next-step", Property(network, "task"));
    }

    [Theory]
    [InlineData("b", 1, "[\"b\"]")]
    [InlineData("B", 1, "[\"b\"]")]
    [InlineData("2,1", 2, "[\"b\",\"a\"]")]
    public void ColumnsAreChosenByNameOrPosition(string columns, int inputs, string names)
    {
        using var temp = new TempDirectory();
        string csv = WriteThreeColumns(temp.File("log.csv"));
        string model = temp.File("m.safetensors");

        CliResult result = Tool.Run("train", "--input", csv, "--columns", columns, "--out", model, "--hidden", "4", "--epochs", "1");

        Assert.True(result.ExitCode == 0, result.ToString());
        NetworkModel network = ModelImporter.Load(model);
        Assert.Equal(inputs, network.InputSize);
        Assert.Equal(names, Property(network, "columns"));
        // Column b holds 100 + row: its mean over the 160 training rows (of 200) is 179.5.
        Assert.Equal(179.5f, network.Normalization!.Mean[names.StartsWith("[\"b\"", StringComparison.Ordinal) ? 0 : 1]);
    }

    [Fact]
    public void AnUnknownColumnIsBadInputListingTheColumns()
    {
        using var temp = new TempDirectory();
        string csv = WriteThreeColumns(temp.File("log.csv"));

        CliResult result = Tool.Run("train", "--input", csv, "--columns", "c", "--out", temp.File("m.safetensors"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"error: {csv}: no column 'c'; the columns are 'time', 'a', 'b'", result.Error);
    }

    [Fact]
    public void TooLittleDataIsBadInputSayingWhatWouldWork()
    {
        using var temp = new TempDirectory();

        CliResult result = Tool.Run("train", "--input", NabFile.Path, "--rows", "30", "--out", temp.File("m.safetensors"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("art_daily_jumpsup.csv: 30 rows give 24 training and 6 validation rows", result.Error);
        Assert.Empty(Directory.GetFiles(temp.Path));
    }

    [Fact]
    public void AMissingOutputFolderFailsBeforeTraining()
    {
        using var temp = new TempDirectory();
        string model = Path.Combine(temp.Path, "no-such-folder", "m.safetensors");

        CliResult result = Tool.Run("train", "--input", NabFile.Path, "--out", model, "--epochs", "10000");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("does not exist", result.Error);
        Assert.Equal(string.Empty, result.Out);
    }

    [Theory]
    [InlineData("--cell", "lstn")]
    [InlineData("--mode", "forecast")]
    [InlineData("--hidden", "0")]
    [InlineData("--validation-fraction", "1")]
    [InlineData("--learning-rate", "-0.1")]
    [InlineData("--rows", "0")]
    [InlineData("--seed", "x")]
    public void BadOptionsExitWithTwoAndNameTheOption(string option, string value)
    {
        CliResult result = Tool.Run("train", "--input", NabFile.Path, option, value);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(value, result.Error);
        Assert.Contains("edgelstm train --help", result.Error);
    }

    [Fact]
    public void TheSameCommandWritesTheSameBytesAndAnotherSeedOthers()
    {
        using var temp = new TempDirectory();
        string first = temp.File("a.safetensors"), again = temp.File("b.safetensors"), other = temp.File("c.safetensors");

        Assert.Equal(0, Tool.Run(["train", "--input", NabFile.Path, "--out", first, "--seed", "4", .. Quick]).ExitCode);
        Assert.Equal(0, Tool.Run(["train", "--input", NabFile.Path, "--out", again, "--seed", "4", .. Quick]).ExitCode);
        Assert.Equal(0, Tool.Run(["train", "--input", NabFile.Path, "--out", other, "--seed", "5", .. Quick]).ExitCode);

        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(again));
        Assert.NotEqual(File.ReadAllBytes(first), File.ReadAllBytes(other));
    }

    [Fact]
    public void HistoryHasOneRowPerEpochAndTheKeptEpochIsTheBest()
    {
        using var temp = new TempDirectory();
        string history = temp.File("history.csv");
        string model = temp.File("m.safetensors");

        CliResult result = Tool.Run(["train", "--input", NabFile.Path, "--out", model, "--history", history, "--hidden", "6", "--epochs", "5", "--rows", "800"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        string[] lines = File.ReadAllLines(history);
        Assert.Equal("epoch,training_loss,validation_loss", lines[0]);
        Assert.Equal(6, lines.Length);
        double[] validation = lines.Skip(1).Select(l => double.Parse(l.Split(',')[2], CultureInfo.InvariantCulture)).ToArray();
        int best = Array.IndexOf(validation, validation.Min()) + 1;
        using JsonDocument training = JsonDocument.Parse(Property(ModelImporter.Load(model), "training"));
        Assert.Equal(best, training.RootElement.GetProperty("best_epoch").GetInt32());
        Assert.Equal(validation.Min(), training.RootElement.GetProperty("validation_loss").GetDouble());
        Assert.Contains($"Kept epoch {best} ", result.Out);
    }

    [Fact]
    public void InitContinuesFromAModelWithItsShapeAndRefusesAnother()
    {
        using var temp = new TempDirectory();
        string first = temp.File("first.safetensors"), second = temp.File("second.safetensors");
        Assert.Equal(0, Tool.Run(["train", "--input", NabFile.Path, "--out", first, "--cell", "gru", .. Quick]).ExitCode);

        CliResult continued = Tool.Run("train", "--input", NabFile.Path, "--init", first, "--out", second, "--epochs", "1", "--rows", "800");
        CliResult refused = Tool.Run("train", "--input", NabFile.Path, "--init", first, "--hidden", "12", "--out", temp.File("x.safetensors"), "--rows", "800");

        Assert.True(continued.ExitCode == 0, continued.ToString());
        Assert.Contains("Trained a GRU next-step predictor: 1 input(s), 1 layer(s) of 6", continued.Out);
        Assert.Equal(ModelImporter.Load(first).Normalization, ModelImporter.Load(second).Normalization);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("asks for a Gru (Tanh) with 1 input(s), 1 layer(s) of 12", refused.Error);
    }

    [Fact]
    public void AnRnnAutoencoderSaysSoInTheFile()
    {
        using var temp = new TempDirectory();
        string model = temp.File("m.safetensors");

        CliResult result = Tool.Run(["train", "--input", NabFile.Path, "--out", model, "--cell", "rnn", "--nonlinearity", "relu", "--mode", "autoencoder", "--layers", "2", .. Quick]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Trained an RNN (relu) reconstruction autoencoder (noise 0.1)", result.Out);
        NetworkModel network = ModelImporter.Load(model);
        Assert.Equal(3, network.Layers.Count);
        Assert.Equal(ActivationKind.Relu, ((RecurrentLayer)network.Layers[1]).Directions[0].Activations[0].Kind);
        Assert.Equal("autoencoder", Property(network, "task"));
    }

    [Fact]
    public void HelpListsTrainAndItsOptions()
    {
        CliResult root = Tool.Run("--help");
        CliResult train = Tool.Run("train", "--help");

        Assert.Contains("train", root.Out);
        Assert.Equal(0, train.ExitCode);
        foreach (string option in new[] { "--input", "--columns", "--cell", "--hidden", "--epochs", "--window", "--learning-rate", "--seed", "--validation-fraction", "--mode", "--out" })
        {
            Assert.Contains(option, train.Out);
        }
    }

    private static string Property(NetworkModel model, string key) => model.Metadata.Properties.Single(p => p.Key == key).Value;

    // time (not a number), a = sin, b = 100 + row: 200 rows.
    private static string WriteThreeColumns(string path)
    {
        var lines = Enumerable.Range(0, 200).Select(r => string.Create(CultureInfo.InvariantCulture,
            $"2024-01-01T00:{r / 60:D2}:{r % 60:D2},{Math.Sin(r / 5.0):R},{100 + r}"));
        File.WriteAllLines(path, new[] { "time,a,b" }.Concat(lines));
        return path;
    }
}
