using System;
using System.Collections.Generic;
using EdgeLstm.Import.StateDict;

namespace EdgeLstm.Import.PyTorch;

/// <summary>
/// Turns the tensor views of a state_dict pickle into row-major float32 values. Each storage (archive entry
/// <c>data/&lt;key&gt;</c>) is decoded once and shared by every tensor that views it; storage offsets and any strides
/// (contiguous or not, including broadcast zeros) are honoured by gathering element by element.
/// </summary>
/// <remarks>
/// <see cref="Plan"/> checks every view against its storage and charges the budget (elements to gather, storage bytes
/// no tensor views) from the pickle and the zip directory alone, before a single storage is inflated: a 1 GiB storage
/// behind a 16-element model is refused without being read. Elements are decoded straight from the storage's bytes as
/// they are gathered, so memory holds the raw storages and the tensors, never a widened copy of a whole storage.
/// </remarks>
internal sealed class TorchTensorAssembler
{
    /// <summary>More dimensions than any recurrent weight needs; bounds the work per element.</summary>
    private const int MaxRank = 8;

    /// <summary>Elements gathered between two looks at the cancellation token.</summary>
    private const int CancellationStride = 1 << 16;

    private readonly byte[] _archive;
    private readonly IReadOnlyDictionary<string, ZipEntry> _entries;
    private readonly string _folder;
    private readonly ImportMeter _meter;
    private readonly Dictionary<string, StorageUse> _uses = new(StringComparer.Ordinal);
    private readonly Dictionary<string, byte[]> _extracted = new(StringComparer.Ordinal);

    /// <param name="archive">The whole .pt file.</param>
    /// <param name="entries">Its zip entries by name.</param>
    /// <param name="folder">The archive's top folder ("archive/"), which holds <c>data/&lt;key&gt;</c>.</param>
    /// <param name="meter">The import's budget.</param>
    public TorchTensorAssembler(byte[] archive, IReadOnlyDictionary<string, ZipEntry> entries, string folder, ImportMeter meter)
    {
        _archive = archive;
        _entries = entries;
        _folder = folder;
        _meter = meter;
    }

    /// <summary>Checks every view and charges the budget, reading nothing but the zip directory.</summary>
    public void Plan(IReadOnlyList<KeyValuePair<string, TorchTensor>> tensors)
    {
        foreach (KeyValuePair<string, TorchTensor> named in tensors)
        {
            string where = Describe(named.Key);
            TorchTensor tensor = named.Value;
            long count = ElementCount(tensor, where);
            _meter.ChargeTensorElements(count, where);
            if (count > 0) CheckView(tensor, where);

            TorchStorage storage = tensor.Storage;
            if (!_uses.TryGetValue(storage.Key, out StorageUse? use))
            {
                _uses[storage.Key] = use = new StorageUse(storage, where);
            }
            else if (use.Storage.ElementType != storage.ElementType || use.Storage.ElementCount != storage.ElementCount)
            {
                throw new ModelFormatException(_meter.File, where,
                    $"storage {FileText.Quote(storage.Key)} is read as {storage.ElementCount} {FileText.Quote(storage.TypeName)} elements here and as {use.Storage.ElementCount} {FileText.Quote(use.Storage.TypeName)} elsewhere.");
            }
            // Elements gathered, not the span they lie in: a view that strides over a storage leaves the rest unused.
            use.ViewedElements = Math.Min(use.ViewedElements + count, storage.ElementCount);
        }

        foreach (StorageUse use in _uses.Values)
        {
            TorchStorage storage = use.Storage;
            string entryName = _folder + "data/" + storage.Key;
            if (!_entries.TryGetValue(entryName, out ZipEntry? entry))
            {
                throw new ModelFormatException(_meter.File, use.FirstViewer, $"its storage {FileText.Quote("data/" + storage.Key)} is not in the archive.");
            }
            int size = TensorDecoder.SizeOf(storage.ElementType);
            if (storage.ElementCount > entry.UncompressedSize / size)
            {
                throw new ModelFormatException(_meter.File, use.FirstViewer,
                    $"storage {FileText.Quote("data/" + storage.Key)} should hold {storage.ElementCount} {FileText.Quote(storage.TypeName)} elements but has only {entry.UncompressedSize} bytes.");
            }
            use.Entry = entry;
            _meter.ChargeUnusedStorage(entry.UncompressedSize - use.ViewedElements * size, entry.Describe());
        }
    }

