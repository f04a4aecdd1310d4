using System;
using System.Collections.Generic;
using EdgeLstm.Iot.Detection;
using EdgeLstm.Iot.Sources;
using EdgeLstm.Iot.Tests.Support;
using Xunit;

namespace EdgeLstm.Iot.Tests.Detection;

public sealed class AnomalyDetectorTests
{
    private static readonly SimulatedSignal Machine = new() { Offset = 20, Components = [new(3, 200), new(1, 37)], NoiseStd = 0.2 };

    private static readonly DetectorOptions NextStep = new()
    {
        WarmupSamples = 5,
        CalibrationSamples = 1000,
        CalibrationQuantile = 0.999,
        ThresholdScale = 1.5,
        ExitRatio = 0.5,
        QuietSamples = 5,
    };

    private static List<(DetectorStep Step, AnomalyEvent? Ended)> Run(AnomalyDetector<LastValueModel> detector, SimulatedSensorSource source, int count)
    {
        var steps = new List<(DetectorStep, AnomalyEvent?)>();
        var v = new float[1];
        for (int i = 0; i < count; i++)
        {
            var r = source.Read(v);
            var step = detector.Process(v, r.Timestamp);
            steps.Add((step, step.Transition == EventTransition.Ended ? detector.LastEvent : null));
        }

        return steps;
    }

    [Fact]
    public void PhasesFollowWarmupThenCalibrationThenDetection()
    {
        var detector = new AnomalyDetector<LastValueModel>(default, NextStep);
        var steps = Run(detector, new SimulatedSensorSource([Machine], 1), 1100);

        Assert.All(steps.GetRange(0, 5), s => Assert.Equal(DetectorPhase.WarmingUp, s.Step.Phase));
        Assert.All(steps.GetRange(5, 1000), s => Assert.Equal(DetectorPhase.Calibrating, s.Step.Phase));
        Assert.All(steps.GetRange(1005, 95), s => Assert.Equal(DetectorPhase.Detecting, s.Step.Phase));
        Assert.NotNull(detector.Calibration);
        Assert.Equal(1000, detector.Calibration!.SampleCount);
    }

    [Fact]
    public void CalibrationMatchesAnIndependentComputation()
    {
        // Errors of "last value" on a known series, computed here without the detector.
        var series = new float[1005];
        var source = new SimulatedSensorSource([Machine], 9);
        var v = new float[1];
        for (int i = 0; i < series.Length; i++)
        {
            source.Read(v);
            series[i] = v[0];
        }

        var errors = new double[1000];
        for (int i = 0; i < 1000; i++)
        {
            // Samples 0..4 warm up (0 has no prediction yet); sample k >= 5 scores |x_k - x_{k-1}| (RMS of one channel).
            errors[i] = Math.Abs(series[i + 5] - series[i + 4]);
        }

        double mean = 0;
        foreach (var e in errors)
        {
            mean += e;
        }

        mean /= errors.Length;
        double ss = 0;
        foreach (var e in errors)
        {
            ss += (e - mean) * (e - mean);
        }

        double std = Math.Sqrt(ss / (errors.Length - 1));
        var sorted = (double[])errors.Clone();
        Array.Sort(sorted);
        double position = 0.999 * 999; // linear interpolation between order statistics
        double q = sorted[(int)position] + (sorted[(int)position + 1] - sorted[(int)position]) * (position - Math.Floor(position));

        var detector = new AnomalyDetector<LastValueModel>(default, NextStep);
        Run(detector, new SimulatedSensorSource([Machine], 9), 1005);

        var c = detector.Calibration!;
        Assert.Equal(mean, c.ErrorMean, 5);
        Assert.Equal(std, c.ErrorStd, 5);
        Assert.Equal((q - mean) / std * 1.5, c.Threshold, 3);
        Assert.Equal(c.Threshold * 0.5, c.ExitThreshold, 10);
    }

