using System;
using System.Globalization;
using System.Linq;

namespace EdgeLstm.Tests.DamagedFiles;

/// <summary>One damaged copy of a weight file: a truncation or a few XOR-ed bytes. <see cref="ToString"/> says exactly which, so a failure reproduces.</summary>
internal sealed class Mutation
{
    private readonly int _truncateTo;
    private readonly (int Offset, byte Xor)[] _flips;

    private Mutation(int truncateTo, (int Offset, byte Xor)[] flips)
    {
        _truncateTo = truncateTo;
        _flips = flips;
    }

    public static Mutation Truncate(int length) => new(length, Array.Empty<(int, byte)>());

    /// <param name="flips">Offsets and non-zero XOR masks.</param>
    public static Mutation Flip(params (int Offset, byte Xor)[] flips) => new(-1, flips);

    public byte[] Apply(byte[] original)
    {
        if (_truncateTo >= 0)
        {
            return original.AsSpan(0, _truncateTo).ToArray();
        }
        byte[] copy = (byte[])original.Clone();
        foreach ((int offset, byte xor) in _flips)
        {
            copy[offset] ^= xor;
        }
        return copy;
    }

    public override string ToString() => _truncateTo >= 0
        ? string.Format(CultureInfo.InvariantCulture, "truncated to {0} bytes", _truncateTo)
        : "bytes flipped: " + string.Join(", ", _flips.Select(f => string.Format(CultureInfo.InvariantCulture, "offset {0} ^= 0x{1:X2}", f.Offset, f.Xor)));
}
