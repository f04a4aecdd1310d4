using System.Globalization;
using System.IO;
using System.Threading;
using EdgeLstm.Cli.Csv;
using EdgeLstm.Cli.Tests.Infrastructure;
using EdgeLstm.Testing;
using Xunit;

namespace EdgeLstm.Cli.Tests;

public sealed class CsvMatrixTests
{
    private static CsvMatrix Parse(string text) => CsvMatrix.Parse(new StringReader(text), "data.csv");

    [Fact]
    public void ReadsRowsWithoutHeader()
    {
        CsvMatrix csv = Parse("1,2.5,-3e-2\n4, 5 ,6\n");

        Assert.Null(csv.Header);
        Assert.Equal(2, csv.Rows);
        Assert.Equal(3, csv.Columns);
        Assert.Equal(new[] { 1, 2.5, -0.03, 4, 5, 6 }, csv.Values);
        Assert.Equal(new[] { 1, 2 }, csv.LineNumbers);
    }

    [Fact]
    public void DetectsAHeaderAndSkipsBlankAndCommentLines()
    {
        CsvMatrix csv = Parse("# exported by numpy\n\"a\",b\r\n\r\n0.5,1\n# note\n2,3\n");

        Assert.Equal(new[] { "a", "b" }, csv.Header);
        Assert.Equal(new[] { 0.5, 1, 2, 3 }, csv.Values);
        Assert.Equal(new[] { 4, 6 }, csv.LineNumbers);
    }

    [Fact]
    public void UsesTheInvariantCultureWhateverTheMachineLocale()
    {
        CultureInfo saved = Thread.CurrentThread.CurrentCulture;
        try
        {
            Thread.CurrentThread.CurrentCulture = new CultureInfo("de-DE");
            Assert.Equal(new[] { 1.5, 2 }, Parse("1.5,2").Values);
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = saved;
        }
    }

    [Theory]
    [InlineData("1,2\n3\n", "data.csv:2:", "expected 2")]
    [InlineData("x,y\n1,2\n3,4,5\n", "data.csv:3:", "like the header")]
    [InlineData("1,2\n3,abc\n", "data.csv:2:", "'abc'")]
    [InlineData("1,2\n3,1,5\n", "data.csv:2:", "3 field(s)")]
    [InlineData("1,2\nNaN,1\n", "data.csv:2:", "finite")]
    [InlineData("a,b\n1,Infinity\n", "data.csv:2:", "('b')")]
    [InlineData("a,,c\n1,2,3\n", "data.csv:1:", "empty")]
    [InlineData("", "data.csv:", "no data rows")]
    [InlineData("a,b\n", "data.csv:", "header but no data rows")]
    public void ErrorsNameTheFileAndLine(string text, string where, string what)
    {
        CsvFormatException error = Assert.Throws<CsvFormatException>(() => Parse(text));

        Assert.StartsWith(where, error.Message);
        Assert.Contains(what, error.Message);
    }

    [Theory]
    [InlineData("time;value\n1;2\n", "data.csv:1:", "';' (semicolons)")]
    [InlineData("1;2\n3;4\n", "data.csv:1:", "';' (semicolons)")]
    [InlineData("1,5;2,25\n3,0;4,5\n", "data.csv:1:", "';' (semicolons)")]    // a decimal comma with ';' between fields
    [InlineData("a\tb\n1\t2\n", "data.csv:1:", "tabs")]
    [InlineData("1\t2\n", "data.csv:1:", "tabs")]
    [InlineData("1.0 2.0 3.0\n4.0 5.0 6.0\n", "data.csv:1:", "spaces")]             // np.savetxt's default
    [InlineData("x,y\n1,2\n3;4\n", "data.csv:3:", "';' (semicolons)")]
    public void AnotherSeparatorIsNamed(string text, string where, string separator)
    {
        CsvFormatException error = Assert.Throws<CsvFormatException>(() => Parse(text));

        Assert.StartsWith(where, error.Message);
        Assert.Contains($"separated by {separator}", error.Message);
        Assert.Contains("comma-separated", error.Message);
    }

    [Fact]
    public void ValidateAndCalibrateNameTheSeparatorOfASemicolonFile()
    {
        GoldenCase golden = GoldenCase.Load("lstm_i3_h16_dense3");
        using var temp = new TempDirectory();
        string input = temp.File("in.csv");
        File.WriteAllText(input, "a;b;c\n1;2;3\n");

        foreach (string[] args in new[]
        {
            new[] { "validate", golden.AnyModel, "--input", input },
            new[] { "calibrate", golden.AnyModel, "--input", input, "--out", temp.File("cal.json") },
        })
        {
            CliResult result = Tool.Run(args);

            Assert.True(result.ExitCode == 2, result.ToString());
            Assert.StartsWith($"error: {input}:1: the fields are separated by ';' (semicolons)", result.Error);
        }
    }

    [Fact]
    public void HeaderNamesMayHoldSpaces()
    {
        CsvMatrix csv = Parse("sensor 1, sensor 2\n1, 2\n");

        Assert.Equal(new[] { "sensor 1", "sensor 2" }, csv.Header);
        Assert.Equal(new double[] { 1, 2 }, csv.Values);
    }

    [Fact]
    public void AMissingFileIsAFormatErrorNamingIt()
    {
        using var temp = new TempDirectory();
        string path = temp.File("missing.csv");

        CsvFormatException error = Assert.Throws<CsvFormatException>(() => CsvMatrix.Load(path));

        Assert.Contains(path, error.Message);
        Assert.Contains("not found", error.Message);
    }

    [Fact]
    public void RequireColumnsExplainsTheExpectedShape()
    {
        CsvMatrix csv = Parse("1,2\n");

        CsvFormatException error = Assert.Throws<CsvFormatException>(() => csv.RequireColumns(3, "the model reads 3 inputs"));

        Assert.Equal("data.csv: has 2 column(s); expected 3 (the model reads 3 inputs).", error.Message);
    }

    [Fact]
    public void TakeKeepsTheFirstRows()
    {
        CsvMatrix csv = Parse("1,2\n3,4\n5,6\n").Take(2);

        Assert.Equal(2, csv.Rows);
        Assert.Equal(new double[] { 1, 2, 3, 4 }, csv.Values);
    }

    [Fact]
    public void WrittenCsvReadsBackBitForBit()
    {
        double[] values = { 0.1, -1.0 / 3, 1e-300, 123456789.123456789 };
        var writer = new StringWriter();
        CsvWriter.WriteHeader(writer, "out", 2);
        CsvWriter.WriteRows(writer, values, 2, 2);

        CsvMatrix csv = Parse(writer.ToString());

        Assert.Equal(new[] { "out0", "out1" }, csv.Header);
        Assert.Equal(values, csv.Values);
    }
}
