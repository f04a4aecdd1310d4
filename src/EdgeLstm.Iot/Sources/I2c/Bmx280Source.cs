using System;
using System.Device.I2c;
using System.IO;
using System.Threading;
using Iot.Device.Bmxx80;
using Iot.Device.Bmxx80.PowerMode;

namespace EdgeLstm.Iot.Sources.I2c;

/// <summary>
/// A Bosch BME280 (temperature, pressure, humidity) or BMP280 (temperature, pressure) on I2C, through the
/// <c>Iot.Device.Bindings</c> drivers (<see cref="Bme280"/>, <see cref="Bmp280"/>). The chip is told apart by its
/// id register (0xD0: 0x60 for the BME280, 0x58 for the BMP280). Channels: temperature (°C), pressure (hPa) and,
/// on a BME280, relative humidity (%).
/// </summary>
/// <remarks>
/// Every read triggers one forced-mode conversion and waits for it, so the three values come from the same
/// measurement and the chip sleeps between samples (Bosch's recommendation for slow monitoring: no self-heating).
/// Oversampling is ×1 for each quantity, filter off: a sample takes about 10 ms on the chip (the wait uses the
/// driver's conservative 21 ms).
/// </remarks>
public sealed class Bmx280Source : ISensorSource, IReconnectableSource
{
    /// <summary>SDO tied low, as on most breakout boards sold with these chips (Adafruit's use 0x77).</summary>
    public const int DefaultAddress = Bmx280Base.SecondaryI2cAddress;

    /// <summary>The BME280's chip id.</summary>
    public const byte Bme280ChipId = 0x60;

    /// <summary>The BMP280's chip id (mass-production parts; samples answered 0x56 or 0x57 and are not supported).</summary>
    public const byte Bmp280ChipId = 0x58;

    private const byte ChipIdRegister = 0xD0;

    private readonly I2cDevice _device;
    private readonly bool _ownsDevice;
    private readonly TimeProvider _clock;
    private readonly Action<TimeSpan> _sleep;
    private Bmx280Base _driver;

    /// <summary>Identifies and configures the chip.</summary>
    /// <param name="device">The I2C device at the sensor's address.</param>
    /// <param name="clock">Stamps samples; defaults to the system clock.</param>
    /// <param name="sleep">Waits for the conversion; defaults to <see cref="Thread.Sleep(TimeSpan)"/>.</param>
    /// <param name="ownsDevice">Dispose <paramref name="device"/> with this source.</param>
    /// <exception cref="IOException">The bus failed, or the chip id is neither a BME280's nor a BMP280's.</exception>
    public Bmx280Source(I2cDevice device, TimeProvider? clock = null, Action<TimeSpan>? sleep = null, bool ownsDevice = true)
    {
        ArgumentNullException.ThrowIfNull(device);
        _device = device;
        _ownsDevice = ownsDevice;
        _clock = clock ?? TimeProvider.System;
        _sleep = sleep ?? Thread.Sleep;
        _driver = Open(expectedHumidity: null);
        HasHumidity = _driver is Bme280;
        ChannelNames = HasHumidity ? ["temperature", "pressure", "humidity"] : ["temperature", "pressure"];
    }

    /// <summary>True for a BME280, false for a BMP280.</summary>
    public bool HasHumidity { get; }

    /// <summary>Channel names in sample order: temperature (°C), pressure (hPa), humidity (%, BME280 only).</summary>
    public string[] ChannelNames { get; }

    /// <inheritdoc/>
    public int ChannelCount => ChannelNames.Length;

    /// <inheritdoc/>
    public SampleResult Read(Span<float> values)
    {
        SourceGuard.RequireLength(values, ChannelCount);
        var now = _clock.GetUtcNow();
        try
        {
            _driver.SetPowerMode(Bmx280PowerMode.Forced);
            _sleep(TimeSpan.FromMilliseconds(_driver.GetMeasurementDuration()));

            // The Try... calls rather than Read(): Read allocates a result object and boxes in its power-mode check.
            // A false (the quantity is not sampled) leaves NaN, which the fault layer reports and skips.
            // .Value in the unit the driver creates (°C, Pa, %): see UnitsNetValues.
            values[0] = _driver.TryReadTemperature(out var temperature) ? (float)UnitsNetValues.Celsius(temperature) : float.NaN;
            values[1] = _driver.TryReadPressure(out var pressure) ? (float)(UnitsNetValues.Pascals(pressure) / 100) : float.NaN;
            if (HasHumidity)
            {
                var bme280 = (Bme280)_driver;
                values[2] = bme280.TryReadHumidity(out var humidity) ? (float)UnitsNetValues.Percent(humidity) : float.NaN;
            }
        }
        catch (Exception ex) when (DriverFaults.IsDeviceFailure(ex))
        {
            return DriverFaults.ToFault(ex, now);
        }

        return SampleResult.Ok(now);
    }

    /// <summary>Resets the chip and configures it again (the driver's constructor does both).</summary>
    public void Reconnect() => _driver = Open(HasHumidity);

    /// <inheritdoc/>
    public void Dispose()
    {
        // Not _driver.Dispose(): that always disposes the device, which may not be ours.
        if (_ownsDevice)
        {
            _device.Dispose();
        }
    }

    // A reconnect must find the same kind of chip: the channel count was fixed when this source was made.
    private Bmx280Base Open(bool? expectedHumidity)
    {
        byte id = ReadChipId();
        Bmx280Base driver = id switch
        {
            Bme280ChipId => new Bme280(_device),
            Bmp280ChipId => new Bmp280(_device),
            _ => throw new IOException($"The device at I2C address 0x{_device.ConnectionSettings.DeviceAddress:X2} answered chip id 0x{id:X2}; a BME280 answers 0x60, a BMP280 0x58."),
        };
        if (expectedHumidity is { } humidity && humidity != driver is Bme280)
        {
            throw new IOException($"The device at I2C address 0x{_device.ConnectionSettings.DeviceAddress:X2} now answers chip id 0x{id:X2}; it was a {(humidity ? "BME280" : "BMP280")} when the monitor started.");
        }

        return driver;
    }

    private byte ReadChipId()
    {
        ReadOnlySpan<byte> register = [ChipIdRegister];
        Span<byte> id = stackalloc byte[1];
        _device.WriteRead(register, id);
        return id[0];
    }
}
