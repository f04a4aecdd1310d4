using System;
using System.Collections.Generic;

namespace EdgeLstm.Iot.Tests.Support.Chips;

/// <summary>
/// An MPU-6050 as its register map (RM-MPU-6000A-00 rev. 4.2) describes it: 8-bit registers read with auto-increment,
/// power-on values (PWR_MGMT_1 = 0x40, SLEEP set; WHO_AM_I = 0x68), DEVICE_RESET restoring them and clearing itself,
/// measurement registers (0x3B-0x48, big-endian int16) that hold the current sample only while the chip is awake,
/// and no register 0x1D (the MPU-6500's ACCEL_CONFIG2: reads 0, writes are lost).
/// </summary>
public sealed class FakeMpu6050 : FakeI2cChip
{
    public const byte PwrMgmt1 = 0x6B;
    public const byte WhoAmIRegister = 0x75;
    public const byte AccelConfig = 0x1C;
    public const byte GyroConfig = 0x1B;

    private const int FirstMeasurement = 0x3B;
    private const int MeasurementBytes = 14;
    private const byte Unimplemented = 0x1D;

    private readonly byte[] _registers = new byte[128];
    private readonly short[] _sample = new short[7]; // accel X Y Z, temperature, gyro X Y Z

    public FakeMpu6050(byte whoAmI = 0x68)
        : base(0x68)
    {
        WhoAmI = whoAmI;
        PowerOnReset();
    }

    public byte WhoAmI { get; }

    /// <summary>Every (register, value) written, in order.</summary>
    public List<(byte Register, byte Value)> Writes { get; } = [];

    public byte this[int register] => _registers[register];

    /// <summary>Raw counts of the current sample: accel X, Y, Z, TEMP_OUT, gyro X, Y, Z.</summary>
    public void SetSample(short accelX, short accelY, short accelZ, short temperature, short gyroX, short gyroY, short gyroZ)
    {
        _sample[0] = accelX; _sample[1] = accelY; _sample[2] = accelZ; _sample[3] = temperature;
        _sample[4] = gyroX; _sample[5] = gyroY; _sample[6] = gyroZ;
    }

    protected override void OnWrite(ReadOnlySpan<byte> data)
    {
        Pointer = data[0];
        for (int i = 1; i < data.Length; i++, Pointer++)
        {
            Writes.Add(((byte)Pointer, data[i]));
            if (Pointer == PwrMgmt1 && (data[i] & 0x80) != 0)
            {
                PowerOnReset(); // DEVICE_RESET: every register back to its power-on value; the bit clears itself
            }
            else if (Pointer != Unimplemented && Pointer != WhoAmIRegister)
            {
                _registers[Pointer] = data[i];
            }
        }
    }

    protected override void OnRead(Span<byte> buffer)
    {
        bool awake = (_registers[PwrMgmt1] & 0x40) == 0;
        for (int i = 0; i < buffer.Length; i++, Pointer++)
        {
            int offset = Pointer - FirstMeasurement;
            buffer[i] = offset is >= 0 and < MeasurementBytes
                ? (awake ? SampleByte(offset) : (byte)0)
                : _registers[Pointer];
        }
    }

    private byte SampleByte(int offset)
    {
        short value = _sample[offset / 2];
        return offset % 2 == 0 ? (byte)(value >> 8) : (byte)value;
    }

    private void PowerOnReset()
    {
        Array.Clear(_registers);
        _registers[PwrMgmt1] = 0x40;
        _registers[WhoAmIRegister] = WhoAmI;
    }
}
