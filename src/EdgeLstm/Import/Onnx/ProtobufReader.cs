using System;
using System.Collections.Generic;
using System.Text;

namespace EdgeLstm.Import.Onnx;

/// <summary>The four protobuf wire types a reader may meet (3 and 4, the deprecated groups, are refused).</summary>
internal enum WireType
{
    Varint = 0,
    Fixed64 = 1,
    LengthDelimited = 2,
    StartGroup = 3,
    EndGroup = 4,
    Fixed32 = 5,
}

/// <summary>
/// A strict reader for the protobuf wire format over one message's bytes: every length is checked against the
/// bytes present before anything is allocated, every string's length against the import budget before it is decoded,
/// and every number of a repeated field is charged to the budget as it is read, so a hostile file ends in a
/// <see cref="ModelFormatException"/> naming the byte offset, never in an out-of-range access or a huge allocation.
/// </summary>
/// <remarks>
/// Hand-written because the importer also runs inside the C# compiler (netstandard2.0), where a package
/// dependency such as Google.Protobuf cannot be loaded reliably. Only the decoding the ONNX messages need is here.
/// </remarks>
internal sealed class ProtobufReader
{
    /// <summary>Deepest message nesting accepted. ONNX's schema as read here needs 6; the bound keeps hostile input finite.</summary>
    public const int MaxDepth = 32;

    private readonly byte[] _buffer;
    private readonly int _end;
    private int _position;

    private const string NumberBudget = "ONNX numbers (integer and float lists, packed or not)";

    /// <summary>Creates a reader over <paramref name="buffer"/>[<paramref name="start"/>, <paramref name="end"/>).</summary>
    public ProtobufReader(byte[] buffer, int start, int end, ImportMeter meter, string message, int depth = 0)
    {
        _buffer = buffer;
        _position = start;
        _end = end;
        Meter = meter;
        Message = message;
        Depth = depth;
    }

    /// <summary>The import's budget, which every reader of the file charges.</summary>
    public ImportMeter Meter { get; }

    /// <summary>The file name used in error messages.</summary>
    public string File => Meter.File;

    /// <summary>The message type being read ("ModelProto"), for error messages.</summary>
    public string Message { get; }

    /// <summary>How many messages enclose this one.</summary>
    public int Depth { get; }

    /// <summary>The absolute offset of the next unread byte.</summary>
    public int Position => _position;

    /// <summary>The whole file, for fields kept as slices of it (raw tensor data).</summary>
    public byte[] Buffer => _buffer;

    /// <summary>True while bytes of this message remain.</summary>
    public bool HasMore => _position < _end;

    /// <summary>Reads the next field key.</summary>
    public void ReadTag(out int field, out WireType wireType)
    {
        int at = _position;
        ulong key = ReadVarint();
        ulong number = key >> 3;
        int type = (int)(key & 7);
        if (number == 0 || number > 536_870_911)
        {
            throw Error(at, $"field number {number} in {Message} is invalid; protobuf field numbers are 1..536870911.");
        }
        if (type is 3 or 4)
        {
            throw Error(at, $"field {number} of {Message} uses the deprecated group wire type {type}; ONNX files never contain groups.");
        }
        if (type > 5)
        {
            throw Error(at, $"field {number} of {Message} has wire type {type}; expected 0, 1, 2 or 5.");
        }
        field = (int)number;
        wireType = (WireType)type;
    }

