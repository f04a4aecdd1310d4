using System;
using System.Collections.Generic;
using System.Linq;
using EdgeLstm.Model;

namespace EdgeLstm.Import;

/// <summary>
/// Architecture facts that some weight files cannot carry. A PyTorch <c>.pt</c> state_dict holds tensors only, so an
/// RNN's relu nonlinearity or a head's sigmoid/softmax must come from the user; safetensors files normally say them in
/// <c>__metadata__</c>. The keys are safetensors' metadata keys: <c>cell</c>, <c>head_activation</c>,
/// <c>nonlinearity</c>, <c>input_mean</c>, <c>input_std</c>.
/// </summary>
/// <remarks>
/// For safetensors a key the file already sets must agree with the option; for ONNX and JSON files, which describe
/// the whole network themselves, any option is an error rather than silently ignored.
/// Shared source: compiled into the runtime (net10.0) and the generator (netstandard2.0).
/// </remarks>
public sealed record ImportOptions(EquatableArray<MetadataEntry> Metadata)
{
    public static ImportOptions None { get; } = new(EquatableArray<MetadataEntry>.Empty);

    private readonly long _maxParameters = ImportBudget.DefaultMaxParameters;

    /// <summary>True when no architecture facts are given (<see cref="MaxParameters"/> is not one).</summary>
    public bool IsEmpty => Metadata.IsEmpty;

    /// <summary>
    /// The model size limit the import budgets derive from (see <see cref="ImportBudget"/>); the generator sets it from
    /// <c>EdgeLstmMaxParameters</c>. Raise it for a legitimate file that a budget refuses.
    /// </summary>
    public long MaxParameters
    {
        get => _maxParameters;
        init => _maxParameters = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(MaxParameters), value, "must be positive.");
    }

    /// <summary>Options from key/value pairs; null or empty values are left out.</summary>
    public static ImportOptions From(params (string Key, string? Value)[] entries)
        => new(entries.Where(e => !string.IsNullOrEmpty(e.Value)).Select(e => new MetadataEntry(e.Key, e.Value!)).ToArray());

    /// <summary>The options merged under what the file itself says; a disagreement is an error naming both values.</summary>
    internal IReadOnlyList<MetadataEntry> MergeUnder(IReadOnlyList<MetadataEntry> fromFile, string file)
    {
        var merged = new List<MetadataEntry>(fromFile);
        foreach (MetadataEntry option in Metadata)
        {
            MetadataEntry? existing = fromFile.FirstOrDefault(e => e.Key == option.Key);
            if (existing is null)
            {
                merged.Add(option);
            }
            else if (!string.Equals(existing.Value, option.Value, StringComparison.OrdinalIgnoreCase))
            {
                throw new ModelFormatException(file, "__metadata__",
                    $"the file says {option.Key}={FileText.Excerpt(existing.Value)} but {option.Key}={option.Value} was requested.");
            }
        }
        return merged;
    }
}
