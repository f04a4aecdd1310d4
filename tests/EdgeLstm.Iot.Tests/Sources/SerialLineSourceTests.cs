using System;
using System.IO;
using EdgeLstm.Iot.Sources;
using EdgeLstm.Iot.Tests.Support;
using Xunit;

namespace EdgeLstm.Iot.Tests.Sources;

/// <summary>
/// The serial source is <see cref="CsvSensorSource"/> over a port's line reader; these tests feed a microcontroller's
/// output (boot banner, timeouts, an unplug) through a scripted <see cref="ILineReader"/>.
/// </summary>
public sealed class SerialLineSourceTests
{
    [Fact]
    public void MicrocontrollerOutputWithTimeoutAndUnplug()
    {
        var lines = new ScriptedLineReader(
            "ax,ay,az",
            "0.01,-0.02,0.98",
            new TimeoutException("The operation has timed out."),
            "Booting v1.2...",                     // the MCU reset and printed its banner mid-stream
            new IOException("Input/output error"),
            new InvalidOperationException("The port is closed."),
            "0.02,-0.01,0.99");
        using var source = new CsvSensorSource(lines);
        Span<float> v = stackalloc float[3];

        Assert.True(source.Read(v).IsOk);
        Assert.Equal([0.01f, -0.02f, 0.98f], v.ToArray());
        Assert.Equal(SourceFaultKind.Stalled, source.Read(v).Fault);
        Assert.Equal(SourceFaultKind.Malformed, source.Read(v).Fault);
        Assert.Equal(SourceFaultKind.IoError, source.Read(v).Fault);
        Assert.Equal(SourceFaultKind.Disconnected, source.Read(v).Fault);
        Assert.True(source.Read(v).IsOk);
        Assert.Equal([0.02f, -0.01f, 0.99f], v.ToArray());
        Assert.Equal(SampleStatus.EndOfStream, source.Read(v).Status);
    }

    [Fact]
    public void DisposesTheLineReader()
    {
        var lines = new ScriptedLineReader("1");
        new CsvSensorSource(lines).Dispose();
        Assert.True(lines.Disposed);
    }
}
