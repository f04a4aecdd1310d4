using System;
using System.Collections.Generic;
using System.IO;
using EdgeLstm.Iot.Sources;
using Xunit;

namespace EdgeLstm.Iot.Tests.Sources;

public sealed class TextLineReaderTests
{
    private static List<string> ReadAll(string text, int maxLineLength = 4096)
    {
        using var reader = new TextLineReader(new StringReader(text), maxLineLength);
        var lines = new List<string>();
        while (reader.TryReadLine(out var line))
        {
            lines.Add(line.ToString());
        }

        return lines;
    }

    [Fact]
    public void SplitsOnLfCrLfAndCr() => Assert.Equal(["a", "b", "c", "d"], ReadAll("a\nb\r\nc\rd"));

    [Fact]
    public void KeepsEmptyLinesAndALastLineWithoutTerminator() => Assert.Equal(["x", "", "y"], ReadAll("x\n\ny"));

    [Fact]
    public void CrLfSplitAcrossBufferRefillsIsOneTerminator()
    {
        // 15 chars + CR fill a 16-char buffer exactly; the LF arrives with the next read.
        string first = new('a', 15);
        Assert.Equal([first, "b"], ReadAll(first + "\r\nb", maxLineLength: 16));
    }

    [Fact]
    public void OverlongLineIsTruncatedAndTheRestDropped()
    {
        var lines = ReadAll(new string('z', 100) + "\nnext\n", maxLineLength: 16);
        Assert.Equal(new string('z', 16), lines[0]);
        Assert.Equal("next", lines[^1]);
        Assert.DoesNotContain(lines, l => l.Length > 0 && l != "next" && l != new string('z', 16));
    }
}
