using System.Collections.Generic;
using EdgeLstm.Import.StateDict;

namespace EdgeLstm.Import.PyTorch;

// The only objects the restricted unpickler can build. Python's int, float, str, bool and None become long, double,
// string, bool and PickleNone; containers and torch objects get the small classes below. None of them runs code.

/// <summary>Python's None (a distinct object, so that the stack never holds null).</summary>
internal sealed class PickleNone
{
    public static readonly PickleNone Instance = new();

    private PickleNone()
    {
    }
}

internal sealed class PickleTuple
{
    public PickleTuple(object[] items) => Items = items;

    public object[] Items { get; }
}

internal sealed class PickleList
{
    public List<object> Items { get; } = new();
}

/// <summary>A dict or OrderedDict, in insertion order; setting an existing key replaces its value, as Python does.</summary>
internal sealed class PickleDict
{
    private readonly Dictionary<object, int> _index = new();

    public List<KeyValuePair<object, object>> Items { get; } = new();

    public void Set(object key, object value)
    {
        if (_index.TryGetValue(key, out int existing))
        {
            Items[existing] = new KeyValuePair<object, object>(key, value);
            return;
        }
        _index[key] = Items.Count;
        Items.Add(new KeyValuePair<object, object>(key, value));
    }
}

/// <summary>A reference to one of the few globals a state_dict needs (see <see cref="TorchGlobals"/>).</summary>
internal sealed class PickleGlobal
{
    public PickleGlobal(string module, string name)
    {
        Module = module;
        Name = name;
    }

    public string Module { get; }

    public string Name { get; }

    public string FullName => Module + "." + Name;
}

/// <summary>A storage named by a persistent id: the raw elements live in the archive entry <c>data/&lt;Key&gt;</c>.</summary>
internal sealed class TorchStorage
{
    public TorchStorage(TensorElementType elementType, string typeName, string key, long elementCount)
    {
        ElementType = elementType;
        TypeName = typeName;
        Key = key;
        ElementCount = elementCount;
    }

    public TensorElementType ElementType { get; }

    /// <summary>The storage class, e.g. "torch.FloatStorage", for messages.</summary>
    public string TypeName { get; }

    public string Key { get; }

    public long ElementCount { get; }
}

/// <summary>A tensor as <c>torch._utils._rebuild_tensor_v2</c> describes it: a view into a storage.</summary>
internal sealed class TorchTensor
{
    public TorchTensor(TorchStorage storage, long storageOffset, long[] size, long[] stride)
    {
        Storage = storage;
        StorageOffset = storageOffset;
        Size = size;
        Stride = stride;
    }

    public TorchStorage Storage { get; }

    /// <summary>The first element's index in the storage, in elements.</summary>
    public long StorageOffset { get; }

    public long[] Size { get; }

    /// <summary>Per-dimension steps through the storage, in elements.</summary>
    public long[] Stride { get; }
}
