using System;
using System.Buffers.Binary;

namespace EdgeLstm.Iot.Tests.Support.Chips;

/// <summary>
/// The TI register interface shared by the ADS1115 and the INA219: a pointer byte selects a 16-bit register; a write
/// of pointer + two bytes stores MSB first; a read returns the selected register MSB first (no auto-increment).
/// </summary>
public abstract class FakeWordRegisterChip : FakeI2cChip
{
    protected FakeWordRegisterChip(int address)
        : base(address)
    {
    }

    protected abstract ushort ReadRegister(int register);

    protected abstract void WriteRegister(int register, ushort value);

    protected override void OnWrite(ReadOnlySpan<byte> data)
    {
        Pointer = data[0];
        if (data.Length == 3)
        {
            WriteRegister(Pointer, BinaryPrimitives.ReadUInt16BigEndian(data[1..]));
        }
        else if (data.Length != 1)
        {
            throw new InvalidOperationException($"A {data.Length}-byte write; the chip takes a pointer byte, optionally followed by one 16-bit word.");
        }
    }

    protected override void OnRead(Span<byte> buffer)
    {
        Span<byte> word = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(word, ReadRegister(Pointer));
        for (int i = 0; i < buffer.Length; i++)
        {
            buffer[i] = word[i % 2];
        }
    }
}
