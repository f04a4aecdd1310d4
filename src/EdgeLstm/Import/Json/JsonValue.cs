using System.Collections.Generic;

namespace EdgeLstm.Import.Json;

public enum JsonKind
{
    Null,
    Boolean,
    Number,
    String,
    Array,
    Object,
}

/// <summary>
/// A parsed JSON value. The import code carries its own small reader because it also runs inside the
/// compiler (netstandard2.0), where System.Text.Json is not guaranteed to load.
/// </summary>
public sealed class JsonValue
{
    private JsonValue(JsonKind kind, long offset)
    {
        Kind = kind;
        Offset = offset;
    }

    public JsonKind Kind { get; }

    /// <summary>Character offset of the value in the text, for error messages.</summary>
    public long Offset { get; }

    public bool Boolean { get; private set; }

    public double Number { get; private set; }

    /// <summary>The number's text as written, so that callers can parse float32 values without a double detour.</summary>
    public string? NumberText { get; private set; }

    public string? String { get; private set; }

    public IReadOnlyList<JsonValue> Items { get; private set; } = System.Array.Empty<JsonValue>();

    /// <summary>Object members in document order; duplicate keys are rejected by the reader.</summary>
    public IReadOnlyList<KeyValuePair<string, JsonValue>> Members { get; private set; } = System.Array.Empty<KeyValuePair<string, JsonValue>>();

    public JsonValue? this[string key]
    {
        get
        {
            foreach (KeyValuePair<string, JsonValue> member in Members)
            {
                if (member.Key == key) return member.Value;
            }
            return null;
        }
    }

    internal static JsonValue Null(long offset) => new(JsonKind.Null, offset);

    internal static JsonValue FromBoolean(bool value, long offset) => new(JsonKind.Boolean, offset) { Boolean = value };

    internal static JsonValue FromNumber(double value, string text, long offset) => new(JsonKind.Number, offset) { Number = value, NumberText = text };

    internal static JsonValue FromString(string value, long offset) => new(JsonKind.String, offset) { String = value };

    internal static JsonValue FromItems(List<JsonValue> items, long offset) => new(JsonKind.Array, offset) { Items = items };

    internal static JsonValue FromMembers(List<KeyValuePair<string, JsonValue>> members, long offset) => new(JsonKind.Object, offset) { Members = members };
}
