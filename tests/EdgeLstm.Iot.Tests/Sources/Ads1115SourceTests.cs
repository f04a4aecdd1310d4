using System;
using EdgeLstm.Iot.Sources;
using EdgeLstm.Iot.Sources.I2c;
using EdgeLstm.Iot.Tests.Support.Chips;
using Iot.Device.Ads1115;
using Xunit;

namespace EdgeLstm.Iot.Tests.Sources;

/// <summary>
/// <see cref="Ads1115Source"/> (the Iot.Device.Bindings ADS1115 driver underneath) against <see cref="FakeAds1115"/>,
/// a simulated converter: there is no I2C bus here. One LSB is FSR / 2^15 (datasheet table 3): 125 µV at ±4.096 V,
/// 7.8125 µV at ±0.256 V; the voltages below are whole numbers of LSBs, so the expected readings are exact.
/// </summary>
public sealed class Ads1115SourceTests
{
    [Fact]
    public void ReadsEachInputInItsOwnConversion()
    {
        var chip = new FakeAds1115();
        chip.Inputs[0] = 1.5;    // 12000 LSB of 125 µV
        chip.Inputs[1] = 0.25;
        chip.Inputs[3] = 0.75;
        using var source = new Ads1115Source(chip, [InputMultiplexer.AIN0, InputMultiplexer.AIN0_AIN1, InputMultiplexer.AIN1_AIN3], ownsDevice: false);
        var v = new float[3];
        int before = chip.Conversions;

        Assert.True(source.Read(v).IsOk);

        Assert.Equal(1.5f, v[0]);
        Assert.Equal(1.25f, v[1]);   // AIN0 - AIN1
        Assert.Equal(-0.5f, v[2]);   // AIN1 - AIN3, negative codes are two's complement
        Assert.Equal(3, chip.Conversions - before);
        Assert.Equal(["ain0", "ain0-ain1", "ain1-ain3"], source.ChannelNames);
    }

    [Fact]
    public void ASingleInputIsConvertedAgainOnEveryRead()
    {
        var chip = new FakeAds1115();
        using var source = new Ads1115Source(chip, [InputMultiplexer.AIN2], ownsDevice: false);
        var v = new float[1];

        chip.Inputs[2] = 1.0;
        source.Read(v);
        Assert.Equal(1.0f, v[0]);
        chip.Inputs[2] = 2.0;
        source.Read(v);
        Assert.Equal(2.0f, v[0]); // not the stale result of the previous conversion
    }

    [Fact]
    public void TheRangeSetsTheGainAndTheCodeSaturates()
    {
        var chip = new FakeAds1115();
        chip.Inputs[0] = 0.25;  // 32000 LSB of 7.8125 µV
        chip.Inputs[1] = 0.3;   // beyond +0.256 V: 0x7FFF
        using var source = new Ads1115Source(chip, [InputMultiplexer.AIN0, InputMultiplexer.AIN1], MeasuringRange.FS0256, ownsDevice: false);
        var v = new float[2];

        source.Read(v);

        Assert.Equal(5, (chip.Config >> 9) & 0x07); // PGA = 101: ±0.256 V
        Assert.Equal(0.25, v[0], 1e-7);
        Assert.Equal(32767 * 0.256 / 32768, v[1], 1e-7);
    }

    [Fact]
    public void AConversionThatNeverEndsIsAStallNotAHang()
    {
        var chip = new FakeAds1115();
        using var source = new Ads1115Source(chip, [InputMultiplexer.AIN0], ownsDevice: false);
        chip.BusyReads = int.MaxValue;

        var result = source.Read(new float[1]);

        Assert.Equal(SourceFaultKind.Stalled, result.Fault);
    }

    [Fact]
    public void ABusErrorIsAnIoFaultAndReconnectConfiguresAgain()
    {
        var chip = new FakeAds1115();
        chip.Inputs[0] = 0.5;
        using var source = new Ads1115Source(chip, [InputMultiplexer.AIN0], ownsDevice: false);
        var v = new float[1];
        chip.FailNextTransfers = 1;

        Assert.Equal(SourceFaultKind.IoError, source.Read(v).Fault);

        source.Reconnect();
        Assert.True(source.Read(v).IsOk);
        Assert.Equal(0.5f, v[0]);
    }

    [Theory]
    [InlineData("ain0", InputMultiplexer.AIN0)]
    [InlineData("AIN3", InputMultiplexer.AIN3)]
    [InlineData("ain2-ain3", InputMultiplexer.AIN2_AIN3)]
    public void ChannelNamesParse(string name, InputMultiplexer expected)
    {
        Assert.True(Ads1115Source.TryParseInput(name, out var input));
        Assert.Equal(expected, input);
    }

    [Fact]
    public void UnknownNamesAndRangesAreRefused()
    {
        Assert.False(Ads1115Source.TryParseInput("ain1-ain2", out _)); // not a pair the multiplexer offers
        Assert.False(Ads1115Source.TryParseRange(5.0, out _));
        Assert.True(Ads1115Source.TryParseRange(0.512, out var range));
        Assert.Equal(MeasuringRange.FS0512, range);
    }
}