    /// <summary>Reads a base-128 varint of at most 10 bytes.</summary>
    public ulong ReadVarint()
    {
        int start = _position;
        ulong result = 0;
        for (int i = 0; i < 10; i++)
        {
            if (_position >= _end)
            {
                throw Error(start, $"a varint in {Message} runs past the end of its {DescribeEnd()}.");
            }
            byte b = _buffer[_position++];
            if (i == 9 && b > 1)
            {
                throw Error(start, $"a varint in {Message} overflows 64 bits.");
            }
            result |= (ulong)(b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }
        throw Error(start, $"a varint in {Message} is longer than 10 bytes.");
    }

    /// <summary>Reads a little-endian 32-bit value.</summary>
    public uint ReadFixed32()
    {
        Require(4, "a fixed32 value");
        uint value = (uint)(_buffer[_position] | _buffer[_position + 1] << 8 | _buffer[_position + 2] << 16 | _buffer[_position + 3] << 24);
        _position += 4;
        return value;
    }

    /// <summary>Reads a little-endian 64-bit value.</summary>
    public ulong ReadFixed64()
    {
        Require(8, "a fixed64 value");
        ulong low = (uint)(_buffer[_position] | _buffer[_position + 1] << 8 | _buffer[_position + 2] << 16 | _buffer[_position + 3] << 24);
        ulong high = (uint)(_buffer[_position + 4] | _buffer[_position + 5] << 8 | _buffer[_position + 6] << 16 | _buffer[_position + 7] << 24);
        _position += 8;
        return low | high << 32;
    }

    /// <summary>Reads a length prefix and returns the absolute range it covers, checked against the bytes present.</summary>
    public void ReadLengthDelimited(out int start, out int length)
    {
        int at = _position;
        ulong declared = ReadVarint();
        if (declared > (ulong)(_end - _position))
        {
            throw Error(at, $"a length-delimited field in {Message} declares {declared} bytes but only {_end - _position} remain in its {DescribeEnd()}.");
        }
        start = _position;
        length = (int)declared;
        _position += length;
    }

    /// <summary>Reads an embedded message and returns a reader limited to its bytes.</summary>
    public ProtobufReader ReadMessage(string message)
    {
        int at = _position;
        if (Depth + 1 > MaxDepth)
        {
            throw Error(at, $"messages are nested more than {MaxDepth} deep.");
        }
        ReadLengthDelimited(out int start, out int length);
        return new ProtobufReader(_buffer, start, start + length, Meter, message, Depth + 1);
    }

    /// <summary>Reads a UTF-8 string.</summary>
    public string ReadString()
    {
        ReadLengthDelimited(out int start, out int length);
        Meter.CheckText(length, $"a string in {Message}", string.Empty, start);
        try
        {
            return StrictUtf8.GetString(_buffer, start, length);
        }
        catch (DecoderFallbackException)
        {
            throw Error(start, $"a string in {Message} is not valid UTF-8.");
        }
    }

    /// <summary>Reads a bytes field as a slice of the file (no copy).</summary>
    public ArraySegment<byte> ReadBytes()
    {
        ReadLengthDelimited(out int start, out int length);
        return new ArraySegment<byte>(_buffer, start, length);
    }

    /// <summary>Reads an int64 scalar field (varint, two's complement).</summary>
    public long ReadInt64(WireType wireType, string field)
    {
        Expect(wireType, WireType.Varint, field);
        return (long)ReadVarint();
    }

    /// <summary>Reads an int32 scalar field; values outside int range are refused rather than truncated.</summary>
    public int ReadInt32(WireType wireType, string field)
    {
        int at = _position;
        long value = ReadInt64(wireType, field);
        if (value < int.MinValue || value > int.MaxValue)
        {
            throw Error(at, $"{field} in {Message} is {value}; expected a 32-bit integer.");
        }
        return (int)value;
    }

    /// <summary>Reads a float scalar field (fixed32).</summary>
    public float ReadFloat(WireType wireType, string field)
    {
        Expect(wireType, WireType.Fixed32, field);
        return FloatBits.ToSingle(ReadFixed32());
    }

    /// <summary>Reads a string field after checking its wire type.</summary>
    public string ReadString(WireType wireType, string field)
    {
        Expect(wireType, WireType.LengthDelimited, field);
        return ReadString();
    }

    /// <summary>Reads one occurrence of a repeated varint field, packed or not.</summary>
    public void ReadRepeatedInt64(WireType wireType, string field, List<long> into)
    {
        if (wireType == WireType.Varint)
        {
            Meter.ChargeNumbers(1, NumberBudget, string.Empty, _position);
            into.Add((long)ReadVarint());
            return;
        }
        Expect(wireType, WireType.LengthDelimited, field);
        ReadLengthDelimited(out int start, out int length);
        // Counted and charged before the list grows, and the list sized once: no doubling slack on millions of values.
        int count = CountVarints(start, start + length);
        Meter.ChargeNumbers(count, NumberBudget, string.Empty, start);
        if (into.Capacity - into.Count < count) into.Capacity = into.Count + count;
        var packed = new ProtobufReader(_buffer, start, start + length, Meter, Message, Depth);
        while (packed.HasMore)
        {
            into.Add((long)packed.ReadVarint());
        }
    }

    /// <summary>Reads one occurrence of a repeated float field, packed or not.</summary>
    public void ReadRepeatedFloat(WireType wireType, string field, List<float> into)
    {
        if (wireType == WireType.Fixed32)
        {
            Meter.ChargeNumbers(1, NumberBudget, string.Empty, _position);
            into.Add(FloatBits.ToSingle(ReadFixed32()));
            return;
        }
        Expect(wireType, WireType.LengthDelimited, field);
        int at = _position;
        ReadLengthDelimited(out int start, out int length);
        if (length % 4 != 0)
        {
            throw Error(at, $"packed {field} in {Message} holds {length} bytes, not a multiple of 4.");
        }
        Meter.ChargeNumbers(length / 4, NumberBudget, string.Empty, start);
        if (into.Capacity - into.Count < length / 4) into.Capacity = into.Count + length / 4;
        var packed = new ProtobufReader(_buffer, start, start + length, Meter, Message, Depth);
        while (packed.HasMore)
        {
            into.Add(FloatBits.ToSingle(packed.ReadFixed32()));
        }
    }

    /// <summary>Reads one occurrence of a repeated double field, packed or not.</summary>
    public void ReadRepeatedDouble(WireType wireType, string field, List<double> into)
    {
        if (wireType == WireType.Fixed64)
        {
            Meter.ChargeNumbers(1, NumberBudget, string.Empty, _position);
            into.Add(BitConverter.Int64BitsToDouble((long)ReadFixed64()));
            return;
        }
        Expect(wireType, WireType.LengthDelimited, field);
        int at = _position;
        ReadLengthDelimited(out int start, out int length);
        if (length % 8 != 0)
        {
            throw Error(at, $"packed {field} in {Message} holds {length} bytes, not a multiple of 8.");
        }
        Meter.ChargeNumbers(length / 8, NumberBudget, string.Empty, start);
        if (into.Capacity - into.Count < length / 8) into.Capacity = into.Count + length / 8;
        var packed = new ProtobufReader(_buffer, start, start + length, Meter, Message, Depth);
        while (packed.HasMore)
        {
            into.Add(BitConverter.Int64BitsToDouble((long)packed.ReadFixed64()));
        }
    }

    /// <summary>The varints in [start, end): the bytes that end one (high bit clear), plus an unterminated last one.</summary>
    private int CountVarints(int start, int end)
    {
        int count = 0;
        for (int i = start; i < end; i++)
        {
            if ((_buffer[i] & 0x80) == 0) count++;
        }
        return end > start && (_buffer[end - 1] & 0x80) != 0 ? count + 1 : count;
    }

    /// <summary>Skips a field this reader does not need.</summary>
    public void Skip(WireType wireType)
    {
        switch (wireType)
        {
            case WireType.Varint:
                ReadVarint();
                break;
            case WireType.Fixed64:
                Require(8, "a fixed64 value");
                _position += 8;
                break;
            case WireType.LengthDelimited:
                ReadLengthDelimited(out _, out _);
                break;
            case WireType.Fixed32:
                Require(4, "a fixed32 value");
                _position += 4;
                break;
            default:
                throw Error(_position, $"wire type {(int)wireType} cannot be skipped.");
        }
    }

    /// <summary>Refuses a field whose wire type is not the one its schema declares.</summary>
    public void Expect(WireType actual, WireType expected, string field)
    {
        if (actual != expected)
        {
            throw Error(_position, $"{field} in {Message} has wire type {(int)actual} ({actual}); expected {(int)expected} ({expected}).");
        }
    }

    /// <summary>An error located at an absolute byte offset of the file.</summary>
    public ModelFormatException Error(int offset, string problem)
        => new(File, $"offset {offset}", problem);

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private void Require(int bytes, string what)
    {
        if (_end - _position < bytes)
        {
            throw Error(_position, $"{what} in {Message} needs {bytes} bytes but only {_end - _position} remain in its {DescribeEnd()}.");
        }
    }

    private string DescribeEnd() => _end == _buffer.Length && Depth == 0 ? "file" : "enclosing message";
}
