using System;
using System.Text;

namespace EdgeLstm.Generator.Emit;

/// <summary>
/// Writes C# source line by line with four-space indentation, like the writers of the Regex and logging generators.
/// Blocks are opened and closed explicitly so that the emitting code reads like the code it emits.
/// </summary>
internal sealed class IndentedWriter
{
    private readonly StringBuilder _text = new();
    private int _depth;

    /// <summary>Writes one line at the current indentation (an empty line stays empty).</summary>
    public void Line(string line = "")
    {
        if (line.Length != 0)
        {
            _text.Append(' ', _depth * 4);
        }
        _text.Append(line).Append('\n');
    }

    /// <summary>Writes <paramref name="header"/> (unless empty), an opening brace, and indents.</summary>
    public void Open(string header = "")
    {
        if (header.Length != 0)
        {
            Line(header);
        }
        Line("{");
        _depth++;
    }

    /// <summary>Outdents and writes the closing brace, followed by <paramref name="suffix"/> (e.g. ";").</summary>
    public void Close(string suffix = "")
    {
        if (_depth == 0)
        {
            throw new InvalidOperationException("Close without a matching Open.");
        }
        _depth--;
        Line("}" + suffix);
    }

    /// <summary>Writes each line of a multi-line comment as "// ...".</summary>
    public void Comment(string text)
    {
        foreach (string line in text.Split('\n'))
        {
            Line(line.Length == 0 ? "//" : "// " + line);
        }
    }

    public override string ToString() => _text.ToString();
}
