using EdgeLstm.Iot.Detection;
using EdgeLstm.Iot.Evaluation;
using EdgeLstm.Iot.Tests.Support;
using Xunit;

namespace EdgeLstm.Iot.Tests.Evaluation;

/// <summary>End to end on bundled NAB data with the "last value" baseline model (no generated model needed).</summary>
public sealed class NabEvaluatorTests
{
    [Fact]
    public void WindowsFileCoversTheBundledSeries()
    {
        var windows = NabDataSet.ReadWindows(TestData.Nab("windows.json"));
        Assert.Empty(windows["artificialNoAnomaly/art_daily_small_noise.csv"]);
        Assert.Equal(3, windows["realKnownCause/ec2_request_latency_system_failure.csv"].Count);
        Assert.Equal(new System.DateTime(2014, 4, 10, 16, 15, 0), windows["artificialWithAnomaly/art_daily_jumpsup.csv"][0].Start);
    }

    [Fact]
    public void LastValueBaselineDetectsTheJumpInArtDailyJumpsup()
    {
        const string File = "artificialWithAnomaly/art_daily_jumpsup.csv";
        var (timestamps, values) = NabDataSet.ReadSeries(TestData.Nab(File));
        var windows = NabDataSet.ReadWindows(TestData.Nab("windows.json"))[File];
        var options = new DetectorOptions { WarmupSamples = 5, CalibrationQuantile = 1.0, ThresholdScale = 1.2, QuietSamples = 10 };

        var score = NabEvaluator.Evaluate(default(LastValueModel), options, timestamps, values, windows);

        Assert.Equal(604, score.ProbationaryLength);
        Assert.Equal(1, score.WindowsDetected);
        Assert.True(score.RawScore > 0, $"raw score {score.RawScore} (FPs {score.FalsePositives})");
    }

    [Fact]
    public void ADetectorThatNeverFiresScoresMinusOnePerWindow()
    {
        const string File = "realKnownCause/ec2_request_latency_system_failure.csv";
        var (timestamps, values) = NabDataSet.ReadSeries(TestData.Nab(File));
        var windows = NabDataSet.ReadWindows(TestData.Nab("windows.json"))[File];
        var never = new DetectorOptions { WarmupSamples = 1, FixedThreshold = double.MaxValue };

        var score = NabEvaluator.Evaluate(default(LastValueModel), never, timestamps, values, windows);

        Assert.Equal(-3.0, score.RawScore, 12);
    }
}