    /// <summary>The tensor's values; <see cref="Plan"/> must have seen it.</summary>
    public NamedTensor Assemble(string name, TorchTensor tensor)
    {
        long count = ElementCount(tensor, Describe(name));
        var values = new float[count];
        if (count > 0)
        {
            Gather(Storage(tensor.Storage), tensor, values, $"storage {FileText.Quote("data/" + tensor.Storage.Key)}");
        }
        return new NamedTensor(name, tensor.Storage.TypeName, Array.ConvertAll(tensor.Size, d => (int)d), values);
    }

    private static string Describe(string name) => "tensor " + FileText.Quote(name);

    /// <summary>The product of the sizes, refused as soon as it passes what the budget could ever allow (so it cannot wrap).</summary>
    private long ElementCount(TorchTensor tensor, string where)
    {
        if (tensor.Size.Length > MaxRank)
        {
            throw new ModelFormatException(_meter.File, where, $"has {tensor.Size.Length} dimensions; at most {MaxRank} are supported.");
        }
        long limit = _meter.Budget.MaxTensorElements;
        long count = 1;
        foreach (long dimension in tensor.Size)
        {
            if (dimension == 0) return 0;
            if (dimension > limit / count)
            {
                throw new ModelFormatException(_meter.File, where,
                    $"shape [{string.Join(", ", tensor.Size)}] holds more than the {ImportBudget.Format(limit)} elements the import budget allows for all tensors together.");
            }
            count *= dimension;
        }
        return count;
    }

    /// <summary>Refuses a view that reaches past its storage, checked without overflow.</summary>
    private void CheckView(TorchTensor tensor, string where)
    {
        long elements = tensor.Storage.ElementCount;
        long last = tensor.StorageOffset;
        bool inside = last < elements;
        for (int d = 0; d < tensor.Size.Length && inside; d++)
        {
            long steps = tensor.Size[d] - 1, stride = tensor.Stride[d];
            // steps * stride <= elements - 1 - last, asked without multiplying.
            inside = steps == 0 || stride <= (elements - 1 - last) / steps;
            if (inside) last += steps * stride;
        }
        if (!inside)
        {
            throw new ModelFormatException(_meter.File, where,
                $"with offset {tensor.StorageOffset}, size [{string.Join(", ", tensor.Size)}] and stride [{string.Join(", ", tensor.Stride)}] it views elements beyond the {elements} of storage {FileText.Quote(tensor.Storage.Key)}.");
        }
    }

    private void Gather(byte[] storage, TorchTensor tensor, float[] values, string where)
    {
        TensorElementType type = tensor.Storage.ElementType;
        int size = TensorDecoder.SizeOf(type);
        int rank = tensor.Size.Length;
        var index = new long[rank];
        long source = tensor.StorageOffset;
        for (int i = 0; i < values.Length; i++)
        {
            if (i % CancellationStride == 0) _meter.ThrowIfCancellationRequested();
            values[i] = TensorDecoder.DecodeOne(storage, source * size, type, source, _meter.File, where);
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

    /// <summary>The storage's bytes, extracted once and shared by the tensors that view it.</summary>
    private byte[] Storage(TorchStorage storage)
    {
        if (!_extracted.TryGetValue(storage.Key, out byte[]? bytes))
        {
            _extracted[storage.Key] = bytes = MinimalZipReader.Extract(_archive, _uses[storage.Key].Entry!, _meter);
        }
        return bytes;
    }

    /// <summary>What the tensors take from one storage.</summary>
    private sealed class StorageUse
    {
        public StorageUse(TorchStorage storage, string firstViewer)
        {
            Storage = storage;
            FirstViewer = firstViewer;
        }

        public TorchStorage Storage { get; }

        /// <summary>The first tensor that views it, for messages.</summary>
        public string FirstViewer { get; }

        /// <summary>Elements gathered from it by all tensors together, at most its element count.</summary>
        public long ViewedElements { get; set; }

        public ZipEntry? Entry { get; set; }
    }
}
