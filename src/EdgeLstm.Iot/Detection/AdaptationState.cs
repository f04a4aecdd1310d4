using System;
using System.Collections.Generic;
using System.IO;

namespace EdgeLstm.Iot.Detection;

/// <summary>Collects a detector's adaptation state as one flat array of doubles (saved with the calibration).</summary>
internal sealed class AdaptationWriter
{
    private readonly List<double> _values = [];

    public void Add(double value) => _values.Add(value);

    public void Add(bool value) => _values.Add(value ? 1 : 0);

    /// <summary>A long exactly (a double holds integers exactly only up to 2^53): as two 32-bit halves.</summary>
    public void AddExact(long value)
    {
        _values.Add(value >> 32);
        _values.Add(value & 0xFFFF_FFFF);
    }

    public void Add(ReadOnlySpan<double> values)
    {
        foreach (double value in values)
        {
            _values.Add(value);
        }
    }

    public void Add(ReadOnlySpan<float> values)
    {
        foreach (float value in values)
        {
            _values.Add(value);
        }
    }

    public double[] ToArray() => _values.ToArray();
}

/// <summary>Reads back what <see cref="AdaptationWriter"/> wrote, in the same order.</summary>
internal sealed class AdaptationReader(double[] values)
{
    private int _position;

    public double Next() => _position < values.Length ? values[_position++] : throw Truncated();

    public bool NextBool() => Next() != 0;

    public long NextLong() => (long)Next();

    public long NextExact() => ((long)Next() << 32) | (long)Next();

    public void Next(Span<double> destination)
    {
        if (_position + destination.Length > values.Length)
        {
            throw Truncated();
        }

        values.AsSpan(_position, destination.Length).CopyTo(destination);
        _position += destination.Length;
    }

    public void Next(Span<float> destination)
    {
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = (float)Next();
        }
    }

    /// <summary>Throws unless every value was read.</summary>
    public void End()
    {
        if (_position != values.Length)
        {
            throw new InvalidDataException($"the adaptation state has {values.Length} values; this detector reads {_position}.");
        }
    }

    private static InvalidDataException Truncated() => new("the adaptation state is shorter than this detector's.");
}
