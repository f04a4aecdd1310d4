using System;
using System.IO;
using System.Threading;
using EdgeLstm.Iot.Sources;

namespace EdgeLstm.Iot.Faults;

/// <summary>
/// Wraps a source so the loop above it only ever sees a clean sample, a counted fault, or the end of the stream.
/// <list type="bullet">
/// <item>Exceptions that sources are allowed to throw (I/O, timeout, a closed device) become faults.</item>
/// <item>A sample with a NaN or infinite channel is <b>skipped</b>: it is reported as
/// <see cref="SourceFaultKind.InvalidValue"/> and never reaches the model, so a glitch cannot poison the recurrent
/// state. (Holding the last good value was the alternative; it hides a dead channel behind plausible numbers and
/// feeds the predictor a flat line it then "predicts" perfectly.)</item>
/// <item>A read slower than <see cref="FaultPolicy.StallTimeout"/> is a <see cref="SourceFaultKind.Stalled"/> fault.</item>
/// <item>After a device fault (I/O error, disconnect, stall) the next read waits a bounded exponential back-off and,
/// when the source supports it, reconnects first. Data faults (malformed line, invalid value) cost no delay: the
/// device is fine, only that sample is bad. A clean sample resets the back-off.</item>
/// </list>
/// </summary>
public sealed class FaultTolerantSource : ISensorSource
{
    private readonly ISensorSource _inner;
    private readonly FaultPolicy _policy;
    private readonly TimeProvider _clock;
    private readonly Action<TimeSpan> _sleep;
    private ExponentialBackoff _backoff;
    private TimeSpan _pendingDelay;
    private bool _reconnectPending;

    /// <summary>Wraps <paramref name="inner"/> (disposed with this object).</summary>
    /// <param name="inner">The source.</param>
    /// <param name="policy">Back-off and stall settings; null for <see cref="FaultPolicy.Default"/>.</param>
    /// <param name="clock">Measures read durations; tests pass a manual clock.</param>
    /// <param name="sleep">Waits out the back-off; defaults to <see cref="Thread.Sleep(TimeSpan)"/>.</param>
    public FaultTolerantSource(ISensorSource inner, FaultPolicy? policy = null, TimeProvider? clock = null, Action<TimeSpan>? sleep = null)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
        _policy = policy ?? FaultPolicy.Default;
        _clock = clock ?? TimeProvider.System;
        _sleep = sleep ?? Thread.Sleep;
        _backoff = new ExponentialBackoff(_policy.InitialBackoff, _policy.MaxBackoff);
    }

    /// <inheritdoc/>
    public int ChannelCount => _inner.ChannelCount;

    /// <summary>Faults per kind so far.</summary>
    public FaultCounters Faults { get; } = new();

    /// <summary>Faults since the last clean sample.</summary>
    public long ConsecutiveFaults { get; private set; }

    /// <summary>The wait that will precede the next read (zero unless the last result was a device fault).</summary>
    public TimeSpan NextRetryDelay => _pendingDelay;

    /// <inheritdoc/>
    public SampleResult Read(Span<float> values)
    {
        SourceGuard.RequireLength(values, ChannelCount);
        if (_pendingDelay > TimeSpan.Zero)
        {
            _sleep(_pendingDelay);
            _pendingDelay = TimeSpan.Zero;
        }

        if (_reconnectPending && _inner is IReconnectableSource reconnectable)
        {
            try
            {
                reconnectable.Reconnect();
                _reconnectPending = false;
            }
            catch (Exception ex) when (IsDeviceException(ex))
            {
                return DeviceFault(SourceFaultKind.Disconnected, _clock.GetUtcNow(), $"reconnect failed: {ex.Message}");
            }
        }

        long started = _clock.GetTimestamp();
        SampleResult result;
        try
        {
            result = _inner.Read(values);
        }
        catch (Exception ex) when (IsDeviceException(ex))
        {
            var kind = ex is TimeoutException ? SourceFaultKind.Stalled
                : ex is IOException ? SourceFaultKind.IoError
                : SourceFaultKind.Disconnected;
            return DeviceFault(kind, _clock.GetUtcNow(), ex.Message);
        }

        if (result.Status == SampleStatus.EndOfStream)
        {
            return result;
        }

        if (result.Status == SampleStatus.Fault)
        {
            return result.Fault is SourceFaultKind.Malformed or SourceFaultKind.InvalidValue
                ? DataFault(result)
                : DeviceFault(result.Fault, result.Timestamp, result.Detail ?? result.Fault.ToString());
        }

        if (_policy.StallTimeout is { } timeout && _clock.GetElapsedTime(started) > timeout)
        {
            return DeviceFault(SourceFaultKind.Stalled, result.Timestamp,
                $"the read took {_clock.GetElapsedTime(started).TotalMilliseconds:F0} ms (stall timeout {timeout.TotalMilliseconds:F0} ms); sample dropped");
        }

        for (int i = 0; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i]))
            {
                return DataFault(SampleResult.Failed(SourceFaultKind.InvalidValue, result.Timestamp, $"channel {i} is {values[i]}; sample skipped"));
            }
        }

        ConsecutiveFaults = 0;
        _backoff.Reset();
        return result;
    }

    /// <inheritdoc/>
    public void Dispose() => _inner.Dispose();

    private SampleResult DataFault(SampleResult fault)
    {
        Faults.Add(fault.Fault);
        ConsecutiveFaults++;
        return fault;
    }

    private SampleResult DeviceFault(SourceFaultKind kind, DateTimeOffset timestamp, string detail)
    {
        Faults.Add(kind);
        ConsecutiveFaults++;
        _pendingDelay = _backoff.Next();
        _reconnectPending = true;
        return SampleResult.Failed(kind, timestamp, detail);
    }

    private static bool IsDeviceException(Exception ex)
        => ex is IOException or TimeoutException or InvalidOperationException or UnauthorizedAccessException or ObjectDisposedException;
}
