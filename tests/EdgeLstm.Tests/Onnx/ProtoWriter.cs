using System;
using System.Collections.Generic;
using System.Text;

namespace EdgeLstm.Tests.Onnx;

/// <summary>A minimal protobuf writer for building ONNX test files, including deliberately malformed ones.</summary>
internal sealed class ProtoWriter
{
    private readonly List<byte> _bytes = new();

    public byte[] ToArray() => _bytes.ToArray();

    public int Length => _bytes.Count;

    public ProtoWriter Tag(int field, int wireType) => RawVarint((ulong)((field << 3) | wireType));

    public ProtoWriter RawVarint(ulong value)
    {
        do
        {
            byte b = (byte)(value & 0x7F);
            value >>= 7;
            _bytes.Add(value != 0 ? (byte)(b | 0x80) : b);
        }
        while (value != 0);
        return this;
    }

    public ProtoWriter RawBytes(params byte[] bytes)
    {
        _bytes.AddRange(bytes);
        return this;
    }

    public ProtoWriter Varint(int field, long value) => Tag(field, 0).RawVarint((ulong)value);

    public ProtoWriter Float(int field, float value) => Tag(field, 5).RawBytes(BitConverter.GetBytes(value));

    public ProtoWriter Bytes(int field, byte[] value) => Tag(field, 2).RawVarint((ulong)value.Length).RawBytes(value);

    public ProtoWriter String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    public ProtoWriter Message(int field, ProtoWriter message) => Bytes(field, message.ToArray());

    public ProtoWriter PackedFloats(int field, IEnumerable<float> values)
    {
        var body = new List<byte>();
        foreach (float v in values) body.AddRange(BitConverter.GetBytes(v));
        return Bytes(field, body.ToArray());
    }

    public ProtoWriter PackedVarints(int field, IEnumerable<long> values)
    {
        var body = new ProtoWriter();
        foreach (long v in values) body.RawVarint((ulong)v);
        return Message(field, body);
    }
}
