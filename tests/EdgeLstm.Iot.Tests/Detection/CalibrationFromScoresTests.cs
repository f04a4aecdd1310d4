using System;
using EdgeLstm.Iot.Detection;
using Xunit;

namespace EdgeLstm.Iot.Tests.Detection;

/// <summary>
/// <see cref="CalibrationResult.FromScores"/> is the detector's calibration and the CLI's. Expected values come from
/// NumPy: np.quantile (default linear method), mean, std(ddof=1).
/// </summary>
public sealed class CalibrationFromScoresTests
{
    [Theory]
    [InlineData(new[] { 1.0, 2, 3, 4, 10 }, 0.9, 7.6000000000000005, 4.0, 3.5355339059327378)]
    [InlineData(new[] { 4.0, 1, 3, 2 }, 0.25, 1.75, 2.5, 1.2909944487358056)]
    [InlineData(new[] { 0.0, 10 }, 0.995, 9.95, 5.0, 7.0710678118654755)]
    public void NextStepThresholdIsTheStandardisedQuantileTimesTheScale(double[] scores, double q, double quantile, double mean, double std)
    {
        var options = new DetectorOptions { CalibrationQuantile = q, ThresholdScale = 1.5, ExitRatio = 0.5 };

        var result = CalibrationResult.FromScores(scores, options);

        Assert.Equal(mean, result.ErrorMean, 12);
        Assert.Equal(std, result.ErrorStd, 12);
        Assert.Equal((quantile - mean) / std * 1.5, result.Threshold, 12);
        Assert.Equal(result.Threshold * 0.5, result.ExitThreshold, 12);
        Assert.Equal(scores.Length, result.SampleCount);
        Assert.Equal(q, result.Quantile);
    }

    [Fact]
    public void DirectModeThresholdIsTheRawQuantileTimesTheScale()
    {
        var result = CalibrationResult.FromScores(new[] { 0.1, 0.2, 0.3, 0.4 }, new DetectorOptions { Mode = DetectionMode.DirectScore, CalibrationQuantile = 1.0, ThresholdScale = 2 });

        Assert.Equal(0.0, result.ErrorMean);
        Assert.Equal(1.0, result.ErrorStd);
        Assert.Equal(0.8, result.Threshold, 12);
    }

    [Fact]
    public void TheDetectorCalibratesToTheSameResultOnTheSameScores()
    {
        // LastValueModel predicts x[t] = x[t-1], so the score at t is |x[t] - x[t-1]|; sample 0 is the warm-up (and has no
        // prediction to score), samples 1-5 fill the calibration span.
        float[] samples = [5, 5, 6, 4, 4, 9, 7];
        var options = new DetectorOptions { WarmupSamples = 1, CalibrationSamples = 5, CalibrationQuantile = 0.8 };
        var detector = new AnomalyDetector<Support.LastValueModel>(default, options);
        foreach (float x in samples)
        {
            detector.Process([x], DateTimeOffset.UnixEpoch);
        }

        var expected = CalibrationResult.FromScores(new[] { 0.0, 1, 2, 0, 5 }, options);
        Assert.Equal(expected, detector.Calibration);
    }

    [Fact]
    public void RefusesNoScoresAndNonFiniteScores()
    {
        Assert.Throws<ArgumentException>(() => CalibrationResult.FromScores(Span<double>.Empty, new DetectorOptions()));
        Assert.Throws<ArgumentException>(() => CalibrationResult.FromScores(new[] { 1.0, double.NaN }, new DetectorOptions()));
    }
}
