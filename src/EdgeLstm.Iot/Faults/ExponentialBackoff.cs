using System;

namespace EdgeLstm.Iot.Faults;

/// <summary>
/// Retry delays that double after every consecutive failure up to a ceiling: initial, 2×initial, 4×initial, …, max,
/// max, … The ceiling keeps a long outage from turning into hour-long silences; the doubling keeps a dead bus
/// from being hammered.
/// </summary>
public struct ExponentialBackoff
{
    private TimeSpan _current;

    /// <summary>Creates the schedule.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="initial"/> is negative or above <paramref name="maximum"/>.</exception>
    public ExponentialBackoff(TimeSpan initial, TimeSpan maximum)
    {
        if (initial < TimeSpan.Zero || maximum < initial)
        {
            throw new ArgumentOutOfRangeException(nameof(initial), $"Need 0 <= initial ({initial}) <= maximum ({maximum}).");
        }

        Initial = initial;
        Maximum = maximum;
        _current = initial;
    }

    /// <summary>The first delay.</summary>
    public TimeSpan Initial { get; }

    /// <summary>The ceiling.</summary>
    public TimeSpan Maximum { get; }

    /// <summary>Returns the delay before the next attempt and doubles the following one (up to the ceiling).</summary>
    public TimeSpan Next()
    {
        var delay = _current;
        _current = _current >= Maximum / 2 ? Maximum : _current * 2;
        return delay;
    }

    /// <summary>Starts over at <see cref="Initial"/> (after a success).</summary>
    public void Reset() => _current = Initial;
}
