using System;
using System.IO;
using EdgeLstm.Iot.Sources;
using EdgeLstm.Iot.Sources.I2c;
using EdgeLstm.Iot.Tests.Support.Chips;
using Iot.Device.Imu;
using Xunit;

namespace EdgeLstm.Iot.Tests.Sources;

/// <summary>
/// <see cref="Mpu6050Source"/> (the Iot.Device.Bindings driver underneath) against <see cref="FakeMpu6050"/>, a
/// simulated chip: there is no I2C bus here. Expected values come from the register map (RM-MPU-6000A-00 rev. 4.2):
/// 16384 LSB/g at ±2 g, 4096 LSB/g at ±8 g, 131 LSB/(°/s) at ±250 °/s, 32.8 at ±1000, temperature = raw / 340 + 36.53.
/// </summary>
public sealed class Mpu6050SourceTests
{
    [Fact]
    public void InitialisationResetsWakesAndSetsTheRanges()
    {
        var chip = new FakeMpu6050();
        using var source = new Mpu6050Source(chip, AccelerometerRange.Range08G, GyroscopeRange.Range1000Dps, ownsDevice: false);

        Assert.Equal(((byte)0x6B, (byte)0x80), chip.Writes[0]);          // DEVICE_RESET
        Assert.Equal(((byte)0x6B, (byte)0x01), chip.Writes[1]);          // awake, clock from the X gyro PLL
        Assert.Equal(2 << 3, chip[FakeMpu6050.AccelConfig]);             // AFS_SEL = 2: ±8 g
        Assert.Equal(2 << 3, chip[FakeMpu6050.GyroConfig]);              // FS_SEL = 2: ±1000 °/s
    }

    [Fact]
    public void DecodesAccelerationTemperatureAndRateAsTheRegisterMapSays()
    {
        var chip = new FakeMpu6050();
        chip.SetSample(16384, -8192, 0x0102, -3400, 131, -262, -32768);
        using var source = new Mpu6050Source(chip, ownsDevice: false);
        var v = new float[7];

        Assert.True(source.Read(v).IsOk);

        Assert.Equal(1.0, v[0], 1e-6);                     // 16384 / 16384 g
        Assert.Equal(-0.5, v[1], 1e-6);                    // big-endian, signed
        Assert.Equal(258.0 / 16384, v[2], 1e-6);           // 0x0102: high byte first
        Assert.Equal(-3400 / 340.0 + 36.53, v[3], 1e-4);   // 26.53 °C (the driver alone says 10.75)
        // The datasheet's 131 LSB/(°/s) is 32768/250 rounded; the driver uses the exact ratio, within 0.06 %.
        Assert.Equal(1.0, v[4], 1e-3);
        Assert.Equal(-2.0, v[5], 2e-3);
        Assert.Equal(-32768 / 131.0, v[6], 0.3);
    }

    [Fact]
    public void TemperatureAtRawZeroIsTheDatasheetOffset()
    {
        var chip = new FakeMpu6050();
        chip.SetSample(0, 0, 0, 0, 0, 0, 0);
        using var source = new Mpu6050Source(chip, ownsDevice: false);
        var v = new float[7];
        source.Read(v);
        Assert.Equal(36.53, v[3], 1e-4);
    }

    [Fact]
    public void RangesChangeTheScaleAndMetresPerSecondSquaredUseStandardGravity()
    {
        var chip = new FakeMpu6050();
        chip.SetSample(4096, 0, 0, 0, 328, 0, 0); // 1 g at ±8 g; 10 °/s at ±1000 °/s (32.8 LSB per °/s)
        using var source = new Mpu6050Source(chip, AccelerometerRange.Range08G, GyroscopeRange.Range1000Dps,
            accelerationInMetresPerSecondSquared: true, ownsDevice: false);
        var v = new float[7];

        source.Read(v);

        Assert.Equal(9.80665, v[0], 1e-5);
        Assert.Equal(10.0, v[4], 1e-2);
    }

    [Fact]
    public void AChipThatIsNotAnMpu6050IsRefused()
    {
        var chip = new FakeMpu6050(whoAmI: 0x70); // an MPU-6500
        Assert.Throws<IOException>(() => new Mpu6050Source(chip));
    }

    [Fact]
    public void ABusErrorIsAnIoFaultAndReconnectInitialisesAgain()
    {
        var chip = new FakeMpu6050();
        chip.SetSample(16384, 0, 0, 0, 0, 0, 0);
        using var source = new Mpu6050Source(chip, AccelerometerRange.Range04G, ownsDevice: false);
        chip.FailNextTransfers = 1;

        var failed = source.Read(new float[7]);
        Assert.Equal(SourceFaultKind.IoError, failed.Fault);

        chip.Writes.Clear();
        source.Reconnect();
        Assert.Equal(((byte)0x6B, (byte)0x80), chip.Writes[0]);
        Assert.Equal(1 << 3, chip[FakeMpu6050.AccelConfig]); // the range survives the reset
        var v = new float[7];
        Assert.True(source.Read(v).IsOk);
        Assert.Equal(2.0, v[0], 1e-6); // 16384 LSB at ±4 g (8192 LSB/g)
    }

    [Fact]
    public void DisposeClosesTheDeviceOnlyWhenItOwnsIt()
    {
        var borrowed = new FakeMpu6050();
        new Mpu6050Source(borrowed, ownsDevice: false).Dispose();
        Assert.False(borrowed.Disposed);

        var owned = new FakeMpu6050();
        new Mpu6050Source(owned).Dispose();
        Assert.True(owned.Disposed);
    }
}
