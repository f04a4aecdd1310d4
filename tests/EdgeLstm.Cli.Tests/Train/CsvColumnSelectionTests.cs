using System.IO;
using EdgeLstm.Cli.Csv;
using EdgeLstm.Cli.Tests.Infrastructure;
using Xunit;

namespace EdgeLstm.Cli.Tests.Train;

/// <summary>Reading some columns of a CSV that also holds non-numeric ones (timestamps), with CsvMatrix's rules and messages.</summary>
public sealed class CsvColumnSelectionTests
{
    [Fact]
    public void NabFilesReadAsTheyAreWithTheTimestampLeftOut()
    {
        using var temp = new TempDirectory();
        string csv = Write(temp, "timestamp,value", "2014-07-01 00:00:00,10844", "2014-07-01 00:30:00,8127.5");

        CsvColumnSelection selection = CsvColumnSelection.Load(csv, null);

        Assert.Equal(new[] { 1 }, selection.Columns);
        Assert.Equal(new[] { "value" }, selection.Names);
        Assert.Equal(new[] { "timestamp" }, selection.Skipped);
        Assert.Equal(new[] { 10844, 8127.5 }, selection.Values());
    }

    [Fact]
    public void TimestampedRowsWithoutAHeaderKeepTheirFirstRow()
    {
        using var temp = new TempDirectory();
        string csv = Write(temp, "2014-07-01 00:00:00,10844,1", "2014-07-01 00:30:00,8127,2");

        CsvColumnSelection selection = CsvColumnSelection.Load(csv, null);

        Assert.Equal(new[] { "column 1", "column 2" }, selection.Names);
        Assert.Equal(new double[] { 10844, 1, 8127, 2 }, selection.Values());
    }

    [Fact]
    public void ABadValueInAChosenColumnIsReportedAtItsLineAndOneInALeftOutColumnIsNot()
    {
        using var temp = new TempDirectory();
        string csv = Write(temp, "# exported 2024-01-01", "time,a,b", "", "t0,1,2", "not a time,3,4", "t2,5,x6");

        Assert.Equal(new double[] { 1, 3, 5 }, CsvColumnSelection.Load(csv, new[] { "a" }).Values());
        var error = Assert.Throws<CsvFormatException>(() => CsvColumnSelection.Load(csv, new[] { "b" }));
        Assert.Equal($"{csv}:6: field 3 ('b') is 'x6'; expected a number with '.' as the decimal separator.", error.Message);
    }

    [Fact]
    public void ARowOfAnotherWidthIsReportedAtItsLine()
    {
        using var temp = new TempDirectory();
        string csv = Write(temp, "time,a", "t0,1", "t1,2,3");

        var error = Assert.Throws<CsvFormatException>(() => CsvColumnSelection.Load(csv, null));

        Assert.StartsWith($"{csv}:3: 3 field(s); expected 2", error.Message);
    }

    [Fact]
    public void AFileWithoutNumbersAsksForColumns()
    {
        using var temp = new TempDirectory();
        string csv = Write(temp, "time,state", "t0,on", "t1,off");

        var error = Assert.Throws<CsvFormatException>(() => CsvColumnSelection.Load(csv, null));

        Assert.Contains(":1: no field of the first data row is a number; name the columns to read with --columns", error.Message);
    }

    [Fact]
    public void ASemicolonSeparatedFileIsNamedAsSuch()
    {
        using var temp = new TempDirectory();
        string csv = Write(temp, "time;value", "t0;1,5", "t1;2,5");

        var error = Assert.Throws<CsvFormatException>(() => CsvColumnSelection.Load(csv, null));

        Assert.StartsWith($"{csv}:1: the fields are separated by ';' (semicolons)", error.Message);
    }

    [Fact]
    public void AColumnNamedTwiceIsRefused()
    {
        using var temp = new TempDirectory();
        string csv = Write(temp, "time,a,b", "t0,1,2");

        var error = Assert.Throws<CsvFormatException>(() => CsvColumnSelection.Load(csv, new[] { "a", "1" }));

        Assert.Contains("column 'a' is named twice", error.Message);
    }

    private static string Write(TempDirectory temp, params string[] lines)
    {
        string path = temp.File("data.csv");
        File.WriteAllLines(path, lines);
        return path;
    }
}
