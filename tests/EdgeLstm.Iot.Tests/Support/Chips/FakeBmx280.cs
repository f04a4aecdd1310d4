using System;
using System.Buffers.Binary;

namespace EdgeLstm.Iot.Tests.Support.Chips;

/// <summary>
/// A Bosch BME280 (or, with <c>humidity: false</c>, a BMP280) as its datasheet (BST-BME280-DS002, BST-BMP280-DS001)
/// describes it: chip id at 0xD0; trimming parameters at 0x88-0xA1 and 0xE1-0xE7 in the datasheet's packing
/// (little-endian words, dig_H4/dig_H5 as 12-bit values sharing 0xE5); soft reset (0xB6 to 0xE0) clearing the
/// control registers; a forced-mode write to ctrl_meas (mode = 01 or 10) running one conversion, which loads the raw
/// values into 0xF7-0xFE (20-bit pressure and temperature, 16-bit humidity, MSB first; a skipped measurement reads
/// 0x80000 / 0x8000) and returns the chip to sleep mode; ctrl_hum taking effect only at the next ctrl_meas write.
/// </summary>
public sealed class FakeBmx280 : FakeI2cChip
{
    private const int CtrlHum = 0xF2, CtrlMeas = 0xF4, Reset = 0xE0, ChipId = 0xD0;

    private readonly byte[] _registers = new byte[256];
    private readonly bool _humidity;
    private int _humidityOversampling;

    public FakeBmx280(bool humidity = true, byte? chipId = null)
        : base(0x76)
    {
        _humidity = humidity;
        _registers[ChipId] = chipId ?? (humidity ? (byte)0x60 : (byte)0x58);
        SoftReset();
    }

    /// <summary>Forced conversions run so far.</summary>
    public int Conversions { get; private set; }

    /// <summary>The raw ADC values the next conversion produces.</summary>
    public int RawTemperature { get; set; }

    public int RawPressure { get; set; }

    public int RawHumidity { get; set; }

    public byte ControlMeasurement => _registers[CtrlMeas];

    /// <summary>Writes the temperature and pressure trimming words (0x88-0x9F).</summary>
    public void SetTemperatureAndPressureTrimming(ushort t1, short t2, short t3, ushort p1, short p2, short p3, short p4, short p5, short p6, short p7, short p8, short p9)
    {
        var words = _registers.AsSpan(0x88, 24);
        BinaryPrimitives.WriteUInt16LittleEndian(words[0..], t1);
        BinaryPrimitives.WriteInt16LittleEndian(words[2..], t2);
        BinaryPrimitives.WriteInt16LittleEndian(words[4..], t3);
        BinaryPrimitives.WriteUInt16LittleEndian(words[6..], p1);
        short[] p = [p2, p3, p4, p5, p6, p7, p8, p9];
        for (int i = 0; i < p.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(words[(8 + 2 * i)..], p[i]);
        }
    }

    /// <summary>Writes the humidity trimming (0xA1, 0xE1-0xE7) in the datasheet's packing (table 16).</summary>
    public void SetHumidityTrimming(byte h1, short h2, byte h3, short h4, short h5, sbyte h6)
    {
        _registers[0xA1] = h1;
        BinaryPrimitives.WriteInt16LittleEndian(_registers.AsSpan(0xE1), h2);
        _registers[0xE3] = h3;
        _registers[0xE4] = (byte)(h4 >> 4);                           // dig_H4 [11:4]
        _registers[0xE5] = (byte)((h4 & 0x0F) | ((h5 & 0x0F) << 4));  // dig_H4 [3:0], dig_H5 [3:0]
        _registers[0xE6] = (byte)(h5 >> 4);                           // dig_H5 [11:4]
        _registers[0xE7] = (byte)h6;
    }

    protected override void OnWrite(ReadOnlySpan<byte> data)
    {
        Pointer = data[0];
        for (int i = 1; i < data.Length; i++, Pointer++)
        {
            Store(Pointer, data[i]);
        }
    }

    protected override void OnRead(Span<byte> buffer)
    {
        for (int i = 0; i < buffer.Length; i++)
        {
            buffer[i] = _registers[Pointer++ & 0xFF];
        }
    }

    private void Store(int register, byte value)
    {
        switch (register)
        {
            case Reset:
                if (value == 0xB6)
                {
                    SoftReset();
                }

                break;
            case CtrlMeas:
                _registers[CtrlMeas] = value;
                _humidityOversampling = _registers[CtrlHum] & 0x07;
                if ((value & 0x03) is 0b01 or 0b10) // both are forced mode (datasheet 3.3)
                {
                    Convert(value);
                }

                break;
            case CtrlHum when _humidity:
            case 0xF5: // config
                _registers[register] = value;
                break;
            default:
                break; // read-only (id, trimming, data, status) or absent
        }
    }

    private void Convert(byte ctrlMeas)
    {
        Conversions++;
        bool temperature = (ctrlMeas >> 5) != 0, pressure = ((ctrlMeas >> 2) & 0x07) != 0;
        Write20(0xF7, pressure ? RawPressure : 0x80000);
        Write20(0xFA, temperature ? RawTemperature : 0x80000);
        if (_humidity)
        {
            BinaryPrimitives.WriteUInt16BigEndian(_registers.AsSpan(0xFD), (ushort)(_humidityOversampling != 0 ? RawHumidity : 0x8000));
        }

        _registers[CtrlMeas] &= 0xFC; // back to sleep mode after a forced conversion
    }

    private void Write20(int register, int value)
    {
        _registers[register] = (byte)(value >> 12);
        _registers[register + 1] = (byte)(value >> 4);
        _registers[register + 2] = (byte)((value & 0x0F) << 4);
    }

    private void SoftReset()
    {
        _registers[CtrlHum] = 0;
        _registers[CtrlMeas] = 0;
        _registers[0xF5] = 0;
        _humidityOversampling = 0;
        Write20(0xF7, 0x80000);
        Write20(0xFA, 0x80000);
        BinaryPrimitives.WriteUInt16BigEndian(_registers.AsSpan(0xFD), 0x8000);
    }
}
