using System;
using System.Collections.Generic;
using EdgeLstm.Iot.Monitoring;
using EdgeLstm.Iot.Tests.Support;
using Xunit;

namespace EdgeLstm.Iot.Tests.Monitoring;

public sealed class SamplePacerTests
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(100);

    [Fact]
    public void SleepsOnlyTheRestOfThePeriod()
    {
        var clock = new ManualClock();
        var sleeps = new List<TimeSpan>();
        var pacer = new SamplePacer(Period, clock, clock.Sleeper(sleeps));

        pacer.WaitForNextTick();                       // starts the grid at t = 0
        clock.Advance(TimeSpan.FromMilliseconds(30));  // the work of one iteration
        pacer.WaitForNextTick();
        clock.Advance(TimeSpan.FromMilliseconds(70));
        pacer.WaitForNextTick();

        Assert.Equal([TimeSpan.FromMilliseconds(70), TimeSpan.FromMilliseconds(30)], sleeps);
        Assert.Equal(0, pacer.LateTicks);
        Assert.Equal(0, pacer.MissedTicks);
    }

    [Fact]
    public void CountsLateAndMissedTicksWithoutDrifting()
    {
        var clock = new ManualClock();
        var sleeps = new List<TimeSpan>();
        var pacer = new SamplePacer(Period, clock, clock.Sleeper(sleeps));
        pacer.WaitForNextTick();

        clock.Advance(TimeSpan.FromMilliseconds(130));        // tick 1 (due 100) taken at 130: late
        Assert.Equal(0, pacer.WaitForNextTick());
        Assert.Equal(1, pacer.LateTicks);

        clock.Advance(TimeSpan.FromMilliseconds(320));        // now 450: ticks 2 and 3 missed, tick 4 taken late
        Assert.Equal(2, pacer.WaitForNextTick());
        Assert.Equal(2, pacer.MissedTicks);
        Assert.Equal(2, pacer.LateTicks);

        clock.Advance(TimeSpan.FromMilliseconds(10));         // now 460: tick 5 due at 500, back on the grid
        pacer.WaitForNextTick();
        Assert.Equal(TimeSpan.FromMilliseconds(40), sleeps[^1]);
        Assert.Equal(TimeSpan.FromMilliseconds(500), clock.GetUtcNow() - new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void RejectsANonPositivePeriod()
        => Assert.Throws<ArgumentOutOfRangeException>(() => new SamplePacer(TimeSpan.Zero));
}
