using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using EdgeLstm.Import;
using EdgeLstm.Model;
using EdgeLstm.Training.Data;
using EdgeLstm.Training.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace EdgeLstm.Training.Tests.Training;

/// <summary>
/// A few epochs on a real NAB series (nyc_taxi, 10,320 rows) from the same initial weights, windows, batches and
/// settings as PyTorch (Fixtures/training_quality.json, make_fixtures.py): the validation loss must come within 10 %
/// of what torch.optim.Adam reaches in float32, and follow PyTorch's float64 run, epoch by epoch, closely.
/// </summary>
public sealed class TrainingQualityTests(ITestOutputHelper output)
{
    private static readonly JsonElement Fixture = LoadFixture();

    [Theory]
    [InlineData("LSTM")]
    [InlineData("GRU")]
    public void ValidationLossComesWithinTenPercentOfPyTorchAdam(string cell)
    {
        JsonElement expected = Fixture.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("cell").GetString() == cell);
        NetworkModel initial = ModelImporter.Load(TestFiles.Fixture(expected.GetProperty("initial_weights").GetString()!));

        TrainingResult result = Trainer.Train(Series(), Options(cell), initial);

        double[] torch32 = Losses(expected.GetProperty("torch_float32"), "validation_loss");
        double[] torch64 = Losses(expected.GetProperty("torch_float64"), "validation_loss");
        double[] ours = result.History.Select(e => e.ValidationLoss!.Value).ToArray();
        for (int e = 0; e < ours.Length; e++)
        {
            output.WriteLine($"{cell} epoch {e + 1}: ours {ours[e]:G9}  torch float64 {torch64[e]:G9}  torch float32 {torch32[e]:G9}");
        }

        Assert.Equal(torch32.Length, ours.Length);
        double final = ours[^1], torchFinal = torch32[^1];
        Assert.True(Math.Abs(final - torchFinal) <= 0.10 * torchFinal, $"{cell}: validation loss {final:G6} vs PyTorch float32 {torchFinal:G6}");
        // The same arithmetic in the same precision: the whole trajectory agrees far more closely than the 10 % asked.
        for (int e = 0; e < ours.Length; e++)
        {
            Assert.True(Math.Abs(ours[e] - torch64[e]) <= 1e-6 * torch64[e], $"{cell} epoch {e + 1}: {ours[e]:R} vs PyTorch float64 {torch64[e]:R}");
        }
        // And training did something: the loss fell well below the untrained model's.
        Assert.True(final < 0.5 * ours[0] || final < 0.1, $"{cell}: validation loss went from {ours[0]:G4} to {final:G4}");
    }

    [Fact]
    public void TheDataIsCutAsPyTorchCutIt()
    {
        TrainingResult result = Trainer.Train(Series(), Options("LSTM") with { Epochs = 1 });

        TrainingDataSummary data = result.Data;
        Assert.Equal(Fixture.GetProperty("training_rows").GetInt32(), data.TrainingRows);
        Assert.Equal(Fixture.GetProperty("validation_rows").GetInt32(), data.ValidationRows);
        Assert.Equal(Fixture.GetProperty("training_windows").GetInt32(), data.TrainingWindows);
        Assert.Equal(Fixture.GetProperty("validation_windows").GetInt32(), data.ValidationWindows);
        // Computed from the data here (no initial model): NumPy's float64 mean and population std, rounded to float32.
        Assert.Equal((float)Fixture.GetProperty("input_mean_float64").GetDouble(), data.Normalization.Mean[0]);
        Assert.Equal((float)Fixture.GetProperty("input_std_float64").GetDouble(), data.Normalization.Std[0]);
        Assert.Equal((float)Fixture.GetProperty("input_mean").GetDouble(), data.Normalization.Mean[0]);
    }

    private static TimeSeries Series() => TestFiles.NabSeries(Fixture.GetProperty("series").GetString()!);

    private static TrainingOptions Options(string cell)
    {
        JsonElement settings = Fixture.GetProperty("settings");
        return new TrainingOptions
        {
            Cell = cell == "LSTM" ? CellKind.Lstm : CellKind.Gru,
            Hidden = settings.GetProperty("hidden").GetInt32(),
            Window = settings.GetProperty("window").GetInt32(),
            Stride = settings.GetProperty("stride").GetInt32(),
            BatchSize = settings.GetProperty("batch_size").GetInt32(),
            LearningRate = settings.GetProperty("learning_rate").GetDouble(),
            Epochs = settings.GetProperty("epochs").GetInt32(),
            Seed = settings.GetProperty("seed").GetUInt64(),
            ValidationFraction = settings.GetProperty("validation_fraction").GetDouble(),
            GradientClipNorm = settings.GetProperty("gradient_clip_norm").GetDouble(),
            Patience = 100,
        };
    }

    private static double[] Losses(JsonElement history, string key)
        => history.EnumerateArray().Select(e => e.GetProperty(key).GetDouble()).ToArray();

    private static JsonElement LoadFixture()
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(TestFiles.Fixture("training_quality.json")));
        return document.RootElement.Clone();
    }
}
