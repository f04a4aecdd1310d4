using System.Collections.Generic;
using System.Globalization;
using System.Text;
using EdgeLstm.Cells;
using EdgeLstm.Model;
using EdgeLstm.Import.Json;
using static EdgeLstm.Import.Json.EdgeLstmJsonNames;

namespace EdgeLstm.Export;

/// <summary>
/// Writes a validated <see cref="NetworkModel"/> as EdgeLstm JSON: two-space indentation, one matrix row per line,
/// floats in their shortest round-trip form, optional members only when they differ from their defaults. The reader
/// (Import/Json/EdgeLstmJsonReader.cs) shares its names through <see cref="EdgeLstmJsonNames"/>.
/// </summary>
internal sealed class EdgeLstmJsonWriter
{
    private readonly StringBuilder _text = new();
    private int _indent;

    private EdgeLstmJsonWriter()
    {
    }

    public static string Write(NetworkModel model)
    {
        var writer = new EdgeLstmJsonWriter();
        writer.WriteModel(model);
        return writer._text.ToString();
    }

    private void WriteModel(NetworkModel model)
    {
        Open('{');
        Member("format"); String(FormatName); Next();
        Member("version"); _text.Append(Version.ToString(CultureInfo.InvariantCulture)); Next();
        Member("metadata"); WriteMetadata(model.Metadata); Next();
        if (model.Normalization is { } normalization)
        {
            Member("normalization");
            Open('{');
            Member("mean"); Vector(normalization.Mean); Next();
            Member("std"); Vector(normalization.Std);
            Close('}');
            Next();
        }
        Member("layers");
        Open('[');
        for (int i = 0; i < model.Layers.Count; i++)
        {
            if (i > 0) Next();
            switch (model.Layers[i])
            {
                case RecurrentLayer recurrent: WriteRecurrent(recurrent); break;
                case DenseLayer dense: WriteDense(dense); break;
                default: throw new System.ArgumentException($"Layer {i} is a {model.Layers[i].GetType().Name}, which EdgeLstm JSON cannot describe.", nameof(model));
            }
        }
        Close(']');
        Close('}');
        _text.Append('\n');
    }

    private void WriteMetadata(ModelMetadata metadata)
    {
        var fields = new List<(string Name, string Value)>();
        if (metadata.Name is { } name) fields.Add(("name", name));
        if (metadata.SourceFile is { } source) fields.Add(("source_file", source));
        if (metadata.Format is { } format) fields.Add(("format", format));
        if (metadata.Producer is { } producer) fields.Add(("producer", producer));
        if (fields.Count == 0 && metadata.Properties.IsEmpty)
        {
            _text.Append("{}");
            return;
        }

        Open('{');
        for (int i = 0; i < fields.Count; i++)
        {
            if (i > 0) Next();
            Member(fields[i].Name);
            String(fields[i].Value);
        }
        if (!metadata.Properties.IsEmpty)
        {
            if (fields.Count > 0) Next();
            Member("properties");
            WriteProperties(metadata.Properties);
        }
        Close('}');
    }

    private void WriteProperties(EquatableArray<MetadataEntry> properties)
    {
        var keys = new HashSet<string>();
        bool unique = true;
        foreach (MetadataEntry entry in properties) unique &= keys.Add(entry.Key);

        Open(unique ? '{' : '[');
        for (int i = 0; i < properties.Count; i++)
        {
            if (i > 0) Next();
            if (unique)
            {
                Member(properties[i].Key);
                String(properties[i].Value);
            }
            else
            {
                _text.Append("{\"key\": ");
                String(properties[i].Key);
                _text.Append(", \"value\": ");
                String(properties[i].Value);
                _text.Append('}');
            }
        }
        Close(unique ? '}' : ']');
    }

    private void WriteRecurrent(RecurrentLayer layer)
    {
        Open('{');
        Member("type"); String("recurrent"); Next();
        Member("cell"); String(Name(layer.Cell)); Next();
        Member("input_size"); Integer(layer.Input); Next();
        Member("hidden_size"); Integer(layer.Hidden); Next();
        if (layer.HasProjection)
        {
            Member("projection_size"); Integer(layer.ProjectionSize); Next();
        }
        Member("direction"); String(Name(layer.Direction)); Next();
        if (layer.Clip is { } clip)
        {
            Member("clip"); Float(clip); Next();
        }
        if (layer.InputForget)
        {
            Member("input_forget"); _text.Append("true"); Next();
        }
        // Always explicit for a cell that has the option (GRU), where it changes the equations; other cells ignore it,
        // so it is written only when it differs from the default (to stay lossless).
        if (HasOption(layer, "linear_before_reset") || !layer.LinearBeforeReset)
        {
            Member("linear_before_reset"); _text.Append(layer.LinearBeforeReset ? "true" : "false"); Next();
        }
        Member("directions");
        Open('[');
        for (int d = 0; d < layer.Directions.Count; d++)
        {
            if (d > 0) Next();
            WriteDirection(layer.Directions[d], layer.Input, layer.Hidden, layer.OutputsPerDirection);
        }
        Close(']');
        Close('}');
    }

