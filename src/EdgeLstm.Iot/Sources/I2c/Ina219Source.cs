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
/// The driver resets the chip; the shunt and bus voltage registers are read here and decoded as the datasheet says,
/// because the driver decodes both differently: the shunt voltage register is signed (8.6.3.2, 10 µV per bit) and
/// the driver reads it as unsigned; the bus voltage register is unsigned (8.6.3.3, 13 bits above three flag bits,
/// 4 mV per bit) and the driver reads it as signed, which turns anything above 16.38 V (a 24 V supply) negative.
/// (Its readings are also UnitsNet quantities, whose use alone makes a Native AOT build carry all of UnitsNet's
/// tables: see <see cref="I2cRegisters"/>.)
/// The current is the shunt voltage over <see cref="ShuntOhms"/> and the power the bus voltage times the current,
/// computed here rather than read from the chip's current and power registers: the chip's current register is
/// itself shunt voltage × calibration / 4096, so nothing is lost and no calibration has to be chosen, while the driver
/// reads the current register as unsigned (a reverse current of −1 mA would come back as +6.5 A) and rewrites the
/// calibration before each read.
/// </remarks>
public sealed class Ina219Source : ISensorSource, IReconnectableSource
{
    /// <summary>A0 and A1 tied to GND.</summary>
    public const int DefaultAddress = 0x40;

    /// <summary>The shunt fitted to most INA219 breakout boards ("R100").</summary>
    public const double DefaultShuntOhms = 0.1;

    private const byte ShuntVoltageRegister = 0x01;
    private const byte BusVoltageRegister = 0x02;
    private const double ShuntVoltsPerBit = 10e-6;
    private const double BusVoltsPerBit = 4e-3;

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
            // BD0-BD12 above CNVR, OVF and an unused bit; the register is unsigned.
            busVolts = (I2cRegisters.ReadUInt16BigEndian(_device, BusVoltageRegister) >> 3) * BusVoltsPerBit;
            // Two's complement, sign-extended over the unused high bits at the smaller ranges.
            shuntVolts = I2cRegisters.ReadInt16BigEndian(_device, ShuntVoltageRegister) * ShuntVoltsPerBit;
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
}
