using System;
using System.Collections.Generic;
using EdgeLstm.Iot.Faults;
using EdgeLstm.Iot.Sources;
using EdgeLstm.Iot.Sources.I2c;
using EdgeLstm.Iot.Tests.Support.Chips;
using Iot.Device.Ads1115;
using Xunit;

namespace EdgeLstm.Iot.Tests.Sources;

/// <summary>
/// What every I2C source shares, on the simulated chips (no I2C bus here): a sensor unplugged mid-stream is reported
/// through the fault layer, reconnected once it answers again, and reads allocate nothing in the steady state.
/// </summary>
public sealed class I2cSourceFaultTests
{
    public static TheoryData<string> Sensors => new() { "mpu6050", "bme280", "bmp280", "ads1115", "ina219" };

    private static (ISensorSource Source, FakeI2cChip Chip) Create(string sensor)
    {
        switch (sensor)
        {
            case "mpu6050":
                var mpu = new FakeMpu6050();
                mpu.SetSample(16384, 0, 0, 0, 131, 0, 0);
                return (new Mpu6050Source(mpu), mpu);
            case "bme280":
            case "bmp280":
                var bmx = new FakeBmx280(humidity: sensor == "bme280") { RawTemperature = 519888, RawPressure = 415148, RawHumidity = 29000 };
                bmx.SetTemperatureAndPressureTrimming(27504, 26435, -1000, 36477, -10685, 3024, 2855, 140, -7, 15500, -14600, 6000);
                bmx.SetHumidityTrimming(75, 362, 0, 313, 50, 30);
                return (new Bmx280Source(bmx, sleep: _ => { }), bmx);
            case "ads1115":
                var ads = new FakeAds1115();
                ads.Inputs[0] = 1.0;
                return (new Ads1115Source(ads, [InputMultiplexer.AIN0, InputMultiplexer.AIN1]), ads);
            default:
                var ina = new FakeIna219 { BusSteps = 3000, ShuntRegister = 1000 };
                return (new Ina219Source(ina), ina);
        }
    }

    [Theory]
    [MemberData(nameof(Sensors))]
    public void AnUnpluggedSensorIsReportedAndRecoveredWhenItAnswersAgain(string sensor)
    {
        var (inner, chip) = Create(sensor);
        var waits = new List<TimeSpan>();
        using var source = new FaultTolerantSource(inner, sleep: waits.Add);
        var v = new float[source.ChannelCount];
        Assert.True(source.Read(v).IsOk);

        chip.Unplugged = true;
        var lost = source.Read(v);
        var stillLost = source.Read(v);   // the reconnect fails too
        chip.Unplugged = false;
        var back = source.Read(v);        // reconnects, then reads

        Assert.Equal(SourceFaultKind.IoError, lost.Fault);
        Assert.Equal(SampleStatus.Fault, stillLost.Status);
        Assert.Contains("reconnect failed", stillLost.Detail);
        Assert.True(back.IsOk, back.ToString());
        Assert.All(v, x => Assert.True(float.IsFinite(x)));
        Assert.Equal(2, source.Faults.Total);
        Assert.Equal(2, waits.Count);     // backed off before each retry
        Assert.True(waits[1] > waits[0]);
    }

    [Theory]
    [MemberData(nameof(Sensors))]
    public void AReadAllocatesNothing(string sensor)
    {
        var (source, _) = Create(sensor);
        using var _ = source;
        var v = new float[source.ChannelCount];
        for (int i = 0; i < 3; i++)
        {
            source.Read(v); // first calls: JIT, static initialisers
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            source.Read(v);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
