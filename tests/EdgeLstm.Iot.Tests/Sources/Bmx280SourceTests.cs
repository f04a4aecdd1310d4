using System;
using System.Collections.Generic;
using System.IO;
using EdgeLstm.Iot.Sources;
using EdgeLstm.Iot.Sources.I2c;
using EdgeLstm.Iot.Tests.Support.Chips;
using Xunit;

namespace EdgeLstm.Iot.Tests.Sources;

/// <summary>
/// <see cref="Bmx280Source"/> (the Iot.Device.Bindings BME280/BMP280 drivers underneath) against
/// <see cref="FakeBmx280"/>, a simulated chip: there is no I2C bus here.
/// </summary>
public sealed class Bmx280SourceTests
{
    private static readonly Action<TimeSpan> NoSleep = _ => { };

    // The worked example of the BMP280 datasheet (BST-BMP280-DS001, 3.12), which the BME280 shares for temperature
    // and pressure: these trimming words and raw values give T = 25.08 °C and p = 100653.27 Pa.
    private static FakeBmx280 DatasheetExample(bool humidity = true)
    {
        var chip = new FakeBmx280(humidity)
        {
            RawTemperature = 519888,
            RawPressure = 415148,
            RawHumidity = 29000,
        };
        chip.SetTemperatureAndPressureTrimming(27504, 26435, -1000, 36477, -10685, 3024, 2855, 140, -7, 15500, -14600, 6000);
        // Typical humidity trimming of a real part (dig_H4 = 313 and dig_H5 = 50 exercise the shared nibble of 0xE5).
        chip.SetHumidityTrimming(75, 362, 0, 313, 50, 30);
        return chip;
    }

    [Fact]
    public void TheDatasheetExampleGivesTheDatasheetTemperatureAndPressure()
    {
        var chip = DatasheetExample();
        using var source = new Bmx280Source(chip, sleep: NoSleep, ownsDevice: false);
        var v = new float[3];

        Assert.True(source.Read(v).IsOk);

        Assert.Equal(25.0825, v[0], 1e-3);  // datasheet: 25.08 °C; its double formula gives 25.082478
        Assert.Equal(1006.5327, v[1], 2e-4); // datasheet: 100653.27 Pa (= 1006.5327 hPa)
        // BME280 datasheet 4.2.3 (double) with the trimming above and t_fine = 128422, by a transcription of the
        // datasheet's formula: ((29000 - (313·64 + 50/16384·51622)) · (362/65536 · (1 + 30/67108864·51622 · (1 + 0)))
        // · (1 - 75·h/524288)) = 49.4346 %.
        Assert.Equal(49.4346, v[2], 1e-3);
    }

    [Fact]
    public void EveryReadIsOneForcedConversion()
    {
        var chip = DatasheetExample();
        var waits = new List<TimeSpan>();
        using var source = new Bmx280Source(chip, sleep: waits.Add, ownsDevice: false);

        source.Read(new float[3]);
        source.Read(new float[3]);

        Assert.Equal(2, chip.Conversions);
        Assert.Equal(0, chip.ControlMeasurement & 0x03);                 // asleep again
        Assert.Equal(0b001_001_00, chip.ControlMeasurement & 0xFC);      // ×1 oversampling for T and p
        Assert.All(waits, w => Assert.True(w >= TimeSpan.FromMilliseconds(10), $"waited {w}; a ×1/×1/×1 conversion takes up to 9.3 ms"));
    }

    [Fact]
    public void ABmp280HasTwoChannels()
    {
        var chip = DatasheetExample(humidity: false);
        using var source = new Bmx280Source(chip, sleep: NoSleep, ownsDevice: false);
        var v = new float[2];

        Assert.False(source.HasHumidity);
        Assert.Equal(["temperature", "pressure"], source.ChannelNames);
        Assert.True(source.Read(v).IsOk);
        Assert.Equal(1006.5327, v[1], 2e-4);
    }

    [Fact]
    public void AnotherChipIsRefusedWithItsId()
    {
        var chip = new FakeBmx280(chipId: 0x61); // a BME680
        var ex = Assert.Throws<IOException>(() => new Bmx280Source(chip, sleep: NoSleep));
        Assert.Contains("0x61", ex.Message);
        Assert.Contains("0x76", ex.Message);
    }

    [Fact]
    public void ABusErrorIsAnIoFaultAndReconnectConfiguresAgain()
    {
        var chip = DatasheetExample();
        using var source = new Bmx280Source(chip, sleep: NoSleep, ownsDevice: false);
        var v = new float[3];
        chip.FailNextTransfers = 1;

        Assert.Equal(SourceFaultKind.IoError, source.Read(v).Fault);

        source.Reconnect();
        Assert.True(source.Read(v).IsOk);
        Assert.Equal(25.0825, v[0], 1e-3);
    }
}
