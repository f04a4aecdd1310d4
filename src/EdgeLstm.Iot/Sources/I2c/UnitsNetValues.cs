using System.Diagnostics;
using UnitsNet;
using UnitsNet.Units;

namespace EdgeLstm.Iot.Sources.I2c;

/// <summary>
/// The numbers inside the drivers' UnitsNet quantities, read in the unit the drivers create them in. Only the
/// BME280/BMP280 source needs this: its compensated readings exist only as quantities. The other I2C sources read raw
/// registers or counts and touch no quantity at all (see <see cref="I2cRegisters"/> for why that matters).
/// </summary>
/// <remarks>
/// Not <c>.DegreesCelsius</c>, <c>.Hectopascals</c> and the like: those go through UnitsNet's unit conversion, whose
/// static set-up (<c>UnitConverter.RegisterDefaultConversions</c>) finds quantity types by reflection, which trimming
/// cannot follow, so a Native AOT publish fails with IL2075/IL2104. Reading <c>.Value</c> is a field read. The unit is
/// asserted in debug builds, and the tests check each source's numbers against the datasheets, so a driver that
/// started creating another unit would be caught.
/// </remarks>
internal static class UnitsNetValues
{
    public static double Celsius(Temperature temperature)
    {
        Debug.Assert(temperature.Unit == TemperatureUnit.DegreeCelsius, $"the driver now reports {temperature.Unit}");
        return temperature.Value;
    }

    public static double Pascals(Pressure pressure)
    {
        Debug.Assert(pressure.Unit == PressureUnit.Pascal, $"the driver now reports {pressure.Unit}");
        return pressure.Value;
    }

    public static double Percent(RelativeHumidity humidity)
    {
        Debug.Assert(humidity.Unit == RelativeHumidityUnit.Percent, $"the driver now reports {humidity.Unit}");
        return humidity.Value;
    }
}
