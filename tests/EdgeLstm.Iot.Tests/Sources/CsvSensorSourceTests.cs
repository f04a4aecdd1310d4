using System;
using System.IO;
using EdgeLstm.Iot.Sources;
using EdgeLstm.Iot.Tests.Support;
using Xunit;

namespace EdgeLstm.Iot.Tests.Sources;

public sealed class CsvSensorSourceTests
{
    [Fact]
    public void ReadsNabFileAsIs()
    {
        using var source = CsvSensorSource.OpenFile(TestData.Nab("artificialWithAnomaly/art_daily_jumpsup.csv"));
        Span<float> value = stackalloc float[1];

        Assert.Equal(1, source.ChannelCount);
        Assert.True(source.HasTimestampColumn);
        var first = source.Read(value);
        Assert.Equal(SampleStatus.Ok, first.Status);
        // First data row of the file: 2014-04-01 00:00:00,19.761251903
        Assert.Equal(new DateTimeOffset(2014, 4, 1, 0, 0, 0, TimeSpan.Zero), first.Timestamp);
        Assert.Equal(19.761251903f, value[0]);

        int rows = 1;
        while (source.Read(value).IsOk)
        {
            rows++;
        }

        Assert.Equal(4032, rows);
        Assert.Equal(SampleStatus.EndOfStream, source.Read(value).Status);
        Assert.Equal(0, source.MalformedLines);
    }

    [Theory]
    [InlineData("time;value", "';' (semicolons)")]
    [InlineData("time\tvalue", "tabs")]
    public void AFileWithAnotherSeparatorIsNamedAtOnce(string header, string separator)
    {
        var lines = new ScriptedLineReader(header, "1.0;2", "2.0;3");

        var error = Assert.Throws<InvalidDataException>(() => new CsvSensorSource(lines));

        Assert.Contains($"separated by {separator}, not by ',' (commas)", error.Message);
        Assert.Contains("CsvSourceOptions.Separator", error.Message);
    }

    [Fact]
    public void TheConfiguredSeparatorIsAccepted()
    {
        using var source = new CsvSensorSource(new ScriptedLineReader("time;value", "1.0;2"), new CsvSourceOptions { Separator = ';' });
        Span<float> v = stackalloc float[1];

        Assert.True(source.Read(v).IsOk);
        Assert.Equal(2f, v[0]);
    }

    [Fact]
    public void MalformedLineIsAFaultThatIsCountedAndSkipped()
    {
        var lines = new ScriptedLineReader("time,a,b", "1.0,1,2", "2.0,oops,3", "3.0,4", "4.0,5,6");
        using var source = new CsvSensorSource(lines);
        Span<float> v = stackalloc float[2];

        Assert.True(source.Read(v).IsOk);
        var bad = source.Read(v);
        Assert.Equal(SourceFaultKind.Malformed, bad.Fault);
        Assert.Contains("line 3", bad.Detail);
        Assert.Equal(SourceFaultKind.Malformed, source.Read(v).Fault);
        var good = source.Read(v);
        Assert.True(good.IsOk);
        Assert.Equal(DateTimeOffset.UnixEpoch.AddSeconds(4), good.Timestamp);
        Assert.Equal([5f, 6f], v.ToArray());
        Assert.Equal(2, source.MalformedLines);
    }

    [Fact]
    public void SelectsNamedColumnsInTheRequestedOrder()
    {
        var lines = new ScriptedLineReader("timestamp,temp,humidity,pressure", "2024-01-01T00:00:05Z,21.5,40,1013");
        using var source = new CsvSensorSource(lines, new CsvSourceOptions { ValueColumns = ["pressure", "temp"] });
        Span<float> v = stackalloc float[2];

        var r = source.Read(v);

        Assert.True(r.IsOk);
        Assert.Equal([1013f, 21.5f], v.ToArray());
        Assert.Equal(new DateTimeOffset(2024, 1, 1, 0, 0, 5, TimeSpan.Zero), r.Timestamp);
    }

    [Fact]
    public void HeaderlessNumbersUseTheClockAndKeepTheFirstLine()
    {
        var clock = new ManualClock();
        using var source = new CsvSensorSource(new ScriptedLineReader("0.5,1.5,2.5", "", "3,4,5"), clock: clock);
        Span<float> v = stackalloc float[3];

        Assert.Equal(3, source.ChannelCount);
        Assert.False(source.HasTimestampColumn);
        var first = source.Read(v);
        Assert.Equal(clock.GetUtcNow(), first.Timestamp);
        Assert.Equal([0.5f, 1.5f, 2.5f], v.ToArray());
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(clock.GetUtcNow(), source.Read(v).Timestamp); // the blank line is skipped
        Assert.Equal([3f, 4f, 5f], v.ToArray());
    }

    [Fact]
    public void UnknownColumnNameIsRejectedWithTheHeader()
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            new CsvSensorSource(new ScriptedLineReader("timestamp,value"), new CsvSourceOptions { ValueColumns = ["temp"] }));
        Assert.Contains("timestamp,value", ex.Message);
    }

    [Fact]
    public void EmptyInputIsRejected()
        => Assert.Throws<InvalidDataException>(() => new CsvSensorSource(new ScriptedLineReader()));

    [Fact]
    public void WrongSpanLengthIsRejected()
    {
        using var source = new CsvSensorSource(new ScriptedLineReader("1,2"));
        Assert.Throws<ArgumentException>(() => source.Read(new float[3]));
    }
}
