using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using EdgeLstm.Iot.Detection;
using Xunit;

namespace EdgeLstm.Iot.Tests.Detection;

public sealed class AnomalyLikelihoodTests
{
    /// <summary>
    /// Fixtures/likelihood.json comes from likelihood_fixture.py: NuPIC's algorithm written out in Python (deques,
    /// per-re-estimation moving averages, math.erfc), sharing no code with the detector. 900 steps cross the
    /// probationary period, several re-estimations, the historic window's overflow, red onsets lifted to yellow.
    /// </summary>
    [Fact]
    public void EveryLikelihoodMatchesAnIndependentTranscriptionOfNuPic()
    {
        using var fixture = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Detection", "Fixtures", "likelihood.json")));
        var root = fixture.RootElement;
        var settings = root.GetProperty("settings");
        double[] scores = root.GetProperty("scores").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        double[] values = root.GetProperty("values").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        double[] expected = root.GetProperty("likelihoods").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var likelihood = new AnomalyLikelihood(settings.GetProperty("learning").GetInt32(), settings.GetProperty("estimation").GetInt32(),
            settings.GetProperty("historic").GetInt32(), settings.GetProperty("reestimation").GetInt32(), settings.GetProperty("averaging").GetInt32());

        int onsets = 0;
        for (int i = 0; i < scores.Length; i++)
        {
            double actual = likelihood.Next(scores[i], values[i]);
            // Compare tail probabilities 1 - L relatively: Python's erfc is exact, ours a 1.2e-7 fit.
            double expectedTail = 1 - expected[i], actualTail = 1 - actual;
            Assert.True(Math.Abs(expectedTail - actualTail) <= (2e-7 * expectedTail) + 1e-12, $"step {i}: {actual:R}, NuPIC {expected[i]:R}");
            onsets += expected[i] > 0.99999 ? 1 : 0;
        }

        Assert.Equal(2, onsets); // the fixture reaches the red zone twice (and is lifted to yellow after each onset)
    }

    [Theory]
    [InlineData(0.5, 0.0301029996658834)]       // HTM's flat output in NAB's results files
    [InlineData(1 - 1e-5, 0.49999956750453395)]  // the red zone's edge
    [InlineData(0.0, 0.0)]
    public void LogScaleIsNabsComputeLogLikelihood(double likelihood, double expected)
        => Assert.Equal(expected, AnomalyLikelihood.LogScale(likelihood), 10);

    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(0.5, 0.4795001221869535)]        // erfc values from Python's math.erfc
    [InlineData(2.0, 0.004677734981047265)]
    [InlineData(-1.0, 1.842700792949715)]
    public void ErfcAgreesWithPythonsToSevenDigits(double x, double expected)
        => Assert.Equal(expected, AnomalyLikelihood.Erfc(x), 1.2e-7 * expected);
}
