using System.Collections;
using System.Collections.Generic;
using System.Globalization;

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
/// <remarks>
/// An array of numbers only (a weight row) keeps just where each number starts in the text: 4 bytes per number rather
/// than an object each, so a model's weights cost about as much memory as their text. Its <see cref="Items"/> make a
/// value per access.
/// </remarks>
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

    /// <summary>The number's value as a double (parsed from <see cref="NumberText"/> when asked).</summary>
    public double Number => NumberText is null ? 0 : double.Parse(NumberText, NumberStyles.Float, CultureInfo.InvariantCulture);

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

    internal static JsonValue FromNumber(string text, long offset) => new(JsonKind.Number, offset) { NumberText = text };

    internal static JsonValue FromString(string value, long offset) => new(JsonKind.String, offset) { String = value };

    internal static JsonValue FromItems(List<JsonValue> items, long offset) => new(JsonKind.Array, offset) { Items = items };

    /// <summary>An array of <paramref name="count"/> numbers starting at the given offsets of <paramref name="text"/>.</summary>
    internal static JsonValue FromNumbers(string text, int[] starts, int count, long offset)
        => new(JsonKind.Array, offset) { Items = new NumberArray(text, starts, count) };

    internal static JsonValue FromMembers(List<KeyValuePair<string, JsonValue>> members, long offset) => new(JsonKind.Object, offset) { Members = members };

    /// <summary>The end of the number token that starts at <paramref name="start"/> (the reader has checked its grammar).</summary>
    internal static int NumberEnd(string text, int start)
    {
        int end = start;
        while (end < text.Length && text[end] is (>= '0' and <= '9') or '-' or '+' or '.' or 'e' or 'E') end++;
        return end;
    }

    /// <summary>Numbers kept as their starts in the source text; each access makes a short-lived value.</summary>
    private sealed class NumberArray : IReadOnlyList<JsonValue>
    {
        private readonly string _text;
        private readonly int[] _starts;

        public NumberArray(string text, int[] starts, int count)
        {
            _text = text;
            _starts = starts;
            Count = count;
        }

        public int Count { get; }

        public JsonValue this[int index]
        {
            get
            {
                if ((uint)index >= (uint)Count) throw new System.ArgumentOutOfRangeException(nameof(index));
                int start = _starts[index];
                return FromNumber(_text.Substring(start, NumberEnd(_text, start) - start), start);
            }
        }

        public IEnumerator<JsonValue> GetEnumerator()
        {
            for (int i = 0; i < Count; i++) yield return this[i];
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
