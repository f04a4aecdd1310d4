using System;
using System.Buffers.Binary;
using System.Device.I2c;
using System.IO;
using System.Threading;

namespace EdgeLstm.Iot.Sources;

/// <summary>
/// An InvenSense MPU-6050 on I2C, driven at register level so it needs nothing beyond <see cref="I2cDevice"/>.
/// Each sample has 7 channels: accelerometer X, Y, Z (g, or m/s² with <see cref="AccelerationInMetresPerSecondSquared"/>),
/// die temperature (°C), gyroscope X, Y, Z (°/s). One 14-byte burst read per sample keeps the axes coherent.
/// </summary>
public sealed class Mpu6050Source : ISensorSource, IReconnectableSource
{
    /// <summary>The address with AD0 low.</summary>
    public const int DefaultAddress = 0x68;

    private const double StandardGravity = 9.80665;

    private readonly I2cDevice _device;
    private readonly bool _ownsDevice;
    private readonly Mpu6050AccelRange _accelRange;
    private readonly Mpu6050GyroRange _gyroRange;
    private readonly TimeProvider _clock;
    private readonly Action<TimeSpan> _sleep;
    private readonly double _accelScale;
    private readonly double _gyroScale;

    /// <summary>Resets and configures the chip.</summary>
    /// <param name="device">The I2C device at the sensor's address.</param>
    /// <param name="accelRange">Accelerometer full scale.</param>
    /// <param name="gyroRange">Gyroscope full scale.</param>
    /// <param name="accelerationInMetresPerSecondSquared">Report acceleration in m/s² instead of g.</param>
    /// <param name="clock">Stamps samples; defaults to the system clock.</param>
    /// <param name="sleep">Waits after reset (the chip needs ~100 ms); defaults to <see cref="Thread.Sleep(TimeSpan)"/>.</param>
    /// <param name="ownsDevice">Dispose <paramref name="device"/> with this source.</param>
    /// <exception cref="IOException">The bus failed or WHO_AM_I is not 0x68.</exception>
    public Mpu6050Source(
        I2cDevice device,
        Mpu6050AccelRange accelRange = Mpu6050AccelRange.G2,
        Mpu6050GyroRange gyroRange = Mpu6050GyroRange.Dps250,
        bool accelerationInMetresPerSecondSquared = false,
        TimeProvider? clock = null,
        Action<TimeSpan>? sleep = null,
        bool ownsDevice = true)
    {
        ArgumentNullException.ThrowIfNull(device);
        _device = device;
        _ownsDevice = ownsDevice;
        _accelRange = accelRange;
        _gyroRange = gyroRange;
        AccelerationInMetresPerSecondSquared = accelerationInMetresPerSecondSquared;
        _clock = clock ?? TimeProvider.System;
        _sleep = sleep ?? Thread.Sleep;
        _accelScale = (accelerationInMetresPerSecondSquared ? StandardGravity : 1.0) / (16384 >> (int)accelRange);
        _gyroScale = 1.0 / GyroLsbPerDps(gyroRange);
        Initialise();
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
        Span<byte> data = stackalloc byte[Mpu6050Registers.BurstLength];
        try
        {
            ReadOnlySpan<byte> start = [Mpu6050Registers.AccelXoutH];
            _device.WriteRead(start, data);
        }
        catch (IOException ex)
        {
            return SampleResult.Failed(SourceFaultKind.IoError, now, ex.Message);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ObjectDisposedException)
        {
            return SampleResult.Failed(SourceFaultKind.Disconnected, now, ex.Message);
        }

        Decode(data, values);
        return SampleResult.Ok(now);
    }

    /// <summary>Resets and re-configures the chip (after a brown-out or a bus error it may have lost its set-up).</summary>
    public void Reconnect() => Initialise();

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_ownsDevice)
        {
            _device.Dispose();
        }
    }

    private void Decode(ReadOnlySpan<byte> data, Span<float> values)
    {
        values[0] = (float)(BinaryPrimitives.ReadInt16BigEndian(data[0..]) * _accelScale);
        values[1] = (float)(BinaryPrimitives.ReadInt16BigEndian(data[2..]) * _accelScale);
        values[2] = (float)(BinaryPrimitives.ReadInt16BigEndian(data[4..]) * _accelScale);
        values[3] = (float)(BinaryPrimitives.ReadInt16BigEndian(data[6..]) / 340.0 + 36.53); // datasheet formula
        values[4] = (float)(BinaryPrimitives.ReadInt16BigEndian(data[8..]) * _gyroScale);
        values[5] = (float)(BinaryPrimitives.ReadInt16BigEndian(data[10..]) * _gyroScale);
        values[6] = (float)(BinaryPrimitives.ReadInt16BigEndian(data[12..]) * _gyroScale);
    }

    private void Initialise()
    {
        WriteRegister(Mpu6050Registers.PowerManagement1, Mpu6050Registers.DeviceReset);
        _sleep(TimeSpan.FromMilliseconds(100));
        WriteRegister(Mpu6050Registers.PowerManagement1, Mpu6050Registers.ClockPllGyroX);
        byte whoAmI = ReadRegister(Mpu6050Registers.WhoAmI);
        if (whoAmI != Mpu6050Registers.ExpectedWhoAmI)
        {
            throw new IOException($"The device at I2C address 0x{_device.ConnectionSettings.DeviceAddress:X2} answered WHO_AM_I = 0x{whoAmI:X2}; an MPU-6050 answers 0x68.");
        }

        WriteRegister(Mpu6050Registers.AccelConfig, (byte)((int)_accelRange << 3));
        WriteRegister(Mpu6050Registers.GyroConfig, (byte)((int)_gyroRange << 3));
    }

    private void WriteRegister(byte register, byte value)
    {
        ReadOnlySpan<byte> command = [register, value];
        _device.Write(command);
    }

    private byte ReadRegister(byte register)
    {
        ReadOnlySpan<byte> address = [register];
        Span<byte> value = stackalloc byte[1];
        _device.WriteRead(address, value);
        return value[0];
    }

    private static double GyroLsbPerDps(Mpu6050GyroRange range) => range switch
    {
        Mpu6050GyroRange.Dps250 => 131.0,
        Mpu6050GyroRange.Dps500 => 65.5,
        Mpu6050GyroRange.Dps1000 => 32.8,
        Mpu6050GyroRange.Dps2000 => 16.4,
        _ => throw new ArgumentOutOfRangeException(nameof(range), range, "Not an MPU-6050 gyro range."),
    };
}
