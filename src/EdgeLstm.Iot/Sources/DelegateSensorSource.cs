using System;
using System.IO;

namespace EdgeLstm.Iot.Sources;

/// <summary>Fills <paramref name="values"/> with one reading; throws the driver's exception when the read fails.</summary>
public delegate void SensorReadCallback(Span<float> values);

/// <summary>
/// Adapts any driver with a "read now" method — typically an <c>Iot.Device.Bindings</c> sensor such as
/// <c>Bme280</c> or <c>Mpu6050</c> — to <see cref="ISensorSource"/>. The callback's exceptions become faults:
/// <see cref="IOException"/> → <see cref="SourceFaultKind.IoError"/>, <see cref="TimeoutException"/> →
/// <see cref="SourceFaultKind.Stalled"/>, anything else → <see cref="SourceFaultKind.Disconnected"/>.
/// </summary>
/// <example>
/// <code>
/// using var bme = new Bme280(I2cDevice.Create(new I2cConnectionSettings(1, Bme280.DefaultI2cAddress)));
/// var source = new DelegateSensorSource(3, v =>
/// {
///     var r = bme.Read();
///     v[0] = (float)(r.Temperature?.DegreesCelsius ?? double.NaN);
///     v[1] = (float)(r.Pressure?.Hectopascals ?? double.NaN);
///     v[2] = (float)(r.Humidity?.Percent ?? double.NaN);
/// });
/// </code>
/// </example>
public sealed class DelegateSensorSource : ISensorSource, IReconnectableSource
{
    private readonly SensorReadCallback _read;
    private readonly Action? _reconnect;
    private readonly TimeProvider _clock;

    /// <summary>Wraps <paramref name="read"/>.</summary>
    /// <param name="channelCount">Values per reading.</param>
    /// <param name="read">Reads one sample into the span.</param>
    /// <param name="reconnect">Re-initialises the device after a fault; null when there is nothing to redo.</param>
    /// <param name="clock">Stamps samples; defaults to the system clock.</param>
    public DelegateSensorSource(int channelCount, SensorReadCallback read, Action? reconnect = null, TimeProvider? clock = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(channelCount, 1);
        ArgumentNullException.ThrowIfNull(read);
        ChannelCount = channelCount;
        _read = read;
        _reconnect = reconnect;
        _clock = clock ?? TimeProvider.System;
    }

    /// <inheritdoc/>
    public int ChannelCount { get; }

    /// <inheritdoc/>
    public SampleResult Read(Span<float> values)
    {
        SourceGuard.RequireLength(values, ChannelCount);
        var now = _clock.GetUtcNow();
        try
        {
            _read(values);
            return SampleResult.Ok(now);
        }
        catch (IOException ex)
        {
            return SampleResult.Failed(SourceFaultKind.IoError, now, ex.Message);
        }
        catch (TimeoutException ex)
        {
            return SampleResult.Failed(SourceFaultKind.Stalled, now, ex.Message);
        }
        catch (Exception ex) when (ex is InvalidOperationException or UnauthorizedAccessException or ObjectDisposedException)
        {
            return SampleResult.Failed(SourceFaultKind.Disconnected, now, ex.Message);
        }
    }

    /// <inheritdoc/>
    public void Reconnect() => _reconnect?.Invoke();

    /// <inheritdoc/>
    public void Dispose()
    {
    }
}
