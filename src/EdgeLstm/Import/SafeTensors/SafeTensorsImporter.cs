using System;
using System.Collections.Generic;
using EdgeLstm.Import.StateDict;
using EdgeLstm.Model;

namespace EdgeLstm.Import.SafeTensors;

/// <summary>
/// Imports a PyTorch state_dict saved as safetensors (<c>safetensors.torch.save_file</c>). F32, F16, BF16 and F64
/// tensors are read; the <c>__metadata__</c> keys <c>cell</c>, <c>head_activation</c>, <c>nonlinearity</c>,
/// <c>input_mean</c> and <c>input_std</c> complete what the tensors alone cannot say.
/// </summary>
/// <remarks>Shared source: compiled into the runtime (net10.0) and the generator (netstandard2.0).</remarks>
public static class SafeTensorsImporter
{
    /// <summary>The name recorded in <see cref="ModelMetadata.Format"/>.</summary>
    public const string FormatName = "safetensors";

    /// <summary>Reads and validates a model from the bytes of a safetensors file.</summary>
    /// <param name="content">The whole file.</param>
    /// <param name="file">The file's name as the user knows it; every error message starts with it.</param>
    public static NetworkModel Import(byte[] content, string file) => Import(content, file, ImportOptions.None);

    /// <summary>Reads and validates a model; <paramref name="options"/> fill metadata keys the file does not set.</summary>
    public static NetworkModel Import(byte[] content, string file, ImportOptions options)
    {
        if (content is null) throw new ArgumentNullException(nameof(content));
        if (file is null) throw new ArgumentNullException(nameof(file));
        if (options is null) throw new ArgumentNullException(nameof(options));
        return Import(content, options, new ImportMeter(ImportBudget.For(content.Length, options.MaxParameters), file, default));
    }

    /// <summary>Reads a safetensors file within <paramref name="meter"/>'s budget.</summary>
    internal static NetworkModel Import(byte[] content, ImportOptions options, ImportMeter meter)
    {
        (List<NamedTensor> tensors, List<MetadataEntry> metadata) = SafeTensorsReader.Read(content, meter);
        return StateDictMapper.Map(tensors, options.MergeUnder(metadata, meter.File), meter.File, FormatName);
    }
}
