using System;
using System.IO;
using EdgeLstm.Iot.Sources;
using EdgeLstm.Iot.Tests.Support;
using Xunit;

namespace EdgeLstm.Iot.Tests.Sources;

/// <summary>Runs against a fake sysfs tree in a temporary directory laid out like the kernel's.</summary>
public sealed class IioSensorSourceTests : IDisposable
{
    private readonly string _root = TestData.NewTempDirectory();
    private readonly string _device;

    public IioSensorSourceTests()
    {
        _device = Path.Combine(_root, "iio:device1");
        Directory.CreateDirectory(Path.Combine(_root, "iio:device0"));
        File.WriteAllText(Path.Combine(_root, "iio:device0", "name"), "bmp280\n");
        Directory.CreateDirectory(_device);
        Write("name", "mpu6050");
        Write("in_accel_scale", "0.000598550");   // shared by x, y, z
        Write("in_accel_x_raw", "16384");
        Write("in_accel_y_raw", "-8192");
        Write("in_accel_z_raw", "0");
        Write("in_temp_raw", "-1200");
        Write("in_temp_offset", "12420");
        Write("in_temp_scale", "2.941176");
        Write("in_voltage0_raw", "100");           // no scale or offset files: 1 and 0
    }

    private void Write(string file, string value) => File.WriteAllText(Path.Combine(_device, file), value + "\n");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void AppliesOwnAndSharedScaleAndOffset()
    {
        using var source = new IioSensorSource(_device, [new("accel_x"), new("accel_y"), new("accel_z"), new("temp"), new("voltage0")]);
        var v = new float[5];

        Assert.True(source.Read(v).IsOk);

        Assert.Equal((float)(16384 * 0.000598550), v[0]);
        Assert.Equal((float)(-8192 * 0.000598550), v[1]);
        Assert.Equal(0f, v[2]);
        Assert.Equal((float)((-1200 + 12420) * 2.941176), v[3]);
        Assert.Equal(100f, v[4]);
    }

    [Fact]
    public void EachReadSeesTheCurrentRawValue()
    {
        using var source = new IioSensorSource(_device, [new("accel_x")]);
        var v = new float[1];
        source.Read(v);
        Write("in_accel_x_raw", "-2");
        source.Read(v);
        Assert.Equal((float)(-2 * 0.000598550), v[0]);
    }

    [Fact]
    public void FindsTheDeviceByName()
    {
        Assert.Equal(_device, IioSensorSource.FindDevice("mpu6050", _root));
        Assert.Throws<DirectoryNotFoundException>(() => IioSensorSource.FindDevice("adxl345", _root));
    }

    [Fact]
    public void MissingChannelFailsToOpen()
        => Assert.Throws<FileNotFoundException>(() => new IioSensorSource(_device, [new("anglvel_x")]));

    [Fact]
    public void GarbageInARawFileIsAMalformedFault()
    {
        using var source = new IioSensorSource(_device, [new("accel_x")]);
        Write("in_accel_x_raw", "12ab");
        var r = source.Read(new float[1]);
        Assert.Equal(SourceFaultKind.Malformed, r.Fault);
        Assert.Contains("in_accel_x_raw", r.Detail);
    }

    [Fact]
    public void ReconnectRereadsTheScale()
    {
        using var source = new IioSensorSource(_device, [new("accel_x")]);
        Write("in_accel_scale", "0.5");
        source.Reconnect();
        var v = new float[1];
        source.Read(v);
        Assert.Equal(8192f, v[0]);
    }

    [Fact]
    public void ChannelTypeStripsAxisAndIndex()
    {
        Assert.Equal("accel", new IioChannel("accel_x").Type);
        Assert.Equal("voltage", new IioChannel("voltage0").Type);
        Assert.Equal("temp", new IioChannel("temp").Type);
    }
}
