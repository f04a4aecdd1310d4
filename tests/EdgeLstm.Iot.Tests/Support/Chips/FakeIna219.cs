using System;

namespace EdgeLstm.Iot.Tests.Support.Chips;

/// <summary>
/// A TI INA219 as its datasheet (SBOS448) describes it: configuration 0x00 (power-on 0x399F; RST, bit 15, restores
/// every register's power-on value and clears itself), shunt voltage 0x01 (signed, 10 µV per bit), bus voltage 0x02
/// (4 mV per bit in bits 15-3, CNVR in bit 1), power 0x03 and current 0x04 (zero until calibrated; current =
/// shunt × calibration / 4096, power = current × bus / 5000), calibration 0x05 (bit 0 always reads 0).
/// </summary>
public sealed class FakeIna219 : FakeWordRegisterChip
{
    private ushort _config, _calibration;

    public FakeIna219()
        : base(0x40) => PowerOnReset();

    /// <summary>The shunt voltage register: volts / 10 µV, signed.</summary>
    public short ShuntRegister { get; set; }

    /// <summary>The bus voltage in 4 mV steps (bits 15-3 of register 0x02).</summary>
    public int BusSteps { get; set; }

    public int Resets { get; private set; }

    public ushort Configuration => _config;

    protected override ushort ReadRegister(int register)
    {
        int current = ShuntRegister * _calibration / 4096;
        return register switch
        {
            0x00 => _config,
            0x01 => (ushort)ShuntRegister,
            0x02 => (ushort)((BusSteps << 3) | 0b10), // CNVR: a conversion is ready
            0x03 => (ushort)(Math.Abs(current) * BusSteps / 5000),
            0x04 => (ushort)(short)current,
            0x05 => _calibration,
            _ => 0,
        };
    }

    protected override void WriteRegister(int register, ushort value)
    {
        switch (register)
        {
            case 0x00 when (value & 0x8000) != 0:
                PowerOnReset();
                Resets++;
                break;
            case 0x00:
                _config = value;
                break;
            case 0x05:
                _calibration = (ushort)(value & 0xFFFE);
                break;
        }
    }

    private void PowerOnReset()
    {
        _config = 0x399F;
        _calibration = 0;
    }
}
