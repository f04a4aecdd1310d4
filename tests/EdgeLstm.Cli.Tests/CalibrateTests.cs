using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using EdgeLstm.Cli.Tests.Infrastructure;
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
        string input = GoldenCase.WriteCsv(temp.File("normal.csv"), golden.Input, golden.InputSize);
        string output = temp.File("calibration.json");

        CliResult result = Tool.Run("calibrate", golden.AnyModel, "--input", input, "--out", output,
            "--fraction", fraction.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--quantile", quantile.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.True(result.ExitCode == 0, result.ToString());
        int rows = (int)(golden.Steps * fraction);
        double[] scores = Enumerable.Range(0, rows - 1)
            .Select(t => Enumerable.Range(0, 3).Average(c => Math.Abs(golden.Output[t * 3 + c] - golden.Input[(t + 1) * 3 + c])))
            .OrderBy(s => s).ToArray();
        double position = quantile * (scores.Length - 1);
        int below = (int)position;
        double expected = scores[below] + (scores[Math.Min(below + 1, scores.Length - 1)] - scores[below]) * (position - below);

        using JsonDocument json = JsonDocument.Parse(File.ReadAllText(output));
        Assert.Equal(expected, json.RootElement.GetProperty("threshold").GetDouble(), 5);
        Assert.Equal(rows - 1, json.RootElement.GetProperty("samples").GetInt32());
        Assert.Equal(quantile, json.RootElement.GetProperty("quantile").GetDouble());
        Assert.Contains(output, result.Out);
    }

    [Theory]
    [InlineData("lstm_i3_h12_bidir_dense2", "streaming")]
    [InlineData("gru_i4_h32_l2_dense1", "reads 4 input(s) but writes 1 output(s)")]
    public void ModelsThatCannotPredictTheirNextInputAreBadInput(string caseName, string message)
    {
        GoldenCase golden = GoldenCase.Load(caseName);
        using var temp = new TempDirectory();
        string input = GoldenCase.WriteCsv(temp.File("normal.csv"), golden.Input, golden.InputSize);

        CliResult result = Tool.Run("calibrate", golden.AnyModel, "--input", input, "--out", temp.File("c.json"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error);
        Assert.False(File.Exists(temp.File("c.json")));
    }
}
