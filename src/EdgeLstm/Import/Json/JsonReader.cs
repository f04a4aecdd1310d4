using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace EdgeLstm.Import.Json;

/// <summary>
/// A strict RFC 8259 reader with bounded nesting. Malformed input raises <see cref="ModelFormatException"/>
/// naming the file and the character offset; nothing recurses deeper than <see cref="MaxDepth"/>, so a hostile
/// file cannot overflow the stack, and every value and string is charged to the import's budget as it is read, so it
/// cannot exhaust memory either.
/// </summary>
public sealed class JsonReader
{
    public const int MaxDepth = 64;

    private const string ValueBudget = "JSON values outside number arrays (objects, arrays, strings, literals, member names)";
    private const string NumberBudget = "JSON numbers";

    private readonly string _text;
    private readonly ImportMeter _meter;
    private readonly string _file;
    private int _position;

    private JsonReader(string text, ImportMeter meter)
    {
        _text = text;
        _meter = meter;
        _file = meter.File;
    }

    /// <summary>Parses a whole JSON document within the default import budget for text of its length.</summary>
    public static JsonValue Parse(string text, string file)
    {
        if (text is null) throw new System.ArgumentNullException(nameof(text));
        if (file is null) throw new System.ArgumentNullException(nameof(file));
        return Parse(text, ImportMeter.For(text.Length, file));
    }

    /// <summary>Parses a whole JSON document within <paramref name="meter"/>'s budget.</summary>
    internal static JsonValue Parse(string text, ImportMeter meter)
    {
        var reader = new JsonReader(text, meter);
        reader.SkipWhitespace();
        if (reader._position < text.Length && text[reader._position] == '\uFEFF')
        {
            reader._position++;
            reader.SkipWhitespace();
        }
        JsonValue value = reader.ReadValue(0);
        reader.SkipWhitespace();
        if (reader._position != text.Length)
        {
            throw reader.Error("unexpected text after the JSON value.");
        }
        return value;
    }

    private JsonValue ReadValue(int depth)
    {
        if (depth > MaxDepth)
        {
            throw Error($"JSON nested deeper than {MaxDepth} levels.");
        }
        if (_position >= _text.Length)
        {
            throw Error("the JSON text ends where a value was expected (truncated file?).");
        }

        int start = _position;
        char c = _text[_position];
        // Every value read here becomes an object; numbers count as numbers too (the compact arrays hold only those).
        _meter.ChargeObjects(1, ValueBudget, "JSON", start);
        if (c == '-' || (c >= '0' && c <= '9'))
        {
            _meter.ChargeNumbers(1, NumberBudget, "JSON", start);
            ScanNumber();
            return JsonValue.FromNumber(_text.Substring(start, _position - start), start);
        }
        switch (c)
        {
            case '{': return ReadObject(depth);
            case '[': return ReadArray(depth);
            case '"': return JsonValue.FromString(ReadString(), start);
            case 't': ExpectLiteral("true"); return JsonValue.FromBoolean(true, start);
            case 'f': ExpectLiteral("false"); return JsonValue.FromBoolean(false, start);
            case 'n': ExpectLiteral("null"); return JsonValue.Null(start);
            default:
                // Python's json.dump writes NaN and Infinity for non-finite floats; name them so the user knows.
                if (c == 'N' || c == 'I') throw Error("NaN or Infinity in JSON: weights must be finite numbers.");
                throw Error($"unexpected character {FileText.Quote(c.ToString())}."); // a control character shows escaped
        }
    }

