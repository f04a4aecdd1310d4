using System.Globalization;
using System.Text;

namespace EdgeLstm.Import;

/// <summary>
/// Text taken from a weight file (a tensor name, dtype, op type, byte order, key), made safe to put in a message: at
/// most <see cref="MaxQuotedCharacters"/> characters, then "…" and the full length, with control characters escaped so
/// that a name holding a newline cannot forge a line of the build log. Every importer message quotes file text through
/// this one helper, so no file can make a message long.
/// </summary>
/// <remarks>Shared source: compiled into the runtime (net10.0) and the generator (netstandard2.0).</remarks>
internal static class FileText
{
    /// <summary>The most characters of one text quoted in a message.</summary>
    public const int MaxQuotedCharacters = 120;

    /// <summary>
    /// <c>'text'</c>, or <c>'first 120 characters…' (268,435,456 characters)</c> for a longer one; <paramref name="quote"/>
    /// is the quotation mark (<c>"</c> where the message quotes JSON strings).
    /// </summary>
    public static string Quote(string? text, char quote = '\'') => Format(text ?? string.Empty, quote.ToString());

    /// <summary>As <see cref="Quote"/> without quotation marks, for numbers and other text that reads plainly: <c>1.5e3</c>, <c>12345… (1,048,576 characters)</c>.</summary>
    public static string Excerpt(string? text) => Format(text ?? string.Empty, string.Empty);

    private static string Format(string text, string quote)
    {
        bool truncated = text.Length > MaxQuotedCharacters;
        if (!truncated && IsPlain(text)) return quote + text + quote;

        int shown = truncated ? MaxQuotedCharacters : text.Length;
        var builder = new StringBuilder(shown + 40).Append(quote);
        for (int i = 0; i < shown; i++)
        {
            char c = text[i];
            if (IsControl(c))
            {
                builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }
        if (!truncated) return builder.Append(quote).ToString();
        return builder.Append('…').Append(quote).Append(" (").Append(text.Length.ToString("N0", CultureInfo.InvariantCulture)).Append(" characters)").ToString();
    }

    private static bool IsPlain(string text)
    {
        foreach (char c in text)
        {
            if (IsControl(c)) return false;
        }
        return true;
    }

    // Line breaks and other control characters would let a name forge a line of a build log.
    private static bool IsControl(char c) => c < ' ' || c == '\u007F' || c is '\u0085' or '\u2028' or '\u2029';
}
