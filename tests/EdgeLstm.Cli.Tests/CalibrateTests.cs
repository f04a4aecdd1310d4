using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using EdgeLstm.Cli.Tests.Infrastructure;
using EdgeLstm.Testing;
using Xunit;

namespace EdgeLstm.Cli.Tests;

public sealed class CalibrateTests
{
    [Theory]
    [InlineData(1.0, 0.995)]
    [InlineData(0.5, 0.9)]
    public void ThresholdIsTheQuantileOfNextStepErrors(double fraction, double quantile)
    {
        // lstm_i3_h16_dense3 reads 3 channels and writes 3: it can act as a next-step predictor. The expected threshold
        // is computed here from PyTorch's outputs, not from the reference implementation under test.
        GoldenCase golden = GoldenCase.Load("lstm_i3_h16_dense3");
        using var temp = new TempDirectory();
        string input = CaseFiles.WriteCsv(temp.File("normal.csv"), golden.Input, golden.InputSize);
        string output = temp.File("calibration.json");

        CliResult result = Tool.Run("calibrate", golden.AnyModel, "--input", input, "--out", output,
            "--fraction", fraction.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--quantile", quantile.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.True(result.ExitCode == 0, result.ToString());
        // The detector's definition (EdgeLstm.Iot AnomalyDetector, next-step mode): skip 10 warm-up steps; the score at t
        // is the RMS error of the prediction made at t-1; standardise by the scores' mean and sample deviation; the
        // threshold is the quantile in those units times 1.5, the exit threshold half of it.
        int rows = (int)(golden.Steps * fraction);
        double[] scores = Enumerable.Range(10, rows - 10)
            .Select(t => Math.Sqrt(Enumerable.Range(0, 3).Average(c => Math.Pow(golden.Output[(t - 1) * 3 + c] - golden.Input[t * 3 + c], 2))))
            .ToArray();
        double mean = scores.Average();
        double std = Math.Sqrt(scores.Sum(x => (x - mean) * (x - mean)) / (scores.Length - 1));
        double[] sorted = scores.OrderBy(x => x).ToArray();
        double position = quantile * (sorted.Length - 1);
        int below = (int)position;
        double raw = sorted[below] + (sorted[Math.Min(below + 1, sorted.Length - 1)] - sorted[below]) * (position - below);
        double threshold = (raw - mean) / std * 1.5;

        using JsonDocument json = JsonDocument.Parse(File.ReadAllText(output));
        JsonElement root = json.RootElement;
        Assert.Equal(1, root.GetProperty("formatVersion").GetInt32());
        Assert.Equal("NextStepPrediction", root.GetProperty("mode").GetString());
        Assert.Equal(mean, root.GetProperty("errorMean").GetDouble(), 6);
        Assert.Equal(std, root.GetProperty("errorStd").GetDouble(), 6);
        Assert.Equal(threshold, root.GetProperty("threshold").GetDouble(), 3);
        Assert.Equal(threshold / 2, root.GetProperty("exitThreshold").GetDouble(), 3);
        Assert.Equal(rows - 10, root.GetProperty("sampleCount").GetInt32());
        Assert.Equal(quantile, root.GetProperty("quantile").GetDouble());
        Assert.Contains(output, result.Out);
    }

    [Theory]
    [InlineData("lstm_i3_h12_bidir_dense2", "streaming")]
    [InlineData("gru_i4_h32_l2_dense1", "reads 4 input(s) but writes 1 output(s)")]
    public void ModelsThatCannotPredictTheirNextInputAreBadInput(string caseName, string message)
    {
        GoldenCase golden = GoldenCase.Load(caseName);
        using var temp = new TempDirectory();
        string input = CaseFiles.WriteCsv(temp.File("normal.csv"), golden.Input, golden.InputSize);

        CliResult result = Tool.Run("calibrate", golden.AnyModel, "--input", input, "--out", temp.File("c.json"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error);
        Assert.False(File.Exists(temp.File("c.json")));
    }
}
