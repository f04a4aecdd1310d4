using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using EdgeLstm.Import.StateDict;
using EdgeLstm.Model;

namespace EdgeLstm.Import.PyTorch;

/// <summary>
/// Imports <c>torch.save(model.state_dict(), path)</c> files (the zip format of PyTorch 1.6 and later): the
/// archive's <c>&lt;folder&gt;/data.pkl</c> is read by a restricted unpickler that never executes anything, and the
/// tensors it describes are taken from the raw storages in <c>&lt;folder&gt;/data/&lt;key&gt;</c>.
/// </summary>
/// <remarks>
/// A .pt state_dict carries no metadata, so RNN nonlinearity and head activation default to tanh and none; callers
/// who know better pass them through <see cref="Import(byte[], string, IReadOnlyList{MetadataEntry})"/> with the same
/// keys as safetensors' <c>__metadata__</c>.
/// Shared source: compiled into the runtime (net10.0) and the generator (netstandard2.0).
/// </remarks>
public static class PyTorchImporter
{
    /// <summary>The name recorded in <see cref="ModelMetadata.Format"/>.</summary>
    public const string FormatName = "pytorch";

    /// <summary>Reads and validates a model from the bytes of a .pt file.</summary>
    /// <param name="content">The whole file.</param>
    /// <param name="file">The file's name as the user knows it; every error message starts with it.</param>
    public static NetworkModel Import(byte[] content, string file) => Import(content, file, Array.Empty<MetadataEntry>());

    /// <summary>Reads and validates a model from the bytes of a .pt file, with metadata the file itself cannot carry.</summary>
    /// <param name="content">The whole file.</param>
    /// <param name="file">The file's name as the user knows it; every error message starts with it.</param>
    /// <param name="metadata">Keys as in safetensors' <c>__metadata__</c>: <c>cell</c>, <c>head_activation</c>,
    /// <c>nonlinearity</c>, <c>input_mean</c>, <c>input_std</c>.</param>
    public static NetworkModel Import(byte[] content, string file, IReadOnlyList<MetadataEntry> metadata)
    {
        if (content is null) throw new ArgumentNullException(nameof(content));
        if (file is null) throw new ArgumentNullException(nameof(file));
        return Import(content, metadata, ImportMeter.For(content.Length, file));
    }

    /// <summary>Reads a .pt file within <paramref name="meter"/>'s budget.</summary>
    internal static NetworkModel Import(byte[] content, IReadOnlyList<MetadataEntry> metadata, ImportMeter meter)
    {
        if (metadata is null) throw new ArgumentNullException(nameof(metadata));
        string file = meter.File;

        List<ZipEntry> entries = MinimalZipReader.ReadDirectory(content, meter);
        var byName = entries.ToDictionary(e => e.Name, StringComparer.Ordinal);
        string folder = FindArchiveFolder(entries, file);
        CheckByteOrder(content, byName, folder, meter);

        string picklePath = folder + "data.pkl";
        // The folder name is the file's text (up to 64 KiB in a zip header) and starts every unpickler message.
        string pickleWhere = FileText.Excerpt(picklePath);
        object root = RestrictedUnpickler.Load(MinimalZipReader.Extract(content, byName[picklePath], meter), meter, pickleWhere);
        if (root is not PickleDict stateDict)
        {
            throw new ModelFormatException(file, pickleWhere, "the pickle does not hold a dict; expected the state_dict saved by torch.save(model.state_dict(), path).");
        }

        var views = new List<KeyValuePair<string, TorchTensor>>(stateDict.Items.Count);
        foreach (KeyValuePair<object, object> item in stateDict.Items)
        {
            if (item.Key is not string name)
            {
                throw new ModelFormatException(file, pickleWhere, $"state_dict key {FileText.Excerpt(Convert.ToString(item.Key, CultureInfo.InvariantCulture))} is not a string.");
            }
            if (item.Value is not TorchTensor tensor)
            {
                throw new ModelFormatException(file, $"state_dict entry {FileText.Quote(name)}",
                    "is not a tensor; expected a plain state_dict (a checkpoint dict holding one must be unpacked before saving).");
            }
            views.Add(new KeyValuePair<string, TorchTensor>(name, tensor));
        }

        // Every view is checked and charged before the first storage is inflated.
        var assembler = new TorchTensorAssembler(content, byName, folder, meter);
        assembler.Plan(views);
        var tensors = new List<NamedTensor>(views.Count);
        foreach (KeyValuePair<string, TorchTensor> view in views)
        {
            tensors.Add(assembler.Assemble(view.Key, view.Value));
        }
        return StateDictMapper.Map(tensors, metadata, file, FormatName);
    }

    /// <summary>torch.save names the top folder after the file ("archive/", "model/"); it holds data.pkl.</summary>
    private static string FindArchiveFolder(List<ZipEntry> entries, string file)
    {
        string[] pickles = entries.Select(e => e.Name)
            .Where(n => n.EndsWith("/data.pkl", StringComparison.Ordinal) && n.IndexOf('/') == n.Length - "/data.pkl".Length)
            .ToArray();
        if (pickles.Length == 1) return pickles[0].Substring(0, pickles[0].Length - "data.pkl".Length);
        if (entries.Any(e => e.Name.EndsWith("/constants.pkl", StringComparison.Ordinal)))
        {
            throw new ModelFormatException(file, string.Empty,
                "this is a TorchScript archive (torch.jit.save); save the weights with torch.save(model.state_dict(), path).");
        }
        throw new ModelFormatException(file, string.Empty, pickles.Length == 0
            ? "the zip archive has no <folder>/data.pkl; expected a file written by torch.save(model.state_dict(), path)."
            : $"the zip archive has {pickles.Length} data.pkl entries; torch.save writes one.");
    }

    /// <summary>Newer torch versions record the storages' byte order; older ones (1.13) always wrote little-endian.</summary>
    private static void CheckByteOrder(byte[] content, Dictionary<string, ZipEntry> byName, string folder, ImportMeter meter)
    {
        if (!byName.TryGetValue(folder + "byteorder", out ZipEntry? entry)) return;
        // torch writes "little" or "big"; anything longer is not a byte order and is not worth inflating.
        const int LongestOrder = 64;
        if (entry.UncompressedSize > LongestOrder)
        {
            throw new ModelFormatException(meter.File, entry.Describe(),
                $"holds {entry.UncompressedSize} bytes; torch.save writes \"little\" or \"big\" there.");
        }
        string order = Encoding.ASCII.GetString(MinimalZipReader.Extract(content, entry, meter)).Trim();
        if (order != "little")
        {
            throw new ModelFormatException(meter.File, entry.Describe(), $"byte order is {FileText.Quote(order)}; only little-endian storages are supported.");
        }
    }
}
