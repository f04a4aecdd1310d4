using System;
using System.IO;
using EdgeLstm.Iot.Sources;
using EdgeLstm.Iot.Tests.Support;
using Xunit;

namespace EdgeLstm.Iot.Tests.Sources;

public sealed class Mpu6050SourceTests
{
    private static readonly Action<TimeSpan> NoSleep = _ => { };

    [Fact]
    public void InitialisationResetsWakesChecksIdAndSetsRanges()
    {
        var chip = new FakeMpu6050();
        using var source = new Mpu6050Source(chip, Mpu6050AccelRange.G8, Mpu6050GyroRange.Dps1000, sleep: NoSleep, ownsDevice: false);

        Assert.Equal(
            [((byte)0x6B, (byte)0x80), (0x6B, 0x01), (0x1C, 2 << 3), (0x1B, 2 << 3)],
            chip.Writes);
    }

    [Fact]
    public void DecodesTheBigEndianBurst()
    {
        var chip = new FakeMpu6050();
        chip.SetInt16(0x3B, 16384);   // +1 g at ±2 g
        chip.SetInt16(0x3D, -8192);   // -0.5 g
        chip.SetInt16(0x3F, 0x0102);  // big-endian check: 258 LSB
        chip.SetInt16(0x41, -3400);   // -10 + 36.53 °C
        chip.SetInt16(0x43, 131);     // 1 °/s at ±250
        chip.SetInt16(0x45, -262);
        chip.SetInt16(0x47, short.MinValue);
        using var source = new Mpu6050Source(chip, sleep: NoSleep, ownsDevice: false);
        var v = new float[7];

        Assert.True(source.Read(v).IsOk);

        Assert.Equal(1f, v[0]);
        Assert.Equal(-0.5f, v[1]);
        Assert.Equal(258f / 16384f, v[2]);
        Assert.Equal(26.53f, v[3], 4);
        Assert.Equal(1f, v[4]);
        Assert.Equal(-2f, v[5]);
        Assert.Equal((float)(-32768 / 131.0), v[6]);
        Assert.Equal(1, chip.BurstReads);
    }

    [Fact]
    public void ReportsMetresPerSecondSquaredOnRequest()
    {
        var chip = new FakeMpu6050();
        chip.SetInt16(0x3B, 4096); // 1 g at ±8 g
        using var source = new Mpu6050Source(chip, Mpu6050AccelRange.G8, accelerationInMetresPerSecondSquared: true, sleep: NoSleep, ownsDevice: false);
        var v = new float[7];
        source.Read(v);
        Assert.Equal(9.80665f, v[0], 5);
    }

    [Fact]
    public void WrongWhoAmIIsRefused()
    {
        var chip = new FakeMpu6050 { [0x75] = 0x70 }; // an MPU-6500
        var ex = Assert.Throws<IOException>(() => new Mpu6050Source(chip, sleep: NoSleep));
        Assert.Contains("0x70", ex.Message);
    }

    [Fact]
    public void BusErrorIsAnIoFaultAndReconnectReinitialises()
    {
        var chip = new FakeMpu6050();
        using var source = new Mpu6050Source(chip, sleep: NoSleep, ownsDevice: false);
        chip.FailNextTransfers = 1;

        var r = source.Read(new float[7]);
        Assert.Equal(SourceFaultKind.IoError, r.Fault);

        chip.Writes.Clear();
        source.Reconnect();
        Assert.Equal((byte)0x80, chip.Writes[0].Value);
        Assert.True(source.Read(new float[7]).IsOk);
    }
}
