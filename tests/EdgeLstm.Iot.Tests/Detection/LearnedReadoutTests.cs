using System;
using EdgeLstm.Iot.Detection;
using EdgeLstm.Iot.Tests.Support;
using Xunit;

namespace EdgeLstm.Iot.Tests.Detection;

public sealed class LearnedReadoutTests
{
    private static readonly DetectorOptions Learned = new()
    {
        Mode = DetectionMode.LearnedReadout,
        CalibrationSamples = 300,
        FixedThreshold = 0.5,
        QuietSamples = 5,
    };

    private static float Signal(int i) => (float)(10 + (3 * Math.Sin(i * 2 * Math.PI / 50)) + (0.2 * Math.Sin(i * 0.37)));

    [Fact]
    public void ProcessingASampleAllocatesNothingOnEitherTimeScale()
    {
        var detector = new AnomalyDetector<FeatureModel>(default, default, Learned);
        var v = new float[1];
        var time = DateTimeOffset.UnixEpoch;
        for (int i = 0; i < 3000; i++)
        {
            v[0] = Signal(i);
            detector.Process(v, time.AddMinutes(5 * i)); // learning, likelihood estimation, JIT tiering
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        int started = 0;
        for (int i = 3000; i < 9000; i++)
        {
            v[0] = i == 6000 ? 40f : Signal(i);
            started += detector.Process(v, time.AddMinutes(5 * i)).Transition == EventTransition.Started ? 1 : 0;
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(started >= 1, "the loop ran through the spike at 6000 without an alarm");
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void ScoresStayInZeroToOneAndAreZeroWhileLearning()
    {
        var detector = new AnomalyDetector<FeatureModel>(default, default, Learned);
        for (int i = 0; i < 2000; i++)
        {
            double score = detector.Process([i == 1500 ? 30f : Signal(i)], DateTimeOffset.UnixEpoch.AddMinutes(i)).Score;
            Assert.InRange(score, 0.0, 1.0);
            if (i < Learned.CalibrationSamples)
            {
                Assert.Equal(0.0, score);
            }
        }
    }

    [Fact]
    public void ASpikeBeyondTheRangeSeenScoresOneAndSilencesTheNextSamples()
    {
        var detector = new AnomalyDetector<FeatureModel>(default, default, Learned);
        for (int i = 0; i < 1000; i++)
        {
            detector.Process([Signal(i)], DateTimeOffset.UnixEpoch.AddMinutes(i));
        }

        var spike = detector.Process([100f], DateTimeOffset.UnixEpoch.AddMinutes(1000));
        var after = detector.Process([120f], DateTimeOffset.UnixEpoch.AddMinutes(1001));

        Assert.Equal(1.0, spike.Score);
        Assert.Equal(EventTransition.Started, spike.Transition);
        Assert.Equal(0.0, after.Score); // suppressed: one incident, one alarm
    }

    [Fact]
    public void ASavedStateRestoresAnIdenticalDetector()
    {
        var first = new AnomalyDetector<FeatureModel>(default, default, Learned);
        for (int i = 0; i < 1200; i++)
        {
            first.Process([Signal(i)], DateTimeOffset.UnixEpoch.AddMinutes(i));
        }

        var saved = first.CaptureCalibration()!;
        var second = new AnomalyDetector<FeatureModel>(default, default, Learned, saved);
        for (int i = 1200; i < 2500; i++)
        {
            float v = i == 2000 ? 25f : Signal(i);
            var a = first.Process([v], DateTimeOffset.UnixEpoch.AddMinutes(i));
            var b = second.Process([v], DateTimeOffset.UnixEpoch.AddMinutes(i));
            Assert.Equal(a.Score, b.Score);
            Assert.Equal(a.Transition, b.Transition);
        }
    }

    [Fact]
    public void AStateSavedWithOtherSettingsIsRefusedWithAReason()
    {
        var detector = new AnomalyDetector<FeatureModel>(default, default, Learned);
        detector.Process([1f], DateTimeOffset.UnixEpoch);
        var saved = detector.CaptureCalibration()!;

        var ex = Assert.Throws<System.IO.InvalidDataException>(() => new AnomalyDetector<FeatureModel>(default, default, Learned with { CalibrationSamples = 400 }, saved));
        Assert.Contains("learning 300", ex.Message);
    }
}
