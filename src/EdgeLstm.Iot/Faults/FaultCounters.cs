using System;
using EdgeLstm.Iot.Sources;

namespace EdgeLstm.Iot.Faults;

/// <summary>Faults seen so far, per kind.</summary>
public sealed class FaultCounters
{
    private readonly long[] _counts = new long[Enum.GetValues<SourceFaultKind>().Length];

    /// <summary>Faults of <paramref name="kind"/> so far.</summary>
    public long this[SourceFaultKind kind] => _counts[(int)kind];

    /// <summary>All faults so far.</summary>
    public long Total { get; private set; }

    internal void Add(SourceFaultKind kind)
    {
        _counts[(int)kind]++;
        Total++;
    }
}
