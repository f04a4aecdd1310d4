using System;
using System.Collections.Generic;
using System.IO;
using EdgeLstm.Iot.Faults;
using EdgeLstm.Iot.Sources;
using EdgeLstm.Iot.Tests.Support;
using Xunit;

namespace EdgeLstm.Iot.Tests.Faults;

public sealed class FaultTolerantSourceTests
{
    private static readonly FaultPolicy Policy = new()
    {
        InitialBackoff = TimeSpan.FromMilliseconds(100),
        MaxBackoff = TimeSpan.FromMilliseconds(400),
        StallTimeout = TimeSpan.FromSeconds(1),
    };

    /// <summary>A device whose reads follow a script: a value, an exception, or a delay then a value.</summary>
    private sealed class ScriptedDevice(ManualClock clock, params object[] script) : ISensorSource, IReconnectableSource
    {
        private readonly Queue<object> _script = new(script);

        public int Reconnects { get; private set; }

        public int ChannelCount => 1;

        public SampleResult Read(Span<float> values)
        {
            if (_script.Count == 0)
            {
                return SampleResult.EndOfStream(clock.GetUtcNow());
            }

            switch (_script.Dequeue())
            {
                case float v:
                    values[0] = v;
                    return SampleResult.Ok(clock.GetUtcNow());
                case TimeSpan delay:
                    clock.Advance(delay);
                    values[0] = 1;
                    return SampleResult.Ok(clock.GetUtcNow());
                case SourceFaultKind kind:
                    return SampleResult.Failed(kind, clock.GetUtcNow(), kind.ToString());
                case Exception ex:
                    throw ex;
                default:
                    throw new InvalidOperationException();
            }
        }

        public void Reconnect() => Reconnects++;

        public void Dispose()
        {
        }
    }

    private static (FaultTolerantSource Source, ScriptedDevice Device, List<TimeSpan> Sleeps) Create(params object[] script)
    {
        var clock = new ManualClock();
        var sleeps = new List<TimeSpan>();
        var device = new ScriptedDevice(clock, script);
        return (new FaultTolerantSource(device, Policy, clock, clock.Sleeper(sleeps)), device, sleeps);
    }

    [Fact]
    public void IoExceptionIsCountedRetriedWithBackoffAndReconnected()
    {
        var (source, device, sleeps) = Create(new IOException("NACK"), new IOException("NACK"), 5f);
        var v = new float[1];

        Assert.Equal(SourceFaultKind.IoError, source.Read(v).Fault);
        Assert.Equal(TimeSpan.FromMilliseconds(100), source.NextRetryDelay);
        Assert.Equal(SourceFaultKind.IoError, source.Read(v).Fault);
        var ok = source.Read(v);

        Assert.True(ok.IsOk);
        Assert.Equal(5f, v[0]);
        Assert.Equal([TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(200)], sleeps);
        Assert.Equal(2, device.Reconnects);
        Assert.Equal(2, source.Faults[SourceFaultKind.IoError]);
        Assert.Equal(0, source.ConsecutiveFaults);
    }

    [Fact]
    public void BackoffIsBoundedAndResetsAfterSuccess()
    {
        var (source, _, sleeps) = Create(
            SourceFaultKind.Disconnected, SourceFaultKind.Disconnected, SourceFaultKind.Disconnected, SourceFaultKind.Disconnected,
            SourceFaultKind.Disconnected, 1f, SourceFaultKind.Disconnected, 2f);
        var v = new float[1];
        while (source.Read(v).Status != SampleStatus.EndOfStream)
        {
        }

        Assert.Equal([100, 200, 400, 400, 400, 100], sleeps.ConvertAll(s => s.TotalMilliseconds));
        Assert.Equal(6, source.Faults[SourceFaultKind.Disconnected]);
    }

    [Fact]
    public void NaNAndInfinityAreSkippedWithoutDelay()
    {
        var (source, _, sleeps) = Create(1f, float.NaN, float.PositiveInfinity, 2f);
        var v = new float[1];

        Assert.True(source.Read(v).IsOk);
        var nan = source.Read(v);
        Assert.Equal(SourceFaultKind.InvalidValue, nan.Fault);
        Assert.Equal(SourceFaultKind.InvalidValue, source.Read(v).Fault);
        Assert.True(source.Read(v).IsOk);
        Assert.Equal(2f, v[0]);
        Assert.Empty(sleeps);
        Assert.Equal(2, source.Faults[SourceFaultKind.InvalidValue]);
    }

    [Fact]
    public void SlowReadIsAStallAndItsSampleIsDropped()
    {
        var (source, device, sleeps) = Create(TimeSpan.FromSeconds(3), 7f);
        var v = new float[1];

        var stalled = source.Read(v);
        Assert.Equal(SampleStatus.Fault, stalled.Status);
        Assert.Equal(SourceFaultKind.Stalled, stalled.Fault);
        Assert.True(source.Read(v).IsOk);
        Assert.Equal(7f, v[0]);
        Assert.Single(sleeps);
        Assert.Equal(1, device.Reconnects);
    }

    [Fact]
    public void TimeoutExceptionIsAStall()
    {
        var (source, _, _) = Create(new TimeoutException(), 1f);
        Assert.Equal(SourceFaultKind.Stalled, source.Read(new float[1]).Fault);
    }

    [Fact]
    public void DisconnectedDeviceExceptionIsADisconnect()
    {
        var (source, _, _) = Create(new InvalidOperationException("port closed"), 1f);
        Assert.Equal(SourceFaultKind.Disconnected, source.Read(new float[1]).Fault);
    }

    [Fact]
    public void FailedReconnectIsAFaultAndTheNextRetryWaitsLonger()
    {
        var clock = new ManualClock();
        var sleeps = new List<TimeSpan>();
        int attempts = 0;
        var device = new DelegateSensorSource(1, v => v[0] = 1, reconnect: () =>
        {
            if (++attempts < 3)
            {
                throw new IOException("still unplugged");
            }
        }, clock: clock);
        var failing = new ScriptedDevice(clock, new IOException("gone"));
        // First read fails through the script; afterwards reads go to the delegate device via a small switch.
        var source = new FaultTolerantSource(new SwitchingSource(failing, device), Policy, clock, clock.Sleeper(sleeps));
        var v = new float[1];

        Assert.Equal(SourceFaultKind.IoError, source.Read(v).Fault);
        Assert.Equal(SourceFaultKind.Disconnected, source.Read(v).Fault);
        Assert.Equal(SourceFaultKind.Disconnected, source.Read(v).Fault);
        Assert.True(source.Read(v).IsOk);
        Assert.Equal([100, 200, 400], sleeps.ConvertAll(s => s.TotalMilliseconds));
    }

    /// <summary>Reads from the first source once, then from the second; reconnects go to the second.</summary>
    private sealed class SwitchingSource(ISensorSource first, DelegateSensorSource second) : ISensorSource, IReconnectableSource
    {
        private bool _switched;

        public int ChannelCount => 1;

        public SampleResult Read(Span<float> values)
        {
            if (_switched)
            {
                return second.Read(values);
            }

            _switched = true;
            return first.Read(values);
        }

        public void Reconnect() => second.Reconnect();

        public void Dispose()
        {
        }
    }
}
