using System;

namespace EdgeLstm.Iot.Sources;

/// <summary>Whether a read produced a sample.</summary>
public enum SampleStatus
{
    /// <summary>The values and timestamp are valid.</summary>
    Ok,

    /// <summary>The source has no more samples (end of file, closed stream). Not an error.</summary>
    EndOfStream,

    /// <summary>The read failed; <see cref="SampleResult.Fault"/> says why. The loop may retry.</summary>
    Fault,
}

/// <summary>Why a read failed.</summary>
public enum SourceFaultKind
{
    /// <summary>No fault.</summary>
    None,

    /// <summary>The bus or file reported an error (an <see cref="System.IO.IOException"/>, an I2C NACK).</summary>
    IoError,

    /// <summary>The device is gone or did not identify itself (missing sysfs node, wrong WHO_AM_I, closed port).</summary>
    Disconnected,

    /// <summary>A value was NaN or infinite.</summary>
    InvalidValue,

    /// <summary>No sample arrived within the stall timeout.</summary>
    Stalled,

    /// <summary>A text record could not be parsed (wrong column count, not a number).</summary>
    Malformed,
}

/// <summary>The outcome of one <see cref="ISensorSource.Read"/>. A small struct so a read allocates nothing.</summary>
public readonly struct SampleResult
{
    private SampleResult(SampleStatus status, DateTimeOffset timestamp, SourceFaultKind fault, string? detail)
    {
        Status = status;
        Timestamp = timestamp;
        Fault = fault;
        Detail = detail;
    }

    /// <summary>Whether the values are valid.</summary>
    public SampleStatus Status { get; }

    /// <summary>When the sample was taken (from the data when it carries one, otherwise from the clock).</summary>
    public DateTimeOffset Timestamp { get; }

    /// <summary>Why the read failed; <see cref="SourceFaultKind.None"/> unless <see cref="Status"/> is Fault.</summary>
    public SourceFaultKind Fault { get; }

    /// <summary>A human-readable explanation of a fault (allocated only on the fault path).</summary>
    public string? Detail { get; }

    /// <summary>True when <see cref="Status"/> is <see cref="SampleStatus.Ok"/>.</summary>
    public bool IsOk => Status == SampleStatus.Ok;

    /// <summary>A valid sample taken at <paramref name="timestamp"/>.</summary>
    public static SampleResult Ok(DateTimeOffset timestamp) => new(SampleStatus.Ok, timestamp, SourceFaultKind.None, null);

    /// <summary>The source is exhausted.</summary>
    public static SampleResult EndOfStream(DateTimeOffset timestamp) => new(SampleStatus.EndOfStream, timestamp, SourceFaultKind.None, null);

    /// <summary>A failed read.</summary>
    public static SampleResult Failed(SourceFaultKind kind, DateTimeOffset timestamp, string detail)
        => new(SampleStatus.Fault, timestamp, kind, detail);

    /// <inheritdoc/>
    public override string ToString() => Status == SampleStatus.Fault ? $"Fault({Fault}: {Detail})" : Status.ToString();
}
