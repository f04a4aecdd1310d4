using System;
using EdgeLstm.Iot.Faults;
using Xunit;

namespace EdgeLstm.Iot.Tests.Faults;

public sealed class ExponentialBackoffTests
{
    [Fact]
    public void DoublesUpToTheCeilingAndResets()
    {
        var backoff = new ExponentialBackoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(500));
        Assert.Equal(100, backoff.Next().TotalMilliseconds);
        Assert.Equal(200, backoff.Next().TotalMilliseconds);
        Assert.Equal(400, backoff.Next().TotalMilliseconds);
        Assert.Equal(500, backoff.Next().TotalMilliseconds);
        Assert.Equal(500, backoff.Next().TotalMilliseconds);
        backoff.Reset();
        Assert.Equal(100, backoff.Next().TotalMilliseconds);
    }

    [Fact]
    public void RejectsAnInitialDelayAboveTheCeiling()
        => Assert.Throws<ArgumentOutOfRangeException>(() => new ExponentialBackoff(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1)));
}
