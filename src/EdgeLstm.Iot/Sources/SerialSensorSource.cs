using System;
using System.IO.Ports;
using System.Text;

namespace EdgeLstm.Iot.Sources;

/// <summary>
/// CSV lines from a microcontroller on a serial port (for example an Arduino printing <c>ax,ay,az\n</c>).
/// Parsing is <see cref="CsvSensorSource"/>'s; this class owns the port and re-opens it on <see cref="Reconnect"/>.
/// The port's read timeout bounds every read, so a silent microcontroller is reported as
/// <see cref="SourceFaultKind.Stalled"/> instead of blocking the loop.
/// </summary>
public sealed class SerialSensorSource : ISensorSource, IReconnectableSource
{
    private readonly SerialPort _port;
    private readonly CsvSensorSource _csv;

    /// <summary>Opens <paramref name="portName"/> and reads the first line to learn the layout.</summary>
    /// <param name="portName">For example <c>/dev/ttyACM0</c>.</param>
    /// <param name="baudRate">The microcontroller's baud rate.</param>
    /// <param name="readTimeout">The longest wait for data before a read reports a stall.</param>
    /// <param name="options">Column layout; the first line may be a header.</param>
    /// <param name="clock">Stamps samples that carry no timestamp.</param>
    public SerialSensorSource(string portName, int baudRate, TimeSpan readTimeout, CsvSourceOptions? options = null, TimeProvider? clock = null)
    {
        _port = new SerialPort(portName, baudRate) { ReadTimeout = (int)readTimeout.TotalMilliseconds, Encoding = Encoding.ASCII };
        _port.Open();
        try
        {
            _csv = new CsvSensorSource(new TextLineReader(new SerialPortTextReader(_port), ownsReader: false), options, clock);
        }
        catch
        {
            _port.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public int ChannelCount => _csv.ChannelCount;

    /// <summary>Lines that could not be parsed so far.</summary>
    public long MalformedLines => _csv.MalformedLines;

    /// <inheritdoc/>
    public SampleResult Read(Span<float> values) => _csv.Read(values);

    /// <summary>Closes and re-opens the port (a USB serial adapter that was unplugged comes back under the same name).</summary>
    public void Reconnect()
    {
        if (_port.IsOpen)
        {
            _port.Close();
        }

        _port.Open();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _csv.Dispose();
        _port.Dispose();
    }
}
