using EdgeLstm.Iot.Sources;
using EdgeLstm.Iot.Sources.I2c;
using EdgeLstm.Iot.Tests.Support.Chips;
using Xunit;

namespace EdgeLstm.Iot.Tests.Sources;

/// <summary>
/// <see cref="Ina219Source"/> (the Iot.Device.Bindings INA219 driver underneath) against <see cref="FakeIna219"/>, a
/// simulated monitor: there is no I2C bus here. Datasheet (SBOS448) scales: shunt voltage 10 µV per bit (signed),
/// bus voltage 4 mV per bit; current = shunt voltage / shunt resistance; power = bus voltage × current.
/// </summary>
public sealed class Ina219SourceTests
{
    [Fact]
    public void ResetsTheChipToItsPowerOnConfiguration()
    {
        var chip = new FakeIna219();
        using var source = new Ina219Source(chip, ownsDevice: false);
        Assert.Equal(1, chip.Resets);
        Assert.Equal(0x399F, chip.Configuration);
    }

    [Fact]
    public void BusVoltageCurrentAndPower()
    {
        var chip = new FakeIna219 { BusSteps = 3000, ShuntRegister = 5000 }; // 12.000 V; 50.00 mV
        using var source = new Ina219Source(chip, ownsDevice: false);
        var v = new float[3];

        Assert.True(source.Read(v).IsOk);

        Assert.Equal(12.0, v[0], 1e-6);
        Assert.Equal(0.5, v[1], 1e-6);   // 50 mV / 0.1 Ω
        Assert.Equal(6.0, v[2], 1e-5);   // 12 V × 0.5 A
    }

    [Fact]
    public void AReverseCurrentIsNegative()
    {
        // -1.00 mV across the shunt: register 0xFF9C. Read as unsigned (as the driver does) it would be 655.32 mV.
        var chip = new FakeIna219 { BusSteps = 1250, ShuntRegister = -100 }; // 5.000 V
        using var source = new Ina219Source(chip, ownsDevice: false);
        var v = new float[3];

        source.Read(v);

        Assert.Equal(-0.01, v[1], 1e-7);
        Assert.Equal(-0.05, v[2], 1e-7);
    }

    [Fact]
    public void TheShuntResistanceScalesTheCurrent()
    {
        var chip = new FakeIna219 { BusSteps = 6000, ShuntRegister = 2500 }; // 24 V; 25.00 mV
        using var source = new Ina219Source(chip, shuntOhms: 0.01, ownsDevice: false);
        var v = new float[3];

        source.Read(v);

        Assert.Equal(2.5, v[1], 1e-6);
        Assert.Equal(60.0, v[2], 1e-4);
    }

    [Fact]
    public void ABusErrorIsAnIoFaultAndReconnectResetsAgain()
    {
        var chip = new FakeIna219 { BusSteps = 3000, ShuntRegister = 1000 };
        using var source = new Ina219Source(chip, ownsDevice: false);
        chip.FailNextTransfers = 1;

        Assert.Equal(SourceFaultKind.IoError, source.Read(new float[3]).Fault);

        source.Reconnect();
        Assert.Equal(2, chip.Resets);
        var v = new float[3];
        Assert.True(source.Read(v).IsOk);
        Assert.Equal(0.1, v[1], 1e-6);
    }
}
