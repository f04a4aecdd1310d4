using System;

namespace EdgeLstm.Iot.Detection;

/// <summary>
/// Per-stream standardisation learned online: z = (x − mean) / deviation. For the first <c>window</c> samples the
/// moments are the exact running ones (Welford); after that they move as exponentially weighted moments with weight
/// 1/<c>window</c>, so the scale follows slow drift with bounded memory and no stored samples.
/// </summary>
/// <remarks>
/// NAB's series range from 0-1 CPU fractions to tens of thousands of taxi rides; a model with baked weights sees them
/// all in the same units only after this. A floor on the deviation (relative to the mean's magnitude, and absolute)
/// keeps a flat line from dividing by zero, and z is clipped so one wild value cannot drive the recurrent state to
/// saturation for long.
/// </remarks>
internal struct OnlineStandardiser
{
    private readonly int _window;
    private readonly double _clip;
    private long _count;
    private double _mean;
    private double _m2;

    public OnlineStandardiser(int window, double clip)
    {
        _window = Math.Max(2, window);
        _clip = clip;
    }

    public readonly double Mean => _mean;

    public readonly double Deviation
    {
        get
        {
            double variance = _count > 1 ? _m2 / Math.Min(_count, _window) : 0.0;
            return Math.Max(Math.Sqrt(variance), Math.Max(1e-3 * Math.Abs(_mean), 1e-9));
        }
    }

    /// <summary>Standardises <paramref name="x"/> with the moments so far, then learns from it.</summary>
    public double Next(double x)
    {
        double z = _count == 0 ? 0.0 : Math.Clamp((x - _mean) / Deviation, -_clip, _clip);
        Learn(x);
        return z;
    }

    private void Learn(double x)
    {
        _count++;
        double delta = x - _mean;
        if (_count <= _window)
        {
            _mean += delta / _count;
            _m2 += delta * (x - _mean);
        }
        else
        {
            // Exponentially weighted mean and variance (West 1979) with weight 1/window; _m2 stays variance × window.
            double rate = 1.0 / _window;
            double variance = _m2 / _window;
            _mean += rate * delta;
            variance = (1 - rate) * (variance + (rate * delta * delta));
            _m2 = variance * _window;
        }
    }

    public readonly void Save(AdaptationWriter state)
    {
        state.Add(_count);
        state.Add(_mean);
        state.Add(_m2);
    }

    public void Load(AdaptationReader state)
    {
        _count = state.NextLong();
        _mean = state.Next();
        _m2 = state.Next();
    }
}
