using System;
using System.Device.I2c;
using Iot.Device.Adc;

namespace EdgeLstm.Iot.Sources.I2c;

/// <summary>
/// A Texas Instruments INA219 high-side current and power monitor on I2C, through the <c>Iot.Device.Bindings</c>
/// driver (<see cref="Ina219"/>). Channels: bus voltage (V), current (A, positive from VIN+ to VIN−) and power (W),
/// for a motor's or a heater's supply.
/// </summary>
/// <remarks>
/// The chip runs at its power-on configuration (32 V bus range, ±320 mV shunt range, 12-bit, continuous).
/// The current is the shunt voltage over <see cref="ShuntOhms"/> and the power the bus voltage times the current,
/// computed here rather than read from the chip's current and power registers: the driver reads those registers (and
/// the shunt voltage) as unsigned, so a reverse current of −1 mA would come back as +6.5 A, and it rewrites the
/// calibration register before each of them. The shunt voltage register is signed (datasheet 8.6.3.2), so its
/// unsigned reading is folded back here. Bus voltage, shunt voltage and the chip's own current register agree
/// to the last bit for any calibration; this way no calibration has to be chosen.
/// </remarks>
public sealed class Ina219Source : ISensorSource, IReconnectableSource
{
    /// <summary>A0 and A1 tied to GND.</summary>
    public const int DefaultAddress = 0x40;

    /// <summary>The shunt fitted to most INA219 breakout boards ("R100").</summary>
    public const double DefaultShuntOhms = 0.1;

    private const double ShuntVoltsPerBit = 10e-6; // what the driver multiplies the register by

    private readonly I2cDevice _device;
    private readonly bool _ownsDevice;
    private readonly TimeProvider _clock;
    private Ina219 _driver;

    /// <summary>Resets the chip to its power-on configuration.</summary>
    /// <param name="device">The I2C device at the monitor's address.</param>
    /// <param name="shuntOhms">The shunt resistor between VIN+ and VIN−.</param>
    /// <param name="clock">Stamps samples; defaults to the system clock.</param>
    /// <param name="ownsDevice">Dispose <paramref name="device"/> with this source.</param>
    /// <exception cref="System.IO.IOException">The bus failed.</exception>
    public Ina219Source(I2cDevice device, double shuntOhms = DefaultShuntOhms, TimeProvider? clock = null, bool ownsDevice = true)
    {
        ArgumentNullException.ThrowIfNull(device);
        if (!double.IsFinite(shuntOhms) || shuntOhms <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(shuntOhms), shuntOhms, "The shunt resistance must be a positive number of ohms.");
        }

        _device = device;
        _ownsDevice = ownsDevice;
        ShuntOhms = shuntOhms;
        _clock = clock ?? TimeProvider.System;
        _driver = Open();
    }

    /// <summary>Channel names in sample order.</summary>
    public static readonly string[] ChannelNames = ["bus_voltage", "current", "power"];

    /// <summary>The shunt resistance the current is computed with.</summary>
    public double ShuntOhms { get; }

    /// <inheritdoc/>
    public int ChannelCount => 3;

    /// <inheritdoc/>
    public SampleResult Read(Span<float> values)
    {
        SourceGuard.RequireLength(values, ChannelCount);
        var now = _clock.GetUtcNow();
        double busVolts, shuntVolts;
        try
        {
            busVolts = _driver.ReadBusVoltage().Volts;
            shuntVolts = SignedShuntVolts(_driver.ReadShuntVoltage().Volts);
        }
        catch (Exception ex) when (DriverFaults.IsDeviceFailure(ex))
        {
            return DriverFaults.ToFault(ex, now);
        }

        double amperes = shuntVolts / ShuntOhms;
        values[0] = (float)busVolts;
        values[1] = (float)amperes;
        values[2] = (float)(busVolts * amperes);
        return SampleResult.Ok(now);
    }

    /// <summary>Resets the chip again (after a brown-out it may hold anything).</summary>
    public void Reconnect() => _driver = Open();

    /// <inheritdoc/>
    public void Dispose()
    {
        _driver.Dispose(); // disposes nothing it was given
        if (_ownsDevice)
        {
            _device.Dispose();
        }
    }

    private Ina219 Open()
    {
        var driver = new Ina219(_device);
        driver.Reset();
        return driver;
    }

    // The driver returns register × 10 µV with the register taken as unsigned; recover the register and sign it.
    private static double SignedShuntVolts(double unsignedVolts)
    {
        var register = (ushort)Math.Round(unsignedVolts / ShuntVoltsPerBit);
        return (short)register * ShuntVoltsPerBit;
    }
}
