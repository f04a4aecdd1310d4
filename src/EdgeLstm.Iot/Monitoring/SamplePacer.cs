using System;
using System.Threading;

namespace EdgeLstm.Iot.Monitoring;

/// <summary>
/// Keeps a loop on a fixed sample grid: tick n is due at start + n × period. <see cref="WaitForNextTick"/> sleeps
/// until the next due tick. A tick that is reached after its due time but before the following one is
/// <see cref="LateTicks">late</see> (the sample is still taken); ticks whose whole slot has passed are
/// <see cref="MissedTicks">missed</see> and skipped, so a slow iteration never makes the loop try to catch up in a
/// burst. The grid is fixed, so lateness does not accumulate as drift.
/// </summary>
public sealed class SamplePacer
{
    private readonly TimeProvider _clock;
    private readonly Action<TimeSpan> _sleep;
    private readonly long _periodTicks;
    private long _startTimestamp = -1;
    private long _nextTick;

    /// <summary>Creates a pacer.</summary>
    /// <param name="period">Time between samples.</param>
    /// <param name="clock">The time source; tests pass a manual clock.</param>
    /// <param name="sleep">Blocks for the given time; defaults to <see cref="Thread.Sleep(TimeSpan)"/>. Tests pass one
    /// that advances their manual clock.</param>
    public SamplePacer(TimeSpan period, TimeProvider? clock = null, Action<TimeSpan>? sleep = null)
    {
        if (period <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, "The sample period must be positive.");
        }

        Period = period;
        _clock = clock ?? TimeProvider.System;
        _sleep = sleep ?? Thread.Sleep;
        _periodTicks = period.Ticks;
    }

    /// <summary>Time between samples.</summary>
    public TimeSpan Period { get; }

    /// <summary>Ticks taken after their due time but within their slot.</summary>
    public long LateTicks { get; private set; }

    /// <summary>Ticks skipped because the loop was more than a whole period behind.</summary>
    public long MissedTicks { get; private set; }

    /// <summary>Ticks returned so far.</summary>
    public long Ticks { get; private set; }

    /// <summary>Waits for the next tick. The first call starts the grid and returns at once.</summary>
    /// <returns>The number of ticks missed just before this one (0 when on time or late).</returns>
    public long WaitForNextTick()
    {
        long now = _clock.GetTimestamp();
        if (_startTimestamp < 0)
        {
            _startTimestamp = now;
            _nextTick = 1;
            Ticks++;
            return 0;
        }

        long elapsed = ToTimeSpanTicks(now - _startTimestamp);
        long due = _nextTick * _periodTicks;
        long missed = 0;
        if (elapsed < due)
        {
            _sleep(TimeSpan.FromTicks(due - elapsed));
        }
        else
        {
            // Slots entirely in the past are skipped; the tick whose slot contains "now" is taken late.
            long current = elapsed / _periodTicks;
            missed = current - _nextTick;
            if (missed > 0)
            {
                MissedTicks += missed;
                _nextTick = current;
            }

            if (elapsed > _nextTick * _periodTicks)
            {
                LateTicks++;
            }
        }

        _nextTick++;
        Ticks++;
        return missed;
    }

    private long ToTimeSpanTicks(long timestampDelta)
        => (long)(timestampDelta * ((double)TimeSpan.TicksPerSecond / _clock.TimestampFrequency));
}
