using System;
using System.Device.I2c;
using System.Globalization;
using System.IO;
using EdgeLstm.Iot.Sources;
using EdgeLstm.Iot.Sources.I2c;
using MachineMonitor.App;

namespace MachineMonitor.Device;

/// <summary>The I2C sensors of <c>--source bme280|ads1115|ina219</c> (and the bus plumbing MPU-6050 shares), one channel each.</summary>
internal static class I2cSources
{
    public const string DefaultBmx280Channel = "temperature";
    public const string DefaultAds1115Channel = "ain0";
    public const string DefaultIna219Channel = "current";

    public static ISensorSource OpenBmx280(MonitorSettings settings)
    {
        var device = OpenDevice(settings, Bmx280Source.DefaultAddress);
        var sensor = Guard(settings, "BME280/BMP280", device, () => new Bmx280Source(device));
        return new SingleChannelSource(sensor, Channel(settings.Channel ?? DefaultBmx280Channel, sensor.ChannelNames, sensor));
    }

    public static ISensorSource OpenAds1115(MonitorSettings settings)
    {
        // Only the input the model reads is converted: each input costs a conversion (7.8 ms at 128 samples/s).
        string name = settings.Channel ?? DefaultAds1115Channel;
        if (!Ads1115Source.TryParseInput(name, out var input))
        {
            throw new ArgumentException($"--channel '{name}' is not an ADS1115 input; expected ain0, ain1, ain2, ain3 (against GND) or ain0-ain1, ain0-ain3, ain1-ain3, ain2-ain3 (differential).");
        }

        Ads1115Source.TryParseRange(settings.AdcRange, out var range); // checked by the command line
        var device = OpenDevice(settings, Ads1115Source.DefaultAddress);
        return Guard(settings, "ADS1115", device, () => new Ads1115Source(device, [input], range));
    }

    public static ISensorSource OpenIna219(MonitorSettings settings)
    {
        var device = OpenDevice(settings, Ina219Source.DefaultAddress);
        var sensor = Guard(settings, "INA219", device, () => new Ina219Source(device, settings.ShuntOhms));
        return new SingleChannelSource(sensor, Channel(settings.Channel ?? DefaultIna219Channel, Ina219Source.ChannelNames, sensor));
    }

    /// <exception cref="IOException">/dev/i2c-N cannot be opened.</exception>
    public static I2cDevice OpenDevice(MonitorSettings settings, int defaultAddress)
    {
        int address = settings.I2cAddress ?? defaultAddress;
        try
        {
            return I2cDevice.Create(new I2cConnectionSettings(settings.I2cBus, address));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            throw new IOException(Invariant($"cannot open I2C bus {settings.I2cBus} (/dev/i2c-{settings.I2cBus}): {ex.Message} Is I2C enabled (raspi-config) and is the user in the i2c group?"), ex);
        }
    }

    /// <summary>Creates the sensor; when the chip does not answer, closes the bus and says where nothing answered.</summary>
    public static T Guard<T>(MonitorSettings settings, string chip, I2cDevice device, Func<T> create)
    {
        try
        {
            return create();
        }
        catch (Exception ex) when (ex is IOException or TimeoutException or InvalidOperationException or UnauthorizedAccessException)
        {
            device.Dispose();
            throw new IOException(Invariant($"no {chip} answered at address 0x{device.ConnectionSettings.DeviceAddress:X2} on /dev/i2c-{settings.I2cBus}: {ex.Message} Check the wiring, or the address (--i2c-address; i2cdetect -y {settings.I2cBus} lists what answers)."), ex);
        }
    }

    private static int Channel(string name, string[] names, ISensorSource sensor)
    {
        int channel = Array.FindIndex(names, n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
        if (channel < 0)
        {
            sensor.Dispose();
            throw new ArgumentException($"--channel '{name}' is not a channel of this sensor; expected one of {string.Join(", ", names)}.");
        }

        return channel;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
