using System;
using System.Globalization;
using System.Threading;
using EdgeLstm.Import;
using Microsoft.CodeAnalysis.Text;

namespace EdgeLstm.Generator.Pipeline;

/// <summary>
/// Decodes the base64 text form of a binary weight file (written by build/EdgeLstm.targets) straight from the
/// compiler's <see cref="SourceText"/>, a chunk at a time: no string copy of the whole text (which is 2.7 times the
/// file in UTF-16), and nothing decoded at all when the text is longer than the largest weight file accepted.
/// </summary>
internal static class Base64Text
{
    private const int ChunkCharacters = 1 << 16; // a multiple of 4

    /// <summary>The longest text form: base64 of <see cref="ModelImporter.MaxFileBytes"/>.</summary>
    public const long MaxCharacters = (ModelImporter.MaxFileBytes + 2) / 3 * 4;

    /// <summary>The decoded bytes, or null (with <paramref name="problem"/>) when the text is not a weight file's base64 form.</summary>
    public static byte[]? TryDecode(SourceText text, CancellationToken cancellationToken, out string? problem)
    {
        problem = null;
        int length = text.Length;
        if (length > MaxCharacters)
        {
            problem = $"is {length.ToString("N0", CultureInfo.InvariantCulture)} characters long, more than the text form of the largest weight file accepted ({ModelImporter.MaxFileBytes.ToString("N0", CultureInfo.InvariantCulture)} bytes)";
            return null;
        }
        if (length % 4 != 0)
        {
            problem = "is not valid base64 (its length is not a multiple of 4)";
            return null;
        }
        int padding = length == 0 ? 0 : (text[length - 1] == '=' ? 1 : 0) + (length > 1 && text[length - 2] == '=' ? 1 : 0);
        var bytes = new byte[length / 4 * 3 - padding];
        var chars = new char[Math.Min(ChunkCharacters, Math.Max(length, 4))];
        int written = 0;
        try
        {
            for (int start = 0; start < length; start += chars.Length)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int count = Math.Min(chars.Length, length - start);
                text.CopyTo(start, chars, 0, count);
                byte[] decoded = Convert.FromBase64CharArray(chars, 0, count);
                if (decoded.Length > bytes.Length - written)
                {
                    problem = "is not valid base64 (padding inside the text)";
                    return null;
                }
                Buffer.BlockCopy(decoded, 0, bytes, written, decoded.Length);
                written += decoded.Length;
            }
        }
        catch (FormatException)
        {
            problem = "is not valid base64";
            return null;
        }
        if (written != bytes.Length)
        {
            problem = "is not valid base64 (padding inside the text)";
            return null;
        }
        return bytes;
    }
}
