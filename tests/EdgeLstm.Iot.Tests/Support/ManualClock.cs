using System;

namespace EdgeLstm.Iot.Tests.Support;

/// <summary>A clock that moves only when told: pacing, back-off and stall tests run instantly and deterministically.</summary>
public sealed class ManualClock : TimeProvider
{
    private DateTimeOffset _now = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private long _ticks;

    public override DateTimeOffset GetUtcNow() => _now;

    public override long GetTimestamp() => _ticks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public void Advance(TimeSpan by)
    {
        _now += by;
        _ticks += by.Ticks;
    }

    /// <summary>A sleep that advances this clock, recording each requested wait.</summary>
    public Action<TimeSpan> Sleeper(System.Collections.Generic.List<TimeSpan>? record = null)
        => wait =>
        {
            record?.Add(wait);
            Advance(wait);
        };
}
