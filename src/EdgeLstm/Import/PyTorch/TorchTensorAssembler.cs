using System;
using System.Collections.Generic;
using EdgeLstm.Import.StateDict;

namespace EdgeLstm.Import.PyTorch;

/// <summary>
/// Turns the tensor views of a state_dict pickle into row-major float32 values. Each storage (archive entry
/// <c>data/&lt;key&gt;</c>) is decoded once and shared by every tensor that views it; storage offsets and any strides
/// (contiguous or not, including broadcast zeros) are honoured by gathering element by element.
/// </summary>
internal sealed class TorchTensorAssembler
{
    /// <summary>More dimensions than any recurrent weight needs; bounds the work per element.</summary>
    private const int MaxRank = 8;

    private readonly Func<string, byte[]?> _readEntry;
    private readonly string _file;
    private long _elementBudget;
    private readonly Dictionary<string, (TorchStorage Storage, float[] Values)> _storages = new(StringComparer.Ordinal);

    /// <param name="readEntry">Returns the bytes of storage <c>key</c>, or null when the archive has no such entry.</param>
    /// <param name="file">The file name for messages.</param>
    /// <param name="elementBudget">Most elements all tensors may hold together: the archive's size, so that
    /// broadcast strides cannot turn a small file into a huge allocation.</param>
    public TorchTensorAssembler(Func<string, byte[]?> readEntry, string file, long elementBudget)
    {
        _readEntry = readEntry;
        _file = file;
        _elementBudget = elementBudget;
    }

    public NamedTensor Assemble(string name, TorchTensor tensor)
    {
        string where = $"tensor '{name}'";
        if (tensor.Size.Length > MaxRank)
        {
            throw new ModelFormatException(_file, where, $"has {tensor.Size.Length} dimensions; at most {MaxRank} are supported.");
        }
        long count = 1;
        foreach (long dimension in tensor.Size)
        {
            count = dimension == 0 || count == 0 ? 0 : count * dimension;
            if (count > _elementBudget)
            {
                throw new ModelFormatException(_file, where, $"shape [{string.Join(", ", tensor.Size)}] holds more elements than the file could.");
            }
        }
        _elementBudget -= count;

        float[] storage = Storage(tensor.Storage, where);
        var values = new float[count];
        if (count > 0)
        {
            // The largest index the view touches; strides are bounded by the storage so the sum cannot overflow.
            long last = tensor.StorageOffset;
            for (int d = 0; d < tensor.Size.Length; d++)
            {
                if (tensor.Size[d] > 1 && tensor.Stride[d] > storage.Length)
                {
                    throw new ModelFormatException(_file, where, $"stride {tensor.Stride[d]} is larger than its storage of {storage.Length} elements.");
                }
                last += (tensor.Size[d] - 1) * tensor.Stride[d];
            }
            if (tensor.StorageOffset >= storage.Length || last >= storage.Length)
            {
                throw new ModelFormatException(_file, where,
                    $"views elements up to {last} (offset {tensor.StorageOffset}) of storage '{tensor.Storage.Key}', which holds {storage.Length}.");
            }
            Gather(storage, tensor, values);
        }
        return new NamedTensor(name, tensor.Storage.TypeName, Array.ConvertAll(tensor.Size, d => (int)d), values);
    }

    private static void Gather(float[] storage, TorchTensor tensor, float[] values)
    {
        int rank = tensor.Size.Length;
        var index = new long[rank];
        long source = tensor.StorageOffset;
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = storage[source];
            // Advance the row-major odometer: the last dimension fastest.
            for (int d = rank - 1; d >= 0; d--)
            {
                source += tensor.Stride[d];
                if (++index[d] < tensor.Size[d]) break;
                source -= tensor.Stride[d] * index[d];
                index[d] = 0;
            }
        }
    }

    private float[] Storage(TorchStorage storage, string where)
    {
        if (_storages.TryGetValue(storage.Key, out (TorchStorage Storage, float[] Values) cached))
        {
            if (cached.Storage.ElementType != storage.ElementType)
            {
                throw new ModelFormatException(_file, where,
                    $"storage '{storage.Key}' is read as {storage.TypeName} here and as {cached.Storage.TypeName} elsewhere.");
            }
            return cached.Values;
        }
        byte[] bytes = _readEntry(storage.Key) ?? throw new ModelFormatException(_file, where, $"its storage 'data/{storage.Key}' is not in the archive.");
        int size = TensorDecoder.SizeOf(storage.ElementType);
        if (storage.ElementCount > bytes.Length / size)
        {
            throw new ModelFormatException(_file, where,
                $"storage 'data/{storage.Key}' should hold {storage.ElementCount} {storage.TypeName} elements but has only {bytes.Length} bytes.");
        }
        float[] values = TensorDecoder.Decode(bytes, 0, (int)storage.ElementCount, storage.ElementType, _file, $"storage 'data/{storage.Key}'");
        _storages[storage.Key] = (storage, values);
        return values;
    }
}
