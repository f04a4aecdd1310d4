using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace EdgeLstm.HostileFiles;

/// <summary>Pickle protocol 2 opcodes, written one by one, for state_dicts as torch.save writes them and worse.</summary>
internal sealed class PickleWriter
{
    private readonly MemoryStream _buffer = new();

    public PickleWriter Proto() => Raw(0x80, 2);

    public PickleWriter Raw(params byte[] bytes)
    {
        _buffer.Write(bytes);
        return this;
    }

    public PickleWriter Op(char opcode) => Raw((byte)opcode);

    /// <summary>BINUNICODE: a 4-byte length, then UTF-8.</summary>
    public PickleWriter Unicode(string text)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        Op('X');
        _buffer.Write(BitConverter.GetBytes(bytes.Length));
        _buffer.Write(bytes);
        return this;
    }

    /// <summary>GLOBAL: module and name, each ended by a newline.</summary>
    public PickleWriter Global(string module, string name) => Op('c').Raw(Encoding.ASCII.GetBytes(module + "\n" + name + "\n"));

    /// <summary>BININT: a signed 4-byte integer.</summary>
    public PickleWriter Int(int value)
    {
        Op('J');
        _buffer.Write(BitConverter.GetBytes(value));
        return this;
    }

    public PickleWriter IntTuple(IEnumerable<int> values)
    {
        Op('(');
        foreach (int value in values) Int(value);
        return Op('t');
    }

    /// <summary>
    /// <c>_rebuild_tensor_v2(('storage', torch.FloatStorage, key, 'cpu', numel), offset, size, stride, False, OrderedDict())</c>.
    /// </summary>
    public PickleWriter Tensor(string storageKey, int storageElements, int offset, int[] size, string storageType = "FloatStorage")
    {
        var stride = new int[size.Length];
        int step = 1;
        for (int d = size.Length - 1; d >= 0; d--)
        {
            stride[d] = step;
            step *= size[d];
        }
        Global("torch._utils", "_rebuild_tensor_v2").Op('(');
        Op('(').Unicode("storage").Global("torch", storageType).Unicode(storageKey).Unicode("cpu").Int(storageElements).Op('t').Op('Q');
        Int(offset).IntTuple(size).IntTuple(stride).Raw(0x89);
        Global("collections", "OrderedDict").Op(')').Op('R');
        return Op('t').Op('R');
    }

    /// <summary>A whole state_dict: EMPTY_DICT, MARK, key/tensor pairs, SETITEMS, STOP.</summary>
    public static byte[] StateDict(IEnumerable<(string Key, string Storage, int StorageElements, int Offset, int[] Size)> tensors, string storageType = "FloatStorage")
    {
        var pickle = new PickleWriter().Proto().Op('}').Op('(');
        foreach ((string key, string storage, int elements, int offset, int[] size) in tensors)
        {
            pickle.Unicode(key).Tensor(storage, elements, offset, size, storageType);
        }
        return pickle.Op('u').Op('.').ToArray();
    }

    public byte[] ToArray() => _buffer.ToArray();
}
