using System.CommandLine;
using System.IO;
using System.Threading;
using MachineMonitor.App;
using Xunit;

namespace MachineMonitor.Tests;

/// <summary>
/// <c>--source bme280|ads1115|ina219</c> and their options. The sensors themselves are tested against simulated chips
/// in EdgeLstm.Iot.Tests; here there is no I2C bus, which the app must say plainly.
/// </summary>
public sealed class I2cSourceOptionsTests
{
    private static MonitorSettings Parse(params string[] args)
    {
        var cli = new MonitorCommandLine(TextWriter.Null, TextWriter.Null, CancellationToken.None);
        ParseResult parse = cli.Root.Parse(args);
        Assert.Empty(parse.Errors);
        return cli.ReadSettings(parse);
    }

    [Theory]
    [InlineData("bme280", "Bme280")]
    [InlineData("ads1115", "Ads1115")]
    [InlineData("ina219", "Ina219")]
    public void EachSensorIsASourcePacedAtTenHertz(string source, string kind)
    {
        var settings = Parse("--source", source);
        Assert.Equal(kind, settings.Source.ToString());
        Assert.Equal(10, settings.Rate);
        Assert.Null(settings.I2cAddress); // the chip's usual address
        Assert.Equal(4.096, settings.AdcRange);
        Assert.Equal(0.1, settings.ShuntOhms);
    }

    [Theory]
    [InlineData("0x48", 0x48)]
    [InlineData("0X6a", 0x6A)]
    [InlineData("64", 64)]
    public void AddressesAreHexOrDecimal(string text, int address)
        => Assert.Equal(address, Parse("--source", "ads1115", "--i2c-address", text).I2cAddress);

    [Fact]
    public void RangeAndShunt()
    {
        var settings = Parse("--source", "ina219", "--adc-range", "0.256", "--shunt-ohms", "0.015");
        Assert.Equal(0.256, settings.AdcRange);
        Assert.Equal(0.015, settings.ShuntOhms);
    }

    [Theory]
    [InlineData("--i2c-address", "0x78")]   // reserved by the I2C specification
    [InlineData("--i2c-address", "0x2G")]
    [InlineData("--i2c-address", "-1")]
    [InlineData("--adc-range", "5")]        // not a gain the ADS1115 has
    [InlineData("--shunt-ohms", "0")]
    public void BadValuesAreUsageErrors(string option, string value)
    {
        var result = AppRunner.Run("--source", "ads1115", option, value);

        Assert.Equal(ExitCodes.BadUsage, result.ExitCode);
        Assert.Contains(option, result.Error);
        Assert.Contains(value, result.Error);
    }

    [Fact]
    public void AMissingBusIsASourceErrorNamingIt()
    {
        var result = AppRunner.Run("--source", "ina219", "--i2c-bus", "250");

        Assert.Equal(ExitCodes.Failed, result.ExitCode);
        Assert.Contains("/dev/i2c-250", result.Error);
        Assert.Empty(result.Out);
    }

    [Fact]
    public void AnUnknownAdcInputIsRefusedBeforeTheBusIsOpened()
    {
        var result = AppRunner.Run("--source", "ads1115", "--channel", "ain9", "--i2c-bus", "250");

        Assert.Equal(ExitCodes.Failed, result.ExitCode);
        Assert.Contains("'ain9' is not an ADS1115 input", result.Error);
        Assert.DoesNotContain("/dev/i2c-250", result.Error);
    }
}
