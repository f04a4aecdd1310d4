using System;
using System.Buffers.Binary;
using System.Device.I2c;

namespace EdgeLstm.Iot.Sources.I2c;

/// <summary>
/// Reads of one 16-bit register, most significant byte first (the MPU-6050's measurement registers, the INA219's
/// and ADS1115's word registers): a write of the register address, then a two-byte read, in one transaction.
/// </summary>
/// <remarks>
/// The sources read a register themselves where the binding's driver would hand the value back as a UnitsNet
/// quantity: touching any quantity type runs its static constructor, which makes a Native AOT build keep all of
/// UnitsNet's quantity and unit tables (about 5 MB on linux-arm64), and where the driver decodes the register
/// differently from the datasheet anyway.
/// </remarks>
internal static class I2cRegisters
{
    public static ushort ReadUInt16BigEndian(I2cDevice device, byte register)
    {
        ReadOnlySpan<byte> address = [register];
        Span<byte> value = stackalloc byte[2];
        device.WriteRead(address, value);
        return BinaryPrimitives.ReadUInt16BigEndian(value);
    }

    public static short ReadInt16BigEndian(I2cDevice device, byte register) => (short)ReadUInt16BigEndian(device, register);
}