    private static bool HasOption(RecurrentLayer layer, string name)
    {
        foreach (CellOption option in layer.Definition.Options(layer))
        {
            if (option.Name == name) return true;
        }
        return false;
    }

    private void WriteDirection(DirectionWeights weights, int input, int hidden, int outputs)
    {
        Open('{');
        Member("input_weights"); Matrix(weights.InputWeights, input); Next();
        Member("recurrent_weights"); Matrix(weights.RecurrentWeights, outputs); Next();
        Member("input_bias"); Vector(weights.InputBias); Next();
        Member("recurrent_bias"); Vector(weights.RecurrentBias); Next();
        if (!weights.Peepholes.IsEmpty)
        {
            Member("peepholes"); Vector(weights.Peepholes); Next();
        }
        if (!weights.ProjectionWeights.IsEmpty)
        {
            Member("projection_weights"); Matrix(weights.ProjectionWeights, hidden); Next();
        }
        Member("activations");
        _text.Append('[');
        for (int i = 0; i < weights.Activations.Count; i++)
        {
            if (i > 0) _text.Append(", ");
            Activation(weights.Activations[i]);
        }
        _text.Append(']');
        Close('}');
    }

    private void WriteDense(DenseLayer layer)
    {
        Open('{');
        Member("type"); String("dense"); Next();
        Member("input_size"); Integer(layer.Inputs); Next();
        Member("output_size"); Integer(layer.Outputs); Next();
        Member("weights"); Matrix(layer.Weights, layer.Inputs); Next();
        Member("bias"); Vector(layer.Bias); Next();
        Member("activation"); Activation(layer.Activation);
        Close('}');
    }

    /// <summary>The bare name when the function has no parameters and alpha, beta are +0; otherwise the object form.</summary>
    private void Activation(ActivationFunction activation)
    {
        (bool usesAlpha, bool usesBeta) = Parameters(activation.Kind);
        bool writeAlpha = usesAlpha || !IsPositiveZero(activation.Alpha);
        bool writeBeta = usesBeta || !IsPositiveZero(activation.Beta);
        if (!writeAlpha && !writeBeta)
        {
            String(Name(activation.Kind));
            return;
        }
        _text.Append("{\"kind\": ");
        String(Name(activation.Kind));
        if (writeAlpha)
        {
            _text.Append(", \"alpha\": ");
            Float(activation.Alpha);
        }
        if (writeBeta)
        {
            _text.Append(", \"beta\": ");
            Float(activation.Beta);
        }
        _text.Append('}');
    }

    private static bool IsPositiveZero(float value) => value == 0f && 1f / value > 0f;

    private void Matrix(EquatableArray<float> values, int columns)
    {
        Open('[');
        float[] items = values.AsArray();
        for (int row = 0; row * columns < items.Length; row++)
        {
            if (row > 0) Next();
            Row(items, row * columns, columns);
        }
        Close(']');
    }

    private void Vector(EquatableArray<float> values)
    {
        float[] items = values.AsArray();
        Row(items, 0, items.Length);
    }

    private void Row(float[] items, int start, int count)
    {
        _text.Append('[');
        for (int i = 0; i < count; i++)
        {
            if (i > 0) _text.Append(", ");
            Float(items[start + i]);
        }
        _text.Append(']');
    }

    private void Float(float value) => _text.Append(JsonFloat.Format(value));

    private void Integer(int value) => _text.Append(value.ToString(CultureInfo.InvariantCulture));

    private void Member(string name)
    {
        String(name);
        _text.Append(": ");
    }

    private void Open(char bracket)
    {
        _text.Append(bracket);
        _indent++;
        NewLine();
    }

    private void Close(char bracket)
    {
        _indent--;
        NewLine();
        _text.Append(bracket);
    }

    private void Next()
    {
        _text.Append(',');
        NewLine();
    }

    private void NewLine() => _text.Append('\n').Append(' ', 2 * _indent);

    /// <summary>A JSON string literal. Unpaired surrogates are escaped so that the UTF-8 file keeps them exactly.</summary>
    private void String(string value)
    {
        _text.Append('"');
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            switch (c)
            {
                case '"': _text.Append("\\\""); break;
                case '\\': _text.Append("\\\\"); break;
                case '\n': _text.Append("\\n"); break;
                case '\r': _text.Append("\\r"); break;
                case '\t': _text.Append("\\t"); break;
                default:
                    if (c < ' ' || (char.IsSurrogate(c) && !IsPairedSurrogate(value, i)))
                    {
                        _text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        _text.Append(c);
                    }
                    break;
            }
        }
        _text.Append('"');
    }

    private static bool IsPairedSurrogate(string value, int index)
        => char.IsHighSurrogate(value[index])
            ? index + 1 < value.Length && char.IsLowSurrogate(value[index + 1])
            : index > 0 && char.IsHighSurrogate(value[index - 1]);
}