    [Fact]
    public void OneInjectedSpikeGivesExactlyOneEventAtTheSpike()
    {
        var source = new SimulatedSensorSource([Machine], 2, [new(SimulatedAnomalyKind.Spike, 3000, Magnitude: 15)]);
        var detector = new AnomalyDetector<LastValueModel>(default, NextStep);

        var steps = Run(detector, source, 5000);

        var started = steps.FindAll(s => s.Step.Transition == EventTransition.Started);
        var ended = steps.FindAll(s => s.Step.Transition == EventTransition.Ended);
        Assert.Single(started);
        Assert.Single(ended);
        Assert.Equal(3000, started[0].Step.Index);
        var anomaly = ended[0].Ended!.Value;
        Assert.Equal(3000, anomaly.StartIndex);
        // "Last value" also errs one step later, when the spike drops out again: one event covers both.
        Assert.Equal(3001, anomaly.EndIndex);
        Assert.InRange(anomaly.PeakIndex, 3000, 3001);
        Assert.Equal(source.StartTime.AddSeconds(3000), anomaly.StartTime);
        Assert.True(anomaly.PeakScore > detector.Threshold);
        Assert.Equal(3001 + 5, ended[0].Step.Index); // closed after five quiet samples
    }

    [Fact]
    public void HysteresisKeepsAFlickeringAnomalyAsOneEvent()
    {
        // Scores in direct mode are the input itself: 0.9, 0.3 (below threshold, above exit), 0.9 ... one event.
        var options = new DetectorOptions { Mode = DetectionMode.DirectScore, AnomalyOutputIndex = 1, WarmupSamples = 0, FixedThreshold = 0.5, ExitRatio = 0.4, QuietSamples = 3 };
        var detector = new AnomalyDetector<PassThroughProbabilityModel>(default, options);
        float[] scores = [0.1f, 0.9f, 0.3f, 0.9f, 0.25f, 0.6f, 0.1f, 0.1f, 0.1f, 0.1f, 0.7f, 0.1f, 0.1f, 0.1f];
        var transitions = new List<(long, EventTransition)>();
        var events = new List<AnomalyEvent>();
        for (int i = 0; i < scores.Length; i++)
        {
            var step = detector.Process([scores[i]], DateTimeOffset.UnixEpoch.AddSeconds(i));
            if (step.Transition != EventTransition.None)
            {
                transitions.Add((step.Index, step.Transition));
            }

            if (step.Transition == EventTransition.Ended)
            {
                events.Add(detector.LastEvent);
            }
        }

        Assert.Equal([(1L, EventTransition.Started), (8L, EventTransition.Ended), (10L, EventTransition.Started), (13L, EventTransition.Ended)], transitions);
        Assert.Equal(new AnomalyEvent(1, DateTimeOffset.UnixEpoch.AddSeconds(1), 5, DateTimeOffset.UnixEpoch.AddSeconds(5), 1, DateTimeOffset.UnixEpoch.AddSeconds(1), 0.9f), events[0]);
    }

    [Fact]
    public void OpenEventIsClosedAtTheEndOfTheStream()
    {
        var options = new DetectorOptions { Mode = DetectionMode.DirectScore, AnomalyOutputIndex = 1, WarmupSamples = 0, FixedThreshold = 0.5 };
        var detector = new AnomalyDetector<PassThroughProbabilityModel>(default, options);
        detector.Process([0.8f], DateTimeOffset.UnixEpoch);
        detector.Process([0.95f], DateTimeOffset.UnixEpoch.AddSeconds(1));

        Assert.True(detector.TryCloseOpenEvent(out var last));
        Assert.Equal(1, last.EndIndex);
        Assert.Equal(0.95f, last.PeakScore, 6);
        Assert.False(detector.TryCloseOpenEvent(out _));
    }

