using System;

namespace EdgeLstm.Iot.Faults;

/// <summary>How <see cref="FaultTolerantSource"/> reacts to faults.</summary>
public sealed record FaultPolicy
{
    /// <summary>The first wait after a device fault (I/O error, disconnect, stall).</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest wait between retries.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A read that takes longer than this is a stall: its sample is dropped (its timing is unknown) and the source is
    /// treated as faulty. Null disables the check; sources with their own timeout (serial) report stalls anyway.
    /// </summary>
    public TimeSpan? StallTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The defaults: 100 ms doubling to 30 s, 5 s stall timeout.</summary>
    public static FaultPolicy Default { get; } = new();
}
