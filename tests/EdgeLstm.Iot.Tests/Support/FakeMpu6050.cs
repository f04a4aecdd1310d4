using System;
using System.Collections.Generic;
using System.Device.I2c;
using System.IO;

namespace EdgeLstm.Iot.Tests.Support;

/// <summary>
/// An MPU-6050 register file behind the <see cref="I2cDevice"/> API: writes of [register, value] store the value,
/// a write of [register] followed by a read returns consecutive registers. Records every write for assertions and
/// can be told to fail (NACK) or to answer with a foreign WHO_AM_I.
/// </summary>
public sealed class FakeMpu6050 : I2cDevice
{
    private readonly byte[] _registers = new byte[128];

    public FakeMpu6050()
    {
        _registers[0x75] = 0x68;
        _registers[0x6B] = 0x40; // SLEEP set after power-on, as on the real chip
    }

    public List<(byte Register, byte Value)> Writes { get; } = [];

    public int FailNextTransfers { get; set; }

    public int BurstReads { get; private set; }

    public byte this[int register]
    {
        get => _registers[register];
        set => _registers[register] = value;
    }

    public void SetInt16(int register, short value)
    {
        _registers[register] = (byte)(value >> 8);
        _registers[register + 1] = (byte)value;
    }

    public override I2cConnectionSettings ConnectionSettings { get; } = new(1, 0x68);

    public override byte ReadByte() => throw new NotSupportedException();

    public override void Read(Span<byte> buffer) => throw new NotSupportedException();

    public override void WriteByte(byte value) => throw new NotSupportedException();

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        FailIfAsked();
        if (buffer.Length != 2)
        {
            throw new InvalidOperationException("The driver only writes [register, value] pairs.");
        }

        Writes.Add((buffer[0], buffer[1]));
        _registers[buffer[0]] = buffer[0] == 0x6B ? (byte)(buffer[1] & 0x7F) : buffer[1]; // DEVICE_RESET self-clears
    }

    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        FailIfAsked();
        int start = writeBuffer[0];
        if (readBuffer.Length == 14)
        {
            BurstReads++;
        }

        _registers.AsSpan(start, readBuffer.Length).CopyTo(readBuffer);
    }

    private void FailIfAsked()
    {
        if (FailNextTransfers > 0)
        {
            FailNextTransfers--;
            throw new IOException("Error 121 performing I2C data transfer (remote I/O error).");
        }
    }
}
