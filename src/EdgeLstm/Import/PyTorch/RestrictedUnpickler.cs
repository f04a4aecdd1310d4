using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace EdgeLstm.Import.PyTorch;

/// <summary>
/// Reads the pickle of a <c>torch.save(state_dict)</c> archive without executing it. Only the opcodes such a pickle
/// uses are understood, and only the globals of <see cref="TorchGlobals"/> may be named; REDUCE never calls
/// anything but is interpreted for OrderedDict (an empty ordered dict) and <c>_rebuild_tensor_v2</c> (a tensor
/// description). Every read is bounded by the pickle's length, every loop step consumes at least one byte, nothing
/// recurses, and every object, memo entry and mark is charged to the import's budget, as is every string's length
/// before it is decoded; so a hostile pickle can neither run code nor exhaust memory, time or the stack.
/// </summary>
internal sealed class RestrictedUnpickler
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    private const string ObjectBudget = "pickle objects, memo entries and marks";

    private readonly byte[] _data;
    private readonly ImportMeter _meter;
    private readonly string _file;
    private readonly string _entry;
    private readonly List<object> _stack = new();
    private readonly List<int> _marks = new();
    private readonly Dictionary<long, object> _memo = new();
    private int _position;
    private int _opcodeStart;

    private RestrictedUnpickler(byte[] data, ImportMeter meter, string entry)
    {
        _data = data;
        _meter = meter;
        _file = meter.File;
        _entry = entry;
    }

    /// <summary>Unpickles <paramref name="data"/> (the archive entry <paramref name="entry"/>) to its top-level object.</summary>
    public static object Load(byte[] data, ImportMeter meter, string entry) => new RestrictedUnpickler(data, meter, entry).Run();

    private object Run()
    {
        while (true)
        {
            _opcodeStart = _position;
            byte opcode = ReadByte();
            switch (opcode)
            {
                case 0x80: ReadProtocol(); break;                                   // PROTO
                case 0x95: SkipFrameLength(); break;                                // FRAME
                case (byte)'}': Push(new PickleDict()); break;                      // EMPTY_DICT
                case (byte)')': Push(new PickleTuple(Array.Empty<object>())); break; // EMPTY_TUPLE
                case (byte)']': Push(new PickleList()); break;                      // EMPTY_LIST
                case (byte)'(': Mark(); break;                                      // MARK
                case (byte)'X': Push(ReadString(ReadUInt(4))); break;               // BINUNICODE
                case 0x8C: Push(ReadString(ReadByte())); break;                     // SHORT_BINUNICODE
                case 0x8D: Push(ReadString(ReadUInt(8))); break;                    // BINUNICODE8
                case (byte)'q': Memoize(ReadByte()); break;                         // BINPUT
                case (byte)'r': Memoize(ReadUInt(4)); break;                        // LONG_BINPUT
                case 0x94: Memoize(_memo.Count); break;                             // MEMOIZE
                case (byte)'h': Push(Recall(ReadByte())); break;                    // BINGET
                case (byte)'j': Push(Recall(ReadUInt(4))); break;                   // LONG_BINGET
                case (byte)'c': Push(ResolveGlobal(ReadLine(), ReadLine())); break; // GLOBAL
                case 0x93: StackGlobal(); break;                                    // STACK_GLOBAL
                case (byte)'J': Push((long)(int)ReadUInt(4)); break;                // BININT (signed)
                case (byte)'K': Push((long)ReadByte()); break;                      // BININT1
                case (byte)'M': Push(ReadUInt(2)); break;                           // BININT2
                case 0x8A: Push(ReadLong1()); break;                                // LONG1
                case (byte)'G': Push(ReadBinFloat()); break;                        // BINFLOAT
                case (byte)'N': Push(PickleNone.Instance); break;                   // NONE
                case 0x88: Push(true); break;                                       // NEWTRUE
                case 0x89: Push(false); break;                                      // NEWFALSE
                case (byte)'t': Push(new PickleTuple(PopToMark())); break;          // TUPLE
                case 0x85: Push(new PickleTuple(PopMany(1))); break;                // TUPLE1
                case 0x86: Push(new PickleTuple(PopMany(2))); break;                // TUPLE2
                case 0x87: Push(new PickleTuple(PopMany(3))); break;                // TUPLE3
                case (byte)'R': Reduce(); break;                                    // REDUCE
                case (byte)'b': Build(); break;                                     // BUILD
                case (byte)'s': SetItems(PopMany(2)); break;                        // SETITEM
                case (byte)'u': SetItems(PopToMark()); break;                       // SETITEMS
                case (byte)'a': Append(PopMany(1)); break;                          // APPEND
                case (byte)'e': Append(PopToMark()); break;                         // APPENDS
                case (byte)'Q': Push(PersistentLoad(Pop())); break;                 // BINPERSID
                case (byte)'.':                                                     // STOP
                    if (_stack.Count != 1) throw Error($"STOP with {_stack.Count} objects on the stack; expected exactly one.");
                    return _stack[0];
                default:
                    throw Error($"pickle opcode 0x{opcode:x2} is not one a state_dict pickle uses; refusing to interpret it.");
            }
        }
    }

    private void ReadProtocol()
    {
        byte version = ReadByte();
        if (version < 2 || version > 5) throw Error($"pickle protocol {version} is not supported; torch.save writes protocol 2.");
    }

    private void SkipFrameLength()
    {
        // Protocol 4 framing only groups opcodes; the length must still fit in the data.
        if (ReadUInt(8) > _data.Length - _position) throw Error("a FRAME is longer than the rest of the pickle (truncated?).");
    }

    private void StackGlobal()
    {
        object name = Pop(), module = Pop();
        if (module is not string m || name is not string n) throw Error("STACK_GLOBAL needs a module and a name string.");
        Push(ResolveGlobal(m, n));
    }

    private PickleGlobal ResolveGlobal(string module, string name)
    {
        if (!TorchGlobals.IsAllowed(module, name)) throw Error(TorchGlobals.DescribeRefusal(module, name));
        return new PickleGlobal(module, name);
    }

    private void Reduce()
    {
        object arguments = Pop(), callable = Pop();
        if (callable is not PickleGlobal function || arguments is not PickleTuple tuple)
        {
            throw Error("REDUCE needs a global and an argument tuple.");
        }
        switch (function.FullName)
        {
            case TorchGlobals.OrderedDict when tuple.Items.Length == 0:
                Push(new PickleDict());
                break;
            case TorchGlobals.RebuildTensor:
                Push(RebuildTensor(tuple.Items));
                break;
            default:
                throw Error($"{FileText.Quote(function.FullName)} called with {tuple.Items.Length} argument(s) is not part of a state_dict.");
        }
    }

    /// <summary><c>_rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata])</c>.</summary>
    private TorchTensor RebuildTensor(object[] arguments)
    {
        if (arguments.Length is not (6 or 7) ||
            arguments[0] is not TorchStorage storage ||
            arguments[1] is not long offset || offset < 0 ||
            arguments[2] is not PickleTuple size || arguments[3] is not PickleTuple stride ||
            size.Items.Length != stride.Items.Length)
        {
            throw Error("_rebuild_tensor_v2 expects (storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata]) with matching size and stride.");
        }
        return new TorchTensor(storage, offset, ToIndices(size, "size"), ToIndices(stride, "stride"));
    }

    private long[] ToIndices(PickleTuple tuple, string what)
    {
        var values = new long[tuple.Items.Length];
        for (int i = 0; i < values.Length; i++)
        {
            if (tuple.Items[i] is not long value || value < 0) throw Error($"tensor {what}[{i}] must be a non-negative integer.");
            values[i] = value;
        }
        return values;
    }

    /// <summary>A persistent id <c>('storage', storage_type, key, location, numel)</c> names an archive entry.</summary>
    private TorchStorage PersistentLoad(object id)
    {
        if (id is not PickleTuple { Items: { Length: 5 } items } ||
            items[0] is not "storage" ||
            items[1] is not PickleGlobal type ||
            items[2] is not string key ||
            items[3] is not string ||
            items[4] is not long count || count < 0)
        {
            throw Error("a persistent id must be ('storage', storage_type, key, location, numel).");
        }
        if (!TorchGlobals.TryGetStorageType(type.FullName, out StateDict.TensorElementType elementType))
        {
            throw Error($"{FileText.Quote(type.FullName)} is not a storage type.");
        }
        return new TorchStorage(elementType, type.FullName, key, count);
    }

    private void Build()
    {
        object state = Pop();
        // torch attaches each module's version numbers to the OrderedDict as its _metadata attribute; they say
        // nothing about the weights, so the state is dropped.
        if (Peek() is not PickleDict || state is not (PickleDict or PickleNone))
        {
            throw Error("BUILD is only expected to set an OrderedDict's _metadata.");
        }
    }

    private void SetItems(object[] pairs)
    {
        if (Peek() is not PickleDict dict || pairs.Length % 2 != 0) throw Error("SETITEM(S) needs a dict and key-value pairs.");
        for (int i = 0; i < pairs.Length; i += 2)
        {
            if (pairs[i] is not (string or long or bool)) throw Error("dict keys must be strings or integers in a state_dict.");
            dict.Set(pairs[i], pairs[i + 1]);
        }
    }

    private void Append(object[] items)
    {
        if (Peek() is not PickleList list) throw Error("APPEND(S) needs a list.");
        list.Items.AddRange(items);
    }

    private void Memoize(long index)
    {
        if (_stack.Count == 0) throw Error("memoizing from an empty stack.");
        Charge();
        _memo[index] = _stack[_stack.Count - 1];
    }

    private void Mark()
    {
        Charge();
        _marks.Add(_stack.Count);
    }

    private object Recall(long index)
        => _memo.TryGetValue(index, out object? value) ? value : throw Error($"memo entry {index} was never stored.");

    private object[] PopToMark()
    {
        if (_marks.Count == 0) throw Error("no MARK to pop to.");
        int mark = _marks[_marks.Count - 1];
        _marks.RemoveAt(_marks.Count - 1);
        if (mark > _stack.Count) throw Error("the stack fell below its MARK.");
        object[] items = _stack.GetRange(mark, _stack.Count - mark).ToArray();
        _stack.RemoveRange(mark, _stack.Count - mark);
        return items;
    }

    private object[] PopMany(int count)
    {
        if (_stack.Count < count || CurrentMark() > _stack.Count - count) throw Error($"needs {count} object(s) on the stack.");
        object[] items = _stack.GetRange(_stack.Count - count, count).ToArray();
        _stack.RemoveRange(_stack.Count - count, count);
        return items;
    }

    private object Pop() => PopMany(1)[0];

    private object Peek()
    {
        if (_stack.Count == 0 || CurrentMark() >= _stack.Count) throw Error("the stack is empty.");
        return _stack[_stack.Count - 1];
    }

    private int CurrentMark() => _marks.Count == 0 ? 0 : _marks[_marks.Count - 1];

    private void Push(object value)
    {
        Charge();
        _stack.Add(value);
    }

    private void Charge() => _meter.ChargeObjects(1, ObjectBudget, _entry, _opcodeStart);

    private byte ReadByte()
    {
        if (_position >= _data.Length) throw Error("the pickle ends before STOP (truncated?).");
        return _data[_position++];
    }

    /// <summary>An unsigned little-endian argument; values past long.MaxValue saturate, which every bound check then refuses.</summary>
    private long ReadUInt(int size)
    {
        ulong value = ReadRaw(size);
        return value > long.MaxValue ? long.MaxValue : (long)value;
    }

    private ulong ReadRaw(int size)
    {
        if (_data.Length - _position < size) throw Error("the pickle ends inside an argument (truncated?).");
        ulong value = 0;
        for (int b = size - 1; b >= 0; b--) value = (value << 8) | _data[_position + b];
        _position += size;
        return value;
    }

    /// <summary>LONG1: a little-endian two's-complement integer of up to 255 bytes; state_dicts need at most 8.</summary>
    private long ReadLong1()
    {
        int length = ReadByte();
        if (length > 8) throw Error($"a {length}-byte integer is larger than any tensor index.");
        long value = unchecked((long)ReadRaw(length));
        if (length is > 0 and < 8 && (value & (1L << (8 * length - 1))) != 0) value -= 1L << (8 * length);
        return value;
    }

    private double ReadBinFloat()
    {
        // BINFLOAT is big-endian, unlike every other pickle argument.
        if (_data.Length - _position < 8) throw Error("the pickle ends inside a float (truncated?).");
        long bits = 0;
        for (int b = 0; b < 8; b++) bits = (bits << 8) | _data[_position + b];
        _position += 8;
        return BitConverter.Int64BitsToDouble(bits);
    }

    private string ReadString(long length)
    {
        if (length > _data.Length - _position) throw Error($"a {length}-byte string runs past the end of the pickle (truncated?).");
        _meter.CheckText(length, "a pickle string", Location);
        try
        {
            string text = StrictUtf8.GetString(_data, _position, (int)length);
            _position += (int)length;
            return text;
        }
        catch (DecoderFallbackException)
        {
            throw Error("a string is not valid UTF-8.");
        }
    }

    /// <summary>GLOBAL's arguments: newline-terminated ASCII, as Python writes module and qualified names.</summary>
    private string ReadLine()
    {
        // Looked for no further than the longest name allowed, so that scanning costs no more than reading it.
        int window = (int)Math.Min(_data.Length - _position, ImportBudget.MaxTextBytes + 1L);
        int end = Array.IndexOf(_data, (byte)'\n', _position, window);
        if (end < 0 && window > ImportBudget.MaxTextBytes) throw _meter.TextTooLong("a GLOBAL name", _entry, _opcodeStart);
        if (end < 0) throw Error("a GLOBAL name is not terminated by a newline (truncated?).");
        var builder = new StringBuilder(end - _position);
        for (int i = _position; i < end; i++)
        {
            if (_data[i] < 0x20 || _data[i] > 0x7E) throw Error("a GLOBAL name holds a non-printable byte.");
            builder.Append((char)_data[i]);
        }
        _position = end + 1;
        return builder.ToString();
    }

    private string Location => $"{_entry} offset {_opcodeStart.ToString(CultureInfo.InvariantCulture)}";

    private ModelFormatException Error(string problem) => new(_file, Location, problem);
}
