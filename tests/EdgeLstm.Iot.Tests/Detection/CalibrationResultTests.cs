using System;
using System.IO;
using EdgeLstm.Iot.Detection;
using EdgeLstm.Iot.Tests.Support;
using Xunit;

namespace EdgeLstm.Iot.Tests.Detection;

public sealed class CalibrationResultTests : IDisposable
{
    private readonly string _directory = TestData.NewTempDirectory();

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void RoundTripsThroughJson()
    {
        var original = new CalibrationResult { Mode = DetectionMode.DirectScore, ErrorMean = 0.25, ErrorStd = 1.5, Threshold = 3.75, ExitThreshold = 1.875, Quantile = 0.999, SampleCount = 604 };
        string path = Path.Combine(_directory, "calibration.json");

        original.Save(path);
        var loaded = CalibrationResult.Load(path);

        Assert.Equal(original, loaded);
        string text = File.ReadAllText(path);
        Assert.Contains("\"mode\": \"DirectScore\"", text);
        Assert.Contains("\"threshold\": 3.75", text);
    }

    // What files written by JsonStringEnumConverter (before DetectionModeJsonConverter) or by hand may hold.
    [Theory]
    [InlineData("\"NextStepPrediction\"", DetectionMode.NextStepPrediction)]
    [InlineData("\"directscore\"", DetectionMode.DirectScore)]
    [InlineData("\"LEARNEDREADOUT\"", DetectionMode.LearnedReadout)]
    [InlineData("2", DetectionMode.LearnedReadout)]
    public void ReadsTheModeByNameInAnyCaseOrByNumber(string mode, DetectionMode expected)
    {
        string path = Path.Combine(_directory, "calibration.json");
        File.WriteAllText(path, $"{{\"formatVersion\":1,\"mode\":{mode},\"errorStd\":1,\"threshold\":1,\"exitThreshold\":0}}");

        Assert.Equal(expected, CalibrationResult.Load(path).Mode);
    }

    [Theory]
    [InlineData("{\"formatVersion\":1,\"mode\":7}", "mode must be one of NextStepPrediction, DirectScore, LearnedReadout")]
    [InlineData("{\"formatVersion\":1,\"mode\":null}", "not valid calibration JSON")]
    [InlineData("{\"formatVersion\":2,\"errorStd\":1,\"threshold\":1,\"exitThreshold\":0}", "formatVersion is 2")]
    [InlineData("{\"formatVersion\":1,\"errorStd\":0,\"threshold\":1,\"exitThreshold\":0}", "errorStd (0)")]
    [InlineData("{\"formatVersion\":1,\"errorStd\":1,\"threshold\":1,\"exitThreshold\":2}", "exitThreshold <= threshold")]
    [InlineData("{\"formatVersion\":1,\"errorStd\":1,\"threshold\":\"NaN\",\"exitThreshold\":0}", "must be finite")]
    [InlineData("{\"formatVersion\":1,\"mode\":\"Sideways\"}", "not valid calibration JSON")]
    [InlineData("[1,2", "not valid calibration JSON")]
    [InlineData("null", "JSON null")]
    public void RejectsBadFilesNamingFileAndProblem(string json, string expected)
    {
        string path = Path.Combine(_directory, "bad.json");
        File.WriteAllText(path, json);
        var ex = Assert.Throws<InvalidDataException>(() => CalibrationResult.Load(path));
        Assert.Contains(path, ex.Message);
        Assert.Contains(expected, ex.Message);
    }
}
