using System;

namespace EdgeLstm.Iot.Detection;

/// <summary>
/// Turns a score stream into events with hysteresis: an event opens when the score reaches the threshold (at or above it, as NAB counts a detection) and closes
/// only after <c>quietSamples</c> consecutive scores below the (lower) exit threshold, so a noisy anomaly that
/// hovers around the threshold still yields one event.
/// </summary>
internal struct HysteresisGate
{
    private readonly int _quietSamples;
    private bool _open;
    private int _quietRun;
    private long _startIndex;
    private DateTimeOffset _startTime;
    private long _lastActiveIndex;
    private DateTimeOffset _lastActiveTime;
    private long _peakIndex;
    private DateTimeOffset _peakTime;
    private double _peakScore;

    public HysteresisGate(int quietSamples) => _quietSamples = quietSamples;

    public readonly bool IsOpen => _open;

    public EventTransition Update(long index, DateTimeOffset time, double score, double threshold, double exitThreshold, out AnomalyEvent completed)
    {
        completed = default;
        if (!_open)
        {
            if (score >= threshold)
            {
                _open = true;
                _quietRun = 0;
                _startIndex = _lastActiveIndex = _peakIndex = index;
                _startTime = _lastActiveTime = _peakTime = time;
                _peakScore = score;
                return EventTransition.Started;
            }

            return EventTransition.None;
        }

        if (score > _peakScore)
        {
            _peakScore = score;
            _peakIndex = index;
            _peakTime = time;
        }

        if (score >= exitThreshold)
        {
            _quietRun = 0;
            _lastActiveIndex = index;
            _lastActiveTime = time;
            return EventTransition.None;
        }

        if (++_quietRun < _quietSamples)
        {
            return EventTransition.None;
        }

        completed = Close();
        return EventTransition.Ended;
    }

    /// <summary>Closes an open event (end of stream).</summary>
    public bool TryClose(out AnomalyEvent completed)
    {
        if (!_open)
        {
            completed = default;
            return false;
        }

        completed = Close();
        return true;
    }

    private AnomalyEvent Close()
    {
        _open = false;
        return new AnomalyEvent(_startIndex, _startTime, _lastActiveIndex, _lastActiveTime, _peakIndex, _peakTime, _peakScore);
    }
}
