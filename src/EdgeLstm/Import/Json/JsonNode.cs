using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace EdgeLstm.Import.Json;

/// <summary>
/// A parsed JSON value together with its path from the root (<c>layers[1].directions[0].recurrent_bias</c>) and
/// the file it came from, so that every typed read can fail with a <see cref="ModelFormatException"/> that says
/// exactly where the problem is. The JSON importers read through this type only.
/// </summary>
internal readonly struct JsonNode
{
    private readonly string _file;

    private JsonNode(JsonValue value, string path, string file)
    {
        Value = value;
        Path = path;
        _file = file;
    }

    public JsonValue Value { get; }

    /// <summary>The JSONPath-like location, empty for the root.</summary>
    public string Path { get; }

    public JsonKind Kind => Value.Kind;

    /// <summary>Parses <paramref name="text"/> within <paramref name="meter"/>'s budget and returns its root.</summary>
    public static JsonNode ParseRoot(string text, ImportMeter meter) => new(JsonReader.Parse(text, meter), string.Empty, meter.File);

    public ModelFormatException Error(string problem)
    {
        string offset = "JSON offset " + Value.Offset.ToString(CultureInfo.InvariantCulture);
        string location = Path.Length == 0 ? offset : $"{Path} ({offset})";
        return new ModelFormatException(_file, location, problem);
    }

    /// <summary>Requires an object; with <paramref name="allowedMembers"/>, also refuses members not listed (typos must not be ignored silently).</summary>
    public JsonNode ExpectObject(params string[] allowedMembers)
    {
        if (Kind != JsonKind.Object) throw Error($"expected an object, found {Describe()}.");
        if (allowedMembers.Length > 0)
        {
            foreach (KeyValuePair<string, JsonValue> member in Value.Members)
            {
                if (System.Array.IndexOf(allowedMembers, member.Key) < 0)
                {
                    throw Member(member.Key, member.Value).Error(
                        $"unexpected member {FileText.Quote(member.Key, '"')}; expected one of: {string.Join(", ", allowedMembers)}.");
                }
            }
        }
        return this;
    }

    public bool Has(string name) => Value[name] is not null;

    public JsonNode Required(string name)
    {
        ExpectObject();
        JsonValue? value = Value[name];
        if (value is null) throw Error($"missing member \"{name}\".");
        return Member(name, value);
    }

    public JsonNode? Optional(string name)
    {
        ExpectObject();
        JsonValue? value = Value[name];
        return value is null ? null : Member(name, value);
    }

    public IReadOnlyList<KeyValuePair<string, JsonNode>> Members()
    {
        ExpectObject();
        JsonNode self = this;
        return Value.Members.Select(m => new KeyValuePair<string, JsonNode>(m.Key, self.Member(m.Key, m.Value))).ToList();
    }

    public int Count => Value.Items.Count;

    public JsonNode ExpectArray()
    {
        if (Kind != JsonKind.Array) throw Error($"expected an array, found {Describe()}.");
        return this;
    }

    public JsonNode ExpectArray(int length, string what)
    {
        ExpectArray();
        if (Count != length) throw Error($"expected {what}: an array of {length} item(s), found {Count}.");
        return this;
    }

    public JsonNode Item(int index) => new(Value.Items[index], $"{Path}[{index.ToString(CultureInfo.InvariantCulture)}]", _file);

    public string AsString()
    {
        if (Kind != JsonKind.String) throw Error($"expected a string, found {Describe()}.");
        return Value.String!;
    }

    public bool AsBoolean()
    {
        if (Kind != JsonKind.Boolean) throw Error($"expected true or false, found {Describe()}.");
        return Value.Boolean;
    }

    /// <summary>An integer in [min, max], written without fraction or exponent.</summary>
    public int AsInt(int min, int max)
    {
        if (Kind != JsonKind.Number) throw Error($"expected an integer, found {Describe()}.");
        string text = Value.NumberText!;
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value))
        {
            throw Error($"expected an integer in {min}..{max}, found {FileText.Excerpt(text)}.");
        }
        if (value < min || value > max) throw Error($"{value} is outside {min}..{max}.");
        return value;
    }

    /// <summary>A finite number rounded once from its decimal text to float32.</summary>
    public float AsFloat()
    {
        if (Kind != JsonKind.Number) throw Error($"expected a number, found {Describe()}.");
        if (!JsonFloat.TryParse(Value.NumberText!, out float value))
        {
            throw Error($"{FileText.Excerpt(Value.NumberText)} is outside the float32 range.");
        }
        return value;
    }

    /// <summary>An array of exactly <paramref name="length"/> numbers.</summary>
    public float[] AsFloatVector(int length, string what)
    {
        ExpectArray();
        if (Count != length) throw Error($"{what} has {Count} value(s); expected {length}.");
        var values = new float[length];
        IReadOnlyList<JsonValue> items = Value.Items;
        for (int i = 0; i < length; i++)
        {
            JsonValue item = items[i];
            // The common case builds no path string; a bad item is re-read through Item(i) for its error message.
            if (item.Kind == JsonKind.Number && JsonFloat.TryParse(item.NumberText!, out float value))
            {
                values[i] = value;
            }
            else
            {
                values[i] = Item(i).AsFloat();
            }
        }
        return values;
    }

    /// <summary>
    /// A row-major [rows, columns] matrix written either as an array of <paramref name="rows"/> rows or as one
    /// flat array of rows × columns numbers.
    /// </summary>
    public float[] AsFloatMatrix(int rows, int columns, string what)
    {
        ExpectArray();
        long total = (long)rows * columns;
        if (Count > 0 && Item(0).Kind != JsonKind.Array)
        {
            if (Count != total) throw Error($"{what} has {Count} value(s) written flat; expected {rows} × {columns} = {total} (or {rows} rows).");
            return AsFloatVector((int)total, what);
        }
        if (Count != rows) throw Error($"{what} has {Count} row(s); expected {rows} rows of {columns}.");
        // Check every row's length before allocating, so the allocation is bounded by the numbers actually present.
        for (int r = 0; r < rows; r++)
        {
            JsonNode row = Item(r).ExpectArray();
            if (row.Count != columns) throw row.Error($"row {r} of {what} has {row.Count} value(s); expected {columns}.");
        }
        var values = new float[total];
        for (int r = 0; r < rows; r++)
        {
            float[] row = Item(r).AsFloatVector(columns, $"row {r} of {what}");
            System.Array.Copy(row, 0, values, (long)r * columns, columns);
        }
        return values;
    }

    // The path is only ever shown in messages, so a member name from the file is shortened there like any file text.
    private JsonNode Member(string name, JsonValue value)
    {
        string shown = name.Length <= FileText.MaxQuotedCharacters && IsIdentifier(name) ? name : FileText.Quote(name, '"');
        return new(value, Path.Length == 0 ? shown : $"{Path}.{shown}", _file);
    }

    private static bool IsIdentifier(string name)
    {
        foreach (char c in name)
        {
            if (!(char.IsLetterOrDigit(c) || c == '_' || c == '-')) return false;
        }
        return name.Length > 0;
    }

    private string Describe() => Kind switch
    {
        JsonKind.Null => "null",
        JsonKind.Boolean => Value.Boolean ? "true" : "false",
        JsonKind.Number => $"the number {FileText.Excerpt(Value.NumberText)}",
        JsonKind.String => $"the string {FileText.Quote(Value.String, '"')}",
        JsonKind.Array => $"an array of {Value.Items.Count} item(s)",
        _ => "an object",
    };
}
