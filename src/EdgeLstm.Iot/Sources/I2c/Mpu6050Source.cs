using System;
using System.Device.I2c;
using System.IO;
using System.Numerics;
using Iot.Device.Imu;

namespace EdgeLstm.Iot.Sources.I2c;

/// <summary>
/// An InvenSense MPU-6050 accelerometer and gyroscope on I2C, through the <c>Iot.Device.Bindings</c> driver
/// (<see cref="Mpu6050"/>). Each sample has 7 channels: acceleration X, Y, Z (g, or m/s² with
/// <see cref="AccelerationInMetresPerSecondSquared"/>), die temperature (°C), angular rate X, Y, Z (°/s).
/// </summary>
/// <remarks>
/// The driver resets and configures the chip and reads acceleration and angular rate; it scales acceleration to m/s²
/// with g = 9.807, which is undone here (so g is exactly 1/16384 of full scale at ±2 g). The temperature is read from
/// TEMP_OUT (0x41) here and decoded as the MPU-6050's register map says (RM-MPU-6000A-00, 4.18: raw / 340 + 36.53);
/// the driver's <c>GetTemperature</c> uses the MPU-9250's formula, (raw − 21) / 333.87 + 21, and returns a UnitsNet
/// quantity, whose use alone makes a Native AOT build carry all of UnitsNet's tables (see <see cref="I2cRegisters"/>).
/// Acceleration, temperature and angular rate are three reads, so the three groups may come from consecutive
/// internal samples (1 kHz); within a group the axes are coherent.
/// </remarks>
public sealed class Mpu6050Source : ISensorSource, IReconnectableSource
{
    /// <summary>The address with AD0 low.</summary>
    public const int DefaultAddress = Mpu6050.DefaultI2cAddress;

    private const byte TemperatureRegister = 0x41; // TEMP_OUT_H, then TEMP_OUT_L
    private const double StandardGravity = 9.80665;
    private const double DriverGravity = 9.807; // what Iot.Device.Imu.Mpu6050 multiplies by

    private readonly I2cDevice _device;
    private readonly bool _ownsDevice;
    private readonly AccelerometerRange _accelRange;
    private readonly GyroscopeRange _gyroRange;
    private readonly TimeProvider _clock;
    private readonly double _accelUnit;
    private Mpu6050 _driver;

    /// <summary>Resets and configures the chip (the driver waits about 200 ms for it).</summary>
    /// <param name="device">The I2C device at the sensor's address.</param>
    /// <param name="accelRange">Accelerometer full scale.</param>
    /// <param name="gyroRange">Gyroscope full scale.</param>
    /// <param name="accelerationInMetresPerSecondSquared">Report acceleration in m/s² instead of g.</param>
    /// <param name="clock">Stamps samples; defaults to the system clock.</param>
    /// <param name="ownsDevice">Dispose <paramref name="device"/> with this source.</param>
    /// <exception cref="IOException">The bus failed, WHO_AM_I is not 0x68, or a range did not stick.</exception>
    public Mpu6050Source(
        I2cDevice device,
        AccelerometerRange accelRange = AccelerometerRange.Range02G,
        GyroscopeRange gyroRange = GyroscopeRange.Range0250Dps,
        bool accelerationInMetresPerSecondSquared = false,
        TimeProvider? clock = null,
        bool ownsDevice = true)
    {
        ArgumentNullException.ThrowIfNull(device);
        _device = device;
        _ownsDevice = ownsDevice;
        _accelRange = accelRange;
        _gyroRange = gyroRange;
        _clock = clock ?? TimeProvider.System;
        AccelerationInMetresPerSecondSquared = accelerationInMetresPerSecondSquared;
        _accelUnit = (accelerationInMetresPerSecondSquared ? StandardGravity : 1.0) / DriverGravity;
        _driver = Open();
    }

    /// <summary>Channel names in sample order.</summary>
    public static readonly string[] ChannelNames = ["accel_x", "accel_y", "accel_z", "temperature", "gyro_x", "gyro_y", "gyro_z"];

    /// <inheritdoc/>
    public int ChannelCount => 7;

    /// <summary>Whether acceleration is reported in m/s² (true) or g (false).</summary>
    public bool AccelerationInMetresPerSecondSquared { get; }

    /// <inheritdoc/>
    public SampleResult Read(Span<float> values)
    {
        SourceGuard.RequireLength(values, ChannelCount);
        var now = _clock.GetUtcNow();
        Vector3 acceleration, rate;
        short temperature;
        try
        {
            acceleration = _driver.GetAccelerometer();
            temperature = I2cRegisters.ReadInt16BigEndian(_device, TemperatureRegister);
            rate = _driver.GetGyroscopeReading();
        }
        catch (Exception ex) when (DriverFaults.IsDeviceFailure(ex))
        {
            return DriverFaults.ToFault(ex, now);
        }

        values[0] = (float)(acceleration.X * _accelUnit);
        values[1] = (float)(acceleration.Y * _accelUnit);
        values[2] = (float)(acceleration.Z * _accelUnit);
        values[3] = (float)(temperature / 340.0 + 36.53);
        values[4] = rate.X;
        values[5] = rate.Y;
        values[6] = rate.Z;
        return SampleResult.Ok(now);
    }

    /// <summary>Resets and re-configures the chip (after a brown-out or a bus error it may have lost its set-up).</summary>
    public void Reconnect() => _driver = Open();

    /// <inheritdoc/>
    public void Dispose()
    {
        // Not _driver.Dispose(): that always disposes the device, which may not be ours.
        if (_ownsDevice)
        {
            _device.Dispose();
        }
    }

    // The driver's constructor resets the chip, wakes it on the gyro PLL, checks WHO_AM_I and sets ±2 g / ±250 °/s;
    // a new one is the cleanest re-initialisation it offers. The old instance holds nothing but the device reference.
    private Mpu6050 Open() => new(_device)
    {
        AccelerometerRange = _accelRange,
        GyroscopeRange = _gyroRange,
    };
}