    private JsonValue ReadObject(int depth)
    {
        int start = _position++;
        var members = new List<KeyValuePair<string, JsonValue>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        SkipWhitespace();
        if (Peek() == '}')
        {
            _position++;
            return JsonValue.FromMembers(members, start);
        }
        while (true)
        {
            SkipWhitespace();
            if (Peek() != '"') throw Error("expected a quoted member name.");
            int keyOffset = _position;
            _meter.ChargeObjects(1, ValueBudget, "JSON", keyOffset);
            string key = ReadString();
            if (!seen.Add(key))
            {
                _position = keyOffset;
                throw Error($"duplicate member {FileText.Quote(key, '"')}.");
            }
            SkipWhitespace();
            Expect(':');
            SkipWhitespace();
            members.Add(new KeyValuePair<string, JsonValue>(key, ReadValue(depth + 1)));
            SkipWhitespace();
            char next = Peek();
            _position++;
            if (next == '}') return JsonValue.FromMembers(members, start);
            if (next != ',') { _position--; throw Error("expected ',' or '}' in an object."); }
        }
    }

    // An array holding numbers only (a weight row) is kept as the offsets where they start; the first item of any other
    // kind turns it into an ordinary array of values.
    private JsonValue ReadArray(int depth)
    {
        int start = _position++;
        List<JsonValue>? items = null;
        int[] numbers = System.Array.Empty<int>();
        int numberCount = 0;
        SkipWhitespace();
        if (Peek() == ']')
        {
            _position++;
            return JsonValue.FromItems(new List<JsonValue>(), start);
        }
        while (true)
        {
            SkipWhitespace();
            char c = Peek();
            if (items is null && (c == '-' || (c >= '0' && c <= '9')))
            {
                _meter.ChargeNumbers(1, NumberBudget, "JSON", _position);
                if (numberCount == numbers.Length) System.Array.Resize(ref numbers, System.Math.Max(8, 2 * numbers.Length));
                numbers[numberCount++] = _position;
                ScanNumber();
            }
            else
            {
                if (items is null)
                {
                    items = new List<JsonValue>(numberCount + 1);
                    for (int i = 0; i < numberCount; i++)
                    {
                        _meter.ChargeObjects(1, ValueBudget, "JSON", numbers[i]);
                        int end = JsonValue.NumberEnd(_text, numbers[i]);
                        items.Add(JsonValue.FromNumber(_text.Substring(numbers[i], end - numbers[i]), numbers[i]));
                    }
                }
                items.Add(ReadValue(depth + 1));
            }
            SkipWhitespace();
            char next = Peek();
            _position++;
            if (next == ']')
            {
                return items is null ? JsonValue.FromNumbers(_text, numbers, numberCount, start) : JsonValue.FromItems(items, start);
            }
            if (next != ',') { _position--; throw Error("expected ',' or ']' in an array."); }
        }
    }

    private string ReadString()
    {
        int start = _position;
        Expect('"');
        var builder = new StringBuilder();
        while (true)
        {
            if (_position >= _text.Length) throw Error("unterminated string (truncated file?).");
            if (builder.Length > ImportBudget.MaxTextBytes) throw _meter.TextTooLong("a JSON string", "JSON", start);
            char c = _text[_position++];
            if (c == '"') return builder.ToString();
            if (c < ' ') { _position--; throw Error("control character inside a string."); }
            if (c != '\\')
            {
                builder.Append(c);
                continue;
            }
            if (_position >= _text.Length) throw Error("unterminated escape sequence.");
            char escape = _text[_position++];
            switch (escape)
            {
                case '"': builder.Append('"'); break;
                case '\\': builder.Append('\\'); break;
                case '/': builder.Append('/'); break;
                case 'b': builder.Append('\b'); break;
                case 'f': builder.Append('\f'); break;
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 't': builder.Append('\t'); break;
                case 'u':
                    if (_position + 4 > _text.Length ||
                        !int.TryParse(_text.Substring(_position, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int code))
                    {
                        throw Error("bad \\u escape.");
                    }
                    builder.Append((char)code);
                    _position += 4;
                    break;
                default:
                    _position--;
                    throw Error($"unknown escape {FileText.Quote("\\" + escape)}.");
            }
        }
    }

    /// <summary>Checks the number token at the current position and moves past it.</summary>
    private void ScanNumber()
    {
        int start = _position;
        if (Peek() == '-') _position++;
        if (Peek() == 'I')
        {
            _position = start;
            throw Error("NaN or Infinity in JSON: weights must be finite numbers.");
        }
        int integerStart = _position;
        int digits = SkipDigits();
        if (digits == 0) throw Error("a number needs digits.");
        if (digits > 1 && _text[integerStart] == '0')
        {
            // RFC 8259 forbids leading zeros; a reader that accepted "012" would disagree with every other one.
            _position = integerStart;
            throw Error("a number must not have leading zeros.");
        }
        if (Peek() == '.')
        {
            _position++;
            if (SkipDigits() == 0) throw Error("a number needs digits after '.'.");
        }
        if (Peek() is 'e' or 'E')
        {
            _position++;
            if (Peek() is '+' or '-') _position++;
            if (SkipDigits() == 0) throw Error("a number needs digits in its exponent.");
        }
        if (_position - start > ImportBudget.MaxTextBytes) throw _meter.TextTooLong("a JSON number", "JSON", start);
        string text = _text.Substring(start, _position - start);
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || double.IsInfinity(value))
        {
            _position = start;
            throw Error($"number {FileText.Quote(text)} is out of range.");
        }
    }

    private int SkipDigits()
    {
        int count = 0;
        while (_position < _text.Length && _text[_position] >= '0' && _text[_position] <= '9')
        {
            _position++;
            count++;
        }
        return count;
    }

    private void ExpectLiteral(string literal)
    {
        if (string.CompareOrdinal(_text, _position, literal, 0, literal.Length) != 0)
        {
            throw Error($"expected '{literal}'.");
        }
        _position += literal.Length;
    }

    private void Expect(char c)
    {
        if (Peek() != c) throw Error($"expected '{c}'.");
        _position++;
    }

    private char Peek() => _position < _text.Length ? _text[_position] : '\0';

    private void SkipWhitespace()
    {
        while (_position < _text.Length && _text[_position] is ' ' or '\t' or '\n' or '\r')
        {
            _position++;
        }
    }

    private ModelFormatException Error(string problem)
        => new(_file, $"JSON offset {_position.ToString(CultureInfo.InvariantCulture)}", problem);
}
