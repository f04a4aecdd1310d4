using System;

namespace EdgeLstm.Iot.Tests.Support.Chips;

/// <summary>
/// A TI ADS1115 as its datasheet (SBAS444) describes it: conversion register 0x00, config register 0x01 (power-on
/// 0x8583), thresholds 0x02/0x03 (0x8000, 0x7FFF). Writing the config with OS = 1 in single-shot mode (MODE = 1)
/// starts a conversion; OS reads 0 while it runs (<see cref="BusyReads"/> config reads here) and 1 when the result is
/// in the conversion register. The result is the input multiplexer's differential voltage in LSBs of FSR/2^15,
/// truncated, and saturates at 0x7FFF / 0x8000 (table 3).
/// </summary>
public sealed class FakeAds1115 : FakeWordRegisterChip
{
    private static readonly double[] FullScale = [6.144, 4.096, 2.048, 1.024, 0.512, 0.256, 0.256, 0.256];

    private ushort _config = 0x8583;
    private ushort _low = 0x8000, _high = 0x7FFF;
    private short _conversion;
    private int _busyReadsLeft;
    private bool _converting;

    public FakeAds1115()
        : base(0x48)
    {
    }

    /// <summary>Volts on AIN0-AIN3 against GND.</summary>
    public double[] Inputs { get; } = new double[4];

    /// <summary>Config register reads that still see a conversion in progress; int.MaxValue for a converter that hangs.</summary>
    public int BusyReads { get; set; } = 1;

    public int Conversions { get; private set; }

    public ushort Config => _config;

    protected override ushort ReadRegister(int register)
    {
        switch (register)
        {
            case 0x00:
                return (ushort)_conversion;
            case 0x01:
                if (_converting && _busyReadsLeft-- <= 0)
                {
                    Finish();
                }

                return (ushort)(_converting ? _config & 0x7FFF : _config | 0x8000);
            case 0x02:
                return _low;
            default:
                return _high;
        }
    }

    protected override void WriteRegister(int register, ushort value)
    {
        switch (register)
        {
            case 0x01:
                _config = (ushort)(value & 0x7FFF);
                if ((value & 0x8000) != 0 && (value & 0x0100) != 0)
                {
                    _converting = true; // single-shot conversion started
                    _busyReadsLeft = BusyReads;
                }
                else if ((value & 0x0100) == 0)
                {
                    Finish(); // continuous mode: results keep coming
                }

                break;
            case 0x02:
                _low = value;
                break;
            case 0x03:
                _high = value;
                break;
        }
    }

    private void Finish()
    {
        _converting = false;
        Conversions++;
        int mux = (_config >> 12) & 0x07, pga = (_config >> 9) & 0x07;
        double volts = mux switch
        {
            0 => Inputs[0] - Inputs[1],
            1 => Inputs[0] - Inputs[3],
            2 => Inputs[1] - Inputs[3],
            3 => Inputs[2] - Inputs[3],
            _ => Inputs[mux - 4],
        };
        double code = Math.Floor(volts / FullScale[pga] * 32768);
        _conversion = (short)Math.Clamp(code, short.MinValue, short.MaxValue);
    }
}
