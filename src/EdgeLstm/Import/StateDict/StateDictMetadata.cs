using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using EdgeLstm.Cells;
using EdgeLstm.Import.Json;
using EdgeLstm.Model;

namespace EdgeLstm.Import.StateDict;

/// <summary>
/// The string metadata that travels with a state_dict (safetensors' <c>__metadata__</c>) and what EdgeLstm reads
/// from it: <c>cell</c>, <c>head_activation</c>, <c>nonlinearity</c>, <c>input_mean</c> and <c>input_std</c>.
/// Other keys are kept as properties only. A known key with a value outside its vocabulary is an error: guessing
/// would silently compute a different network.
/// </summary>
internal sealed class StateDictMetadata
{
    public const string CellKey = "cell", HeadActivationKey = "head_activation", NonlinearityKey = "nonlinearity";
    public const string InputMeanKey = "input_mean", InputStdKey = "input_std";

    private StateDictMetadata()
    {
    }

    /// <summary>The cell the metadata declares, or null when it does not say.</summary>
    public CellDefinition? Cell { get; private set; }

    /// <summary>The head's activation; Identity when not given.</summary>
    public ActivationFunction HeadActivation { get; private set; } = ActivationFunction.Identity;

    /// <summary>True when <c>head_activation</c> named something other than "none".</summary>
    public bool HasHeadActivation => HeadActivation.Kind != ActivationKind.Identity;

    /// <summary>The RNN nonlinearity, or null when not given (PyTorch's default is tanh).</summary>
    public ActivationFunction? Nonlinearity { get; private set; }

    public float[]? InputMean { get; private set; }

    public float[]? InputStd { get; private set; }

    public static StateDictMetadata Parse(IReadOnlyList<MetadataEntry> entries, string file)
    {
        var metadata = new StateDictMetadata();
        foreach (MetadataEntry entry in entries)
        {
            string value = entry.Value.Trim();
            switch (entry.Key)
            {
                case CellKey:
                    metadata.Cell = CellDefinition.FromId(value) ?? throw new ModelFormatException(file, $"metadata '{entry.Key}'",
                        $"value '{value}' is not recognised; expected {string.Join(", ", CellDefinition.All.Select(c => c.Id))}.");
                    break;
                case HeadActivationKey:
                    metadata.HeadActivation = ParseWord(value, file, entry.Key, "none, sigmoid, tanh, relu or softmax",
                        ("none", ActivationFunction.Identity), ("sigmoid", ActivationFunction.Sigmoid), ("tanh", ActivationFunction.Tanh),
                        ("relu", ActivationFunction.Relu), ("softmax", ActivationFunction.Softmax));
                    break;
                case NonlinearityKey:
                    metadata.Nonlinearity = ParseWord(value, file, entry.Key, "tanh or relu",
                        ("tanh", ActivationFunction.Tanh), ("relu", ActivationFunction.Relu));
                    break;
                case InputMeanKey:
                    metadata.InputMean = ParseNumbers(value, file, entry.Key);
                    break;
                case InputStdKey:
                    metadata.InputStd = ParseNumbers(value, file, entry.Key);
                    break;
            }
        }
        if ((metadata.InputMean is null) != (metadata.InputStd is null))
        {
            throw new ModelFormatException(file, "metadata",
                $"'{InputMeanKey}' and '{InputStdKey}' come as a pair; only one of them is present.");
        }
        return metadata;
    }

    private static T ParseWord<T>(string value, string file, string key, string expected, params (string Word, T Result)[] choices)
    {
        foreach ((string word, T result) in choices)
        {
            if (string.Equals(value, word, StringComparison.OrdinalIgnoreCase)) return result;
        }
        throw new ModelFormatException(file, $"metadata '{key}'", $"value '{value}' is not recognised; expected {expected}.");
    }

    private static float[] ParseNumbers(string value, string file, string key)
    {
        string where = $"metadata '{key}'";
        JsonValue array = JsonReader.Parse(value, $"{file} ({where})");
        if (array.Kind != JsonKind.Array || array.Items.Count == 0)
        {
            throw new ModelFormatException(file, where, "expected a non-empty JSON array of numbers, one per input channel.");
        }
        var numbers = new float[array.Items.Count];
        for (int i = 0; i < numbers.Length; i++)
        {
            JsonValue item = array.Items[i];
            if (item.Kind != JsonKind.Number ||
                !float.TryParse(item.NumberText, NumberStyles.Float, CultureInfo.InvariantCulture, out numbers[i]) ||
                float.IsInfinity(numbers[i]))
            {
                throw new ModelFormatException(file, where, $"item {i} is not a finite float32 number.");
            }
        }
        return numbers;
    }
}
