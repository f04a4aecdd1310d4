using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using EdgeLstm.Cli.Tests.Infrastructure;
using Xunit;

namespace EdgeLstm.Cli.Tests.Train;

/// <summary>
/// A trained model standardises its input itself (input_mean/input_std) and predicts the standardised next row, so
/// `calibrate` must compare its predictions with (x - mean) / std, not with x.
/// </summary>
public sealed class TrainThenCalibrateTests
{
    [Fact]
    public void CalibrateScoresATrainedModelInStandardisedUnits()
    {
        using var temp = new TempDirectory();
        string model = temp.File("m.safetensors");
        Assert.Equal(0, Tool.Run("train", "--input", NabFile.Path, "--out", model, "--hidden", "8", "--epochs", "40", "--learning-rate", "0.01", "--rows", "800").ExitCode);
        double[] values = NabFile.Values().Take(800).ToArray();
        string normal = temp.File("normal.csv");
        File.WriteAllLines(normal, values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
        string calibration = temp.File("calibration.json");

        CliResult result = Tool.Run("calibrate", model, "--input", normal, "--out", calibration);

        Assert.True(result.ExitCode == 0, result.ToString());
        // The detector's definition, with the model's own standardisation applied to the observed row.
        ReferenceModel reference = ReferenceModel.Load(model);
        float[] outputs = new float[values.Length];
        reference.Run(values.Select(v => (float)v).ToArray(), outputs);
        float mean = reference.Model.Normalization!.Mean[0], std = reference.Model.Normalization!.Std[0];
        double[] scores = Enumerable.Range(10, values.Length - 10).Select(t => Math.Abs(outputs[t - 1] - (values[t] - mean) / std)).ToArray();
        double scoreMean = scores.Average();
        double scoreStd = Math.Sqrt(scores.Sum(s => (s - scoreMean) * (s - scoreMean)) / (scores.Length - 1));

        using JsonDocument json = JsonDocument.Parse(File.ReadAllText(calibration));
        Assert.Equal(scoreMean, json.RootElement.GetProperty("errorMean").GetDouble(), 5);
        Assert.Equal(scoreStd, json.RootElement.GetProperty("errorStd").GetDouble(), 5);
        // A trained predictor's typical error is a fraction of one standard deviation of the data.
        Assert.True(scoreMean < 0.5, $"mean standardised error {scoreMean}");
    }
}
