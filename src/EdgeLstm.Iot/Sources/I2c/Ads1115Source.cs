using System;
using System.Collections.Generic;
using System.Device.I2c;
using Iot.Device.Ads1115;

namespace EdgeLstm.Iot.Sources.I2c;

/// <summary>
/// A Texas Instruments ADS1115 16-bit ADC on I2C, through the <c>Iot.Device.Bindings</c> driver
/// (<see cref="Ads1115"/>): one channel per input (single-ended AINn against GND, or a differential pair), in volts.
/// For analogue sensors: a current clamp's burden voltage, a 4-20 mA loop across a resistor, a thermistor divider.
/// </summary>
/// <remarks>
/// The converter runs single-shot: each input of each sample is one conversion started, awaited (the driver polls the
/// config register's OS bit) and read, so switching the multiplexer never returns the previous input's value.
/// A conversion takes 1/<see cref="DataRate"/> s (7.8 ms at the default 128 samples/s).
/// The driver's <c>ReadRaw</c> gives the conversion result as a count, scaled to volts here (full scale / 32768, the
/// datasheet's LSB table) rather than by <c>ReadVoltage</c>, whose UnitsNet quantity would make a Native AOT build
/// carry all of UnitsNet's tables (see <see cref="I2cRegisters"/>).
/// </remarks>
public sealed class Ads1115Source : ISensorSource, IReconnectableSource
{
    /// <summary>ADDR tied to GND.</summary>
    public const int DefaultAddress = 0x48;

    private readonly I2cDevice _device;
    private readonly bool _ownsDevice;
    private readonly InputMultiplexer[] _inputs;
    private readonly MeasuringRange _range;
    private readonly DataRate _rate;
    private readonly TimeProvider _clock;
    private readonly double _voltsPerCount;
    private Ads1115 _driver;

    /// <summary>Configures the converter.</summary>
    /// <param name="device">The I2C device at the converter's address.</param>
    /// <param name="inputs">The inputs to read, one channel each, in this order.</param>
    /// <param name="range">Full-scale range of the programmable gain amplifier (±4.096 V by default).</param>
    /// <param name="rate">Conversions per second.</param>
    /// <param name="clock">Stamps samples; defaults to the system clock.</param>
    /// <param name="ownsDevice">Dispose <paramref name="device"/> with this source.</param>
    /// <exception cref="System.IO.IOException">The bus failed.</exception>
    /// <exception cref="TimeoutException">The first conversion never finished.</exception>
    public Ads1115Source(
        I2cDevice device,
        IReadOnlyList<InputMultiplexer> inputs,
        MeasuringRange range = MeasuringRange.FS4096,
        DataRate rate = DataRate.SPS128,
        TimeProvider? clock = null,
        bool ownsDevice = true)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Count == 0)
        {
            throw new ArgumentException("Name at least one input.", nameof(inputs));
        }

        _device = device;
        _ownsDevice = ownsDevice;
        _inputs = [.. inputs];
        _range = range;
        _rate = rate;
        _voltsPerCount = FullScaleVolts(range) / 32768;
        _clock = clock ?? TimeProvider.System;
        ChannelNames = Array.ConvertAll(_inputs, InputName);
        _driver = Open();
    }

    /// <summary>Channel names in sample order: <c>ain0</c>…<c>ain3</c> for single-ended inputs, <c>ain0-ain1</c> for pairs.</summary>
    public string[] ChannelNames { get; }

    /// <inheritdoc/>
    public int ChannelCount => _inputs.Length;

    /// <summary>Full-scale range.</summary>
    public MeasuringRange Range => _range;

    /// <summary>Conversions per second.</summary>
    public DataRate DataRate => _rate;

    /// <inheritdoc/>
    public SampleResult Read(Span<float> values)
    {
        SourceGuard.RequireLength(values, ChannelCount);
        var now = _clock.GetUtcNow();
        try
        {
            for (int i = 0; i < _inputs.Length; i++)
            {
                values[i] = (float)(_driver.ReadRaw(_inputs[i]) * _voltsPerCount);
            }
        }
        catch (Exception ex) when (DriverFaults.IsDeviceFailure(ex))
        {
            return DriverFaults.ToFault(ex, now);
        }

        return SampleResult.Ok(now);
    }

    /// <summary>Writes the configuration again (after a brown-out the converter is back at its power-on defaults).</summary>
    public void Reconnect() => _driver = Open();

    /// <inheritdoc/>
    public void Dispose()
    {
        // Not _driver.Dispose(): that writes the configuration again and always disposes the device, which may not be ours.
        if (_ownsDevice)
        {
            _device.Dispose();
        }
    }

    /// <summary>The channel name of <paramref name="input"/>.</summary>
    public static string InputName(InputMultiplexer input) => input switch
    {
        InputMultiplexer.AIN0 => "ain0",
        InputMultiplexer.AIN1 => "ain1",
        InputMultiplexer.AIN2 => "ain2",
        InputMultiplexer.AIN3 => "ain3",
        InputMultiplexer.AIN0_AIN1 => "ain0-ain1",
        InputMultiplexer.AIN0_AIN3 => "ain0-ain3",
        InputMultiplexer.AIN1_AIN3 => "ain1-ain3",
        InputMultiplexer.AIN2_AIN3 => "ain2-ain3",
        _ => throw new ArgumentOutOfRangeException(nameof(input), input, "Not an ADS1115 input."),
    };

    /// <summary>The input a channel name (as <see cref="InputName"/> writes it, any case) stands for.</summary>
    public static bool TryParseInput(string name, out InputMultiplexer input)
    {
        foreach (var candidate in (ReadOnlySpan<InputMultiplexer>)[
            InputMultiplexer.AIN0, InputMultiplexer.AIN1, InputMultiplexer.AIN2, InputMultiplexer.AIN3,
            InputMultiplexer.AIN0_AIN1, InputMultiplexer.AIN0_AIN3, InputMultiplexer.AIN1_AIN3, InputMultiplexer.AIN2_AIN3])
        {
            if (string.Equals(name, InputName(candidate), StringComparison.OrdinalIgnoreCase))
            {
                input = candidate;
                return true;
            }
        }

        input = default;
        return false;
    }

    /// <summary>The full-scale range whose positive limit is <paramref name="volts"/> (6.144, 4.096, 2.048, 1.024, 0.512 or 0.256).</summary>
    public static bool TryParseRange(double volts, out MeasuringRange range)
    {
        range = volts switch
        {
            6.144 => MeasuringRange.FS6144,
            4.096 => MeasuringRange.FS4096,
            2.048 => MeasuringRange.FS2048,
            1.024 => MeasuringRange.FS1024,
            0.512 => MeasuringRange.FS0512,
            0.256 => MeasuringRange.FS0256,
            _ => (MeasuringRange)(-1),
        };
        return range >= 0;
    }

    /// <summary>The positive limit of <paramref name="range"/> in volts (the inverse of <see cref="TryParseRange"/>).</summary>
    public static double FullScaleVolts(MeasuringRange range) => range switch
    {
        MeasuringRange.FS6144 => 6.144,
        MeasuringRange.FS4096 => 4.096,
        MeasuringRange.FS2048 => 2.048,
        MeasuringRange.FS1024 => 1.024,
        MeasuringRange.FS0512 => 0.512,
        MeasuringRange.FS0256 => 0.256,
        _ => throw new ArgumentOutOfRangeException(nameof(range), range, "Not an ADS1115 full-scale range."),
    };

    private Ads1115 Open() => new(_device, _inputs[0], _range, _rate, DeviceMode.PowerDown);
}
