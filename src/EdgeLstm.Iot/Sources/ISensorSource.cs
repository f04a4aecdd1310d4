using System;

namespace EdgeLstm.Iot.Sources;

/// <summary>
/// A sensor that yields one sample at a time: a fixed number of float channels and the time the sample was taken.
/// </summary>
/// <remarks>
/// The call is synchronous on purpose: a monitoring loop on a small board reads, infers and paces on one thread,
/// and a blocking read with a bounded timeout is cheaper and easier to reason about than an async state machine per
/// sample. Implementations write into the caller's span and return a struct, so a steady-state read allocates
/// nothing. Expected failures (an I/O error, a malformed line, a read timeout) are returned as
/// <see cref="SampleStatus.Fault"/> rather than thrown, so the loop decides how to retry.
/// </remarks>
public interface ISensorSource : IDisposable
{
    /// <summary>Channels per sample; the span passed to <see cref="Read"/> must be exactly this long.</summary>
    int ChannelCount { get; }

    /// <summary>Reads the next sample into <paramref name="values"/>.</summary>
    /// <param name="values">Receives <see cref="ChannelCount"/> values; unspecified when the result is not Ok.</param>
    /// <exception cref="ArgumentException"><paramref name="values"/> is not <see cref="ChannelCount"/> long.</exception>
    SampleResult Read(Span<float> values);
}

/// <summary>A source that can re-open its device after a fault (re-initialise a chip, re-open a port).</summary>
public interface IReconnectableSource
{
    /// <summary>Tries to bring the device back; throws the device's own exception when it cannot.</summary>
    void Reconnect();
}
