using System;
using System.CommandLine;
using System.Globalization;

namespace MachineMonitor.App;

/// <summary><c>--i2c-address</c>: a 7-bit address as datasheets write it (0x48) or in decimal (72).</summary>
internal static class I2cAddressOption
{
    public static Option<int?> Create()
    {
        var option = new Option<int?>("--i2c-address")
        {
            Description = "I2C address of the sensor, hex (0x48) or decimal. Default: the chip's usual one " +
                "(mpu6050 0x68, bme280 0x76, ads1115 0x48, ina219 0x40).",
        };
        option.CustomParser = result =>
        {
            string text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Join(" ", result.Tokens);
            if (TryParse(text, out int address))
            {
                return address;
            }

            result.AddError($"--i2c-address '{text}' is not valid; expected a 7-bit address from 0x03 to 0x77 (e.g. 0x48).");
            return null;
        };
        return option;
    }

    // 0x00-0x02 and 0x78-0x7F are reserved by the I2C specification (general call, CBUS, 10-bit addressing...).
    private static bool TryParse(string text, out int address)
    {
        bool parsed = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? int.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out address)
            : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out address);
        return parsed && address is >= 0x03 and <= 0x77;
    }
}
