using System;
using EdgeLstm.Iot.Sources;
using Xunit;

namespace EdgeLstm.Iot.Tests.Sources;

public sealed class SimulatedSensorSourceTests
{
    private static readonly SimulatedSignal Sine = new() { Offset = 10, Components = [new(2, 50)], NoiseStd = 0.1 };

    private static float[] Take(SimulatedSensorSource source, int count)
    {
        var values = new float[count];
        Span<float> v = stackalloc float[1];
        for (int i = 0; i < count; i++)
        {
            Assert.True(source.Read(v).IsOk);
            values[i] = v[0];
        }

        return values;
    }

    [Fact]
    public void SameSeedSameSeriesOtherSeedOtherSeries()
    {
        var a = Take(new SimulatedSensorSource([Sine], seed: 7), 200);
        var b = Take(new SimulatedSensorSource([Sine], seed: 7), 200);
        var c = Take(new SimulatedSensorSource([Sine], seed: 8), 200);
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void NoiselessSignalIsTheSumOfSines()
    {
        var signal = new SimulatedSignal { Offset = 1, Components = [new(2, 8), new(0.5, 4, Math.PI / 2)] };
        var values = Take(new SimulatedSensorSource([signal], seed: 1), 4);
        Assert.Equal(1 + 0 + 0.5f, values[0], 5);         // sin 0 = 0, sin(π/2) = 1
        Assert.Equal(1 + 2 * MathF.Sin(MathF.PI / 4) + 0.5f * MathF.Sin(MathF.PI), values[1], 5);
        Assert.Equal(1 + 2 + 0.5f * MathF.Sin(1.5f * MathF.PI), values[2], 5);
    }

    [Fact]
    public void NoiseHasTheRequestedDeviation()
    {
        var values = Take(new SimulatedSensorSource([new SimulatedSignal { NoiseStd = 2 }], seed: 3), 20000);
        double mean = 0, sq = 0;
        foreach (var v in values)
        {
            mean += v;
            sq += v * v;
        }

        mean /= values.Length;
        double std = Math.Sqrt(sq / values.Length - mean * mean);
        Assert.InRange(mean, -0.05, 0.05);
        Assert.InRange(std, 1.95, 2.05);
    }

    [Fact]
    public void InjectsEachAnomalyWhereAsked()
    {
        var clean = Take(new SimulatedSensorSource([Sine], seed: 5), 100);
        var faulty = Take(new SimulatedSensorSource([Sine], seed: 5,
        [
            new(SimulatedAnomalyKind.Spike, 10, Magnitude: 25),
            new(SimulatedAnomalyKind.Drift, 20, Length: 5, Magnitude: 0.5f),
            new(SimulatedAnomalyKind.StuckValue, 40, Length: 10),
            new(SimulatedAnomalyKind.Dropout, 60, Length: 3),
        ]), 100);

        Assert.Equal(clean[10] + 25, faulty[10], 4);
        Assert.Equal(clean[11], faulty[11]);
        Assert.Equal(clean[24] + 2.5f, faulty[24], 4);
        Assert.Equal(clean[25], faulty[25]);
        for (int i = 40; i < 50; i++)
        {
            Assert.Equal(clean[39], faulty[i]);
        }

        Assert.Equal(clean[50], faulty[50]);
        Assert.True(float.IsNaN(faulty[60]) && float.IsNaN(faulty[62]));
        Assert.Equal(clean[63], faulty[63]);
    }

    [Fact]
    public void TimestampsFollowThePeriodAndLengthEndsTheStream()
    {
        var source = new SimulatedSensorSource([Sine], 1, samplePeriod: TimeSpan.FromMilliseconds(10), length: 3);
        var v = new float[1];
        source.Read(v);
        source.Read(v);
        Assert.Equal(source.StartTime.AddMilliseconds(20), source.Read(v).Timestamp);
        Assert.Equal(SampleStatus.EndOfStream, source.Read(v).Status);
    }
}
