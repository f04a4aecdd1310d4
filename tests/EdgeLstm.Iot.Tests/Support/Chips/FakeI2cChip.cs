using System;
using System.Device.I2c;
using System.IO;

namespace EdgeLstm.Iot.Tests.Support.Chips;

/// <summary>
/// The part of an I2C chip every fake shares: a register pointer set by the first byte of a write, the transfers the
/// driver may use (write, read, write-then-read, single bytes), and injected failures.
/// </summary>
/// <remarks>
/// THE ONE PLACE THESE TESTS USE A STAND-IN: there is no I2C bus on a CI machine, so the chips are simulated from their
/// datasheets (register maps, power-on values, conversion behaviour). The expected values in the tests are computed
/// by hand from the datasheets' formulas, never by the driver under test.
/// </remarks>
public abstract class FakeI2cChip : I2cDevice
{
    protected FakeI2cChip(int address) => ConnectionSettings = new I2cConnectionSettings(1, address);

    public override I2cConnectionSettings ConnectionSettings { get; }

    /// <summary>The next this many transfers fail as a NACK does on Linux (EREMOTEIO).</summary>
    public int FailNextTransfers { get; set; }

    /// <summary>Every transfer fails from now on (the chip was unplugged).</summary>
    public bool Unplugged { get; set; }

    public bool Disposed { get; private set; }

    /// <summary>The register the next read starts at.</summary>
    protected int Pointer { get; set; }

    /// <summary>A write: the first byte selects the register, the rest (if any) is written from there.</summary>
    protected abstract void OnWrite(ReadOnlySpan<byte> data);

    /// <summary>A read from <see cref="Pointer"/>.</summary>
    protected abstract void OnRead(Span<byte> buffer);

    public override byte ReadByte()
    {
        Span<byte> one = stackalloc byte[1];
        Read(one);
        return one[0];
    }

    public override void Read(Span<byte> buffer)
    {
        Transfer();
        OnRead(buffer);
    }

    public override void WriteByte(byte value)
    {
        ReadOnlySpan<byte> one = [value];
        Write(one);
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Transfer();
        OnWrite(buffer);
    }

    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        Write(writeBuffer);
        Read(readBuffer);
    }

    protected override void Dispose(bool disposing)
    {
        Disposed = true;
        base.Dispose(disposing);
    }

    private void Transfer()
    {
        ObjectDisposedException.ThrowIf(Disposed, this);
        if (Unplugged || FailNextTransfers > 0)
        {
            FailNextTransfers = Math.Max(0, FailNextTransfers - 1);
            throw new IOException("Error 121 performing I2C data transfer (remote I/O error).");
        }
    }
}