    [Fact]
    public void ProcessAllocatesNothingPerSample()
    {
        var detector = new AnomalyDetector<LastValueModel>(default, NextStep with { CalibrationSamples = 200 });
        var source = new SimulatedSensorSource([Machine], 3, [new(SimulatedAnomalyKind.Spike, 2500, Magnitude: 20)]);
        var sample = new float[1];
        var v = sample.AsSpan();
        for (int i = 0; i < 2000; i++)
        {
            detector.Process(v, source.Read(v).Timestamp); // warm-up, calibration, JIT tiering
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        int events = 0;
        for (int i = 0; i < 5000; i++)
        {
            var r = source.Read(v);
            if (detector.Process(v, r.Timestamp).Transition == EventTransition.Started)
            {
                events++;
            }
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(1, events); // the loop really ran through an anomaly
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void CalibrationBufferIsPreSizedSoCalibratingAllocatesNothing()
    {
        var detector = new AnomalyDetector<LastValueModel>(default, NextStep with { CalibrationSamples = 10000, WarmupSamples = 1 });
        var v = new float[1];
        for (int i = 0; i < 3000; i++)
        {
            v[0] = i % 5; // reach the calibrating phase and let the JIT settle
            detector.Process(v, default);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 3000; i++)
        {
            v[0] = i % 7;
            detector.Process(v, default);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(DetectorPhase.Calibrating, detector.Phase);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void InputNormalisationIsAppliedBeforeTheModel()
    {
        // With mean 10 and std 2, a step from 10 to 14 is an error of 2 standardised units.
        var options = new DetectorOptions { InputMean = [10f], InputStd = [2f], WarmupSamples = 1, FixedThreshold = 100 };
        var detector = new AnomalyDetector<LastValueModel>(default, options);
        detector.Process([10f], default);
        var step = detector.Process([14f], default);
        Assert.Equal(2.0, step.Score, 6);
    }

    [Fact]
    public void LoadedCalibrationSkipsCalibration()
    {
        var calibration = new CalibrationResult { Mode = DetectionMode.NextStepPrediction, ErrorMean = 1, ErrorStd = 0.5, Threshold = 4, ExitThreshold = 2, SampleCount = 100 };
        var detector = new AnomalyDetector<LastValueModel>(default, NextStep with { WarmupSamples = 1 }, calibration);
        detector.Process([0f], default);
        var step = detector.Process([4f], default); // error 4 → (4 - 1) / 0.5 = 6 > 4
        Assert.Equal(DetectorPhase.Detecting, step.Phase);
        Assert.Equal(6.0, step.Score, 6);
        Assert.Equal(EventTransition.Started, step.Transition);
    }

    [Fact]
    public void AdaptiveThresholdFollowsABenignNoiseIncrease()
    {
        var quiet = new SimulatedSignal { Offset = 5, NoiseStd = 0.1 };
        var options = NextStep with { CalibrationSamples = 500, AdaptiveThreshold = true, AdaptationRate = 0.01 };
        var adaptive = new AnomalyDetector<LastValueModel>(default, options);
        var fixedThreshold = new AnomalyDetector<LastValueModel>(default, options with { AdaptiveThreshold = false });
        var v = new float[1];
        var calibrationSource = new SimulatedSensorSource([quiet], 4);
        for (int i = 0; i < 505; i++)
        {
            calibrationSource.Read(v);
            adaptive.Process(v, default);
            fixedThreshold.Process(v, default);
        }

        double calibratedMean = adaptive.ErrorMean;
        Assert.Equal(adaptive.Calibration!.ErrorMean, calibratedMean);

        // Noise slowly doubles: a gradual ramp the adaptive detector should absorb.
        var rng = new SimulatedSensorSource([new SimulatedSignal { NoiseStd = 1 }], 5);
        var noise = new float[1];
        for (int i = 0; i < 3000; i++)
        {
            rng.Read(noise);
            v[0] = 5 + noise[0] * (0.1f + 0.1f * Math.Min(1f, i / 2000f));
            adaptive.Process(v, default);
            fixedThreshold.Process(v, default);
        }

        Assert.InRange(adaptive.ErrorMean / calibratedMean, 1.6, 2.4); // the error level doubled with the noise
        Assert.Equal(fixedThreshold.Calibration!.ErrorMean, fixedThreshold.ErrorMean);
    }

    [Fact]
    public void RefusesANonStreamingModelAndBadOptions()
    {
        Assert.Throws<ArgumentException>(() => new AnomalyDetector<WholeWindowModel>(default, new DetectorOptions()));
        Assert.Throws<ArgumentException>(() => new AnomalyDetector<PassThroughProbabilityModel>(default, new DetectorOptions { Mode = DetectionMode.DirectScore, AnomalyOutputIndex = 2 }));
        Assert.Throws<ArgumentException>(() => new AnomalyDetector<LastValueModel>(default, new DetectorOptions { ScoredChannels = [1] }));
        Assert.Throws<ArgumentException>(() => new AnomalyDetector<LastValueModel>(default, new DetectorOptions { InputMean = [0f], InputStd = [0f] }));
    }

    [Fact]
    public void ScoredChannelsRestrictTheError()
    {
        var options = new DetectorOptions { ScoredChannels = [2], WarmupSamples = 1, FixedThreshold = 100 };
        var detector = new AnomalyDetector<LastValueModel3>(new LastValueModel3(), options);
        detector.Process([0f, 0f, 0f], default);
        var step = detector.Process([50f, -50f, 3f], default);
        Assert.Equal(3.0, step.Score, 6);
    }
}
