using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace EdgeLstm.Import.Json;

/// <summary>
/// A strict RFC 8259 reader with bounded nesting. Malformed input raises <see cref="ModelFormatException"/>
/// naming the file and the character offset; nothing recurses deeper than <see cref="MaxDepth"/>, so a hostile
/// file cannot overflow the stack.
/// </summary>
public sealed class JsonReader
{
    public const int MaxDepth = 64;

    private readonly string _text;
    private readonly string _file;
    private int _position;

    private JsonReader(string text, string file)
    {
        _text = text;
        _file = file;
    }

    public static JsonValue Parse(string text, string file)
    {
        var reader = new JsonReader(text, file);
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
        switch (c)
        {
            case '{': return ReadObject(depth);
            case '[': return ReadArray(depth);
            case '"': return JsonValue.FromString(ReadString(), start);
            case 't': ExpectLiteral("true"); return JsonValue.FromBoolean(true, start);
            case 'f': ExpectLiteral("false"); return JsonValue.FromBoolean(false, start);
            case 'n': ExpectLiteral("null"); return JsonValue.Null(start);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) return ReadNumber();
                // Python's json.dump writes NaN and Infinity for non-finite floats; name them so the user knows.
                if (c == 'N' || c == 'I') throw Error("NaN or Infinity in JSON: weights must be finite numbers.");
                throw Error($"unexpected character '{c}'.");
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
            string key = ReadString();
            if (!seen.Add(key))
            {
                _position = keyOffset;
                throw Error($"duplicate member \"{key}\".");
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

    private JsonValue ReadArray(int depth)
    {
        int start = _position++;
        var items = new List<JsonValue>();
        SkipWhitespace();
        if (Peek() == ']')
        {
            _position++;
            return JsonValue.FromItems(items, start);
        }
        while (true)
        {
            SkipWhitespace();
            items.Add(ReadValue(depth + 1));
            SkipWhitespace();
            char next = Peek();
            _position++;
            if (next == ']') return JsonValue.FromItems(items, start);
            if (next != ',') { _position--; throw Error("expected ',' or ']' in an array."); }
        }
    }

    private string ReadString()
    {
        Expect('"');
        var builder = new StringBuilder();
        while (true)
        {
            if (_position >= _text.Length) throw Error("unterminated string (truncated file?).");
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
                    throw Error($"unknown escape '\\{escape}'.");
            }
        }
    }

    private JsonValue ReadNumber()
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
        string text = _text.Substring(start, _position - start);
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || double.IsInfinity(value))
        {
            _position = start;
            throw Error($"number '{text}' is out of range.");
        }
        return JsonValue.FromNumber(value, text, start);
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
