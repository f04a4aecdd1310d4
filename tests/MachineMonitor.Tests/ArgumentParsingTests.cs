using System.CommandLine;
using System.IO;
using System.Threading;
using MachineMonitor.App;
using Xunit;

namespace MachineMonitor.Tests;

public sealed class ArgumentParsingTests
{
    private static MonitorSettings Parse(params string[] args)
    {
        var cli = new MonitorCommandLine(TextWriter.Null, TextWriter.Null, CancellationToken.None);
        ParseResult parse = cli.Root.Parse(args);
        Assert.Empty(parse.Errors);
        return cli.ReadSettings(parse);
    }

    [Fact]
    public void WithoutOptionsItMonitorsTheSimulatedMachineAsFastAsPossible()
    {
        var settings = Parse();

        Assert.Equal(SourceKind.Sim, settings.Source);
        Assert.Equal(0, settings.Rate);
        Assert.Equal(0.15, settings.CalibrationFraction);
        Assert.Equal(500, settings.CalibrationSamples);
        Assert.Null(settings.CalibrationFile);
        Assert.Null(settings.EventsFile);
        Assert.Null(settings.GpioPin);
    }

    [Fact]
    public void ReplayOptions()
    {
        var settings = Parse("--source", "csv", "--input", "data.csv", "--calibration-fraction", "0.2", "--events", "events.jsonl",
            "--gpio-pin", "17", "--gpio-active-low", "--rate", "2.5", "--channel", "value", "--save-calibration", "cal.json");

        Assert.Equal(SourceKind.Csv, settings.Source);
        Assert.Equal("data.csv", settings.Input);
        Assert.Equal(0.2, settings.CalibrationFraction);
        Assert.Equal("events.jsonl", settings.EventsFile);
        Assert.Equal(17, settings.GpioPin);
        Assert.True(settings.GpioActiveLow);
        Assert.Equal(2.5, settings.Rate);
        Assert.Equal("value", settings.Channel);
        Assert.Equal("cal.json", settings.SaveCalibrationFile);
    }

    [Theory]
    [InlineData("iio", "Iio")]
    [InlineData("mpu6050", "Mpu6050")]
    [InlineData("serial", "Serial")]
    public void SensorsArePacedAtTenHertzUnlessToldOtherwise(string source, string kind)
    {
        Assert.Equal(kind, Parse("--source", source).Source.ToString());
        Assert.Equal(10, Parse("--source", source).Rate);
        Assert.Equal(50, Parse("--source", source, "--rate", "50").Rate);
    }

    [Fact]
    public void SourceSpecificOptions()
    {
        var settings = Parse("--source", "serial", "--serial-port", "/dev/ttyUSB0", "--baud", "9600", "--iio-device", "adxl345",
            "--i2c-bus", "3", "--calibration", "calibration.json", "--calibration-samples", "1200");

        Assert.Equal("/dev/ttyUSB0", settings.SerialPort);
        Assert.Equal(9600, settings.Baud);
        Assert.Equal("adxl345", settings.IioDevice);
        Assert.Equal(3, settings.I2cBus);
        Assert.Equal("calibration.json", settings.CalibrationFile);
        Assert.Equal(1200, settings.CalibrationSamples);
    }

    [Fact]
    public void NumbersUseADotWhateverTheCulture()
    {
        var previous = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            Assert.Equal(0.25, Parse("--calibration-fraction", "0.25").CalibrationFraction);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }
    }

    [Theory]
    [InlineData("--source", "modbus")]
    [InlineData("--calibration-fraction", "1.5")]
    [InlineData("--calibration-fraction", "0")]
    [InlineData("--rate", "-1")]
    [InlineData("--baud", "fast")]
    [InlineData("--gpio-pin", "x")]
    [InlineData("--no-such-option")]
    public void BadOptionsAreUsageErrorsWithExitCode2(params string[] args)
    {
        var result = AppRunner.Run(args);

        Assert.Equal(ExitCodes.BadUsage, result.ExitCode);
        Assert.Contains("error:", result.Error);
        Assert.Contains(args[^1], result.Error);
        Assert.Empty(result.Out);
    }

    [Fact]
    public void HelpListsEveryOption()
    {
        var result = AppRunner.Run("--help");

        Assert.Equal(0, result.ExitCode);
        foreach (string option in new[] { "--source", "--input", "--calibration-fraction", "--calibration", "--events", "--gpio-pin", "--rate",
                     "--iio-device", "--i2c-bus", "--serial-port", "--baud", "evaluate", "report" })
        {
            Assert.Contains(option, result.Out);
        }
    }
}
