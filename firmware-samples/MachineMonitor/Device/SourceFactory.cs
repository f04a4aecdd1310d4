using System;
using System.IO;
using System.Globalization;
using EdgeLstm.Iot.Sources;
using EdgeLstm.Iot.Sources.I2c;
using MachineMonitor.App;

namespace MachineMonitor.Device;

/// <summary>Opens the source the settings name, reduced to the one channel <see cref="MachineModel"/> reads.</summary>
internal static class SourceFactory
{
    /// <summary>The IIO channel read when <c>--channel</c> is not given.</summary>
    public const string DefaultIioChannel = "accel_z";

    /// <summary>The MPU-6050 channel read when <c>--channel</c> is not given (vertical vibration of a machine it sits on).</summary>
    public const string DefaultMpu6050Channel = "accel_z";

    /// <exception cref="IOException">The device or file cannot be opened.</exception>
    /// <exception cref="ArgumentException">The channel does not exist.</exception>
    public static ISensorSource Open(MonitorSettings settings) => settings.Source switch
    {
        SourceKind.Csv => OpenCsv(settings),
        SourceKind.Serial => new SerialSensorSource(settings.SerialPort, settings.Baud, TimeSpan.FromSeconds(2), CsvOptions(settings)),
        SourceKind.Iio => OpenIio(settings),
        SourceKind.Mpu6050 => OpenMpu6050(settings),
        SourceKind.Bme280 => I2cSources.OpenBmx280(settings),
        SourceKind.Ads1115 => I2cSources.OpenAds1115(settings),
        SourceKind.Ina219 => I2cSources.OpenIna219(settings),
        _ => Simulation.Create(settings.Seed, settings.SimulatedSamples),
    };

    private static CsvSensorSource OpenCsv(MonitorSettings settings)
    {
        string input = settings.Input ?? throw new ArgumentException("--source csv needs --input FILE (or - for standard input).");
        return input == "-"
            ? CsvSensorSource.OpenStandardInput(CsvOptions(settings))
            : CsvSensorSource.OpenFile(input, CsvOptions(settings));
    }

    // Null value columns take every non-timestamp column; the monitor then insists there is exactly one.
    private static CsvSourceOptions CsvOptions(MonitorSettings settings)
        => new() { ValueColumns = settings.Channel is { } channel ? [channel] : null };

    private static IioSensorSource OpenIio(MonitorSettings settings)
    {
        // A path is used as it is; a name is looked up among /sys/bus/iio/devices/iio:deviceN/name.
        string device = Directory.Exists(settings.IioDevice) ? settings.IioDevice : IioSensorSource.FindDevice(settings.IioDevice);
        return new IioSensorSource(device, [new IioChannel(settings.Channel ?? DefaultIioChannel)]);
    }

    private static SingleChannelSource OpenMpu6050(MonitorSettings settings)
    {
        string name = settings.Channel ?? DefaultMpu6050Channel;
        int channel = Array.IndexOf(Mpu6050Source.ChannelNames, name);
        if (channel < 0 && !(int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out channel) && channel < Mpu6050Source.ChannelNames.Length))
        {
            throw new ArgumentException($"--channel '{name}' is not an MPU-6050 channel; expected one of {string.Join(", ", Mpu6050Source.ChannelNames)} or 0-6.");
        }

        var device = I2cSources.OpenDevice(settings, Mpu6050Source.DefaultAddress);
        return new SingleChannelSource(I2cSources.Guard(settings, "MPU-6050", device, () => new Mpu6050Source(device)), channel);
    }
}
