using System;
using System.IO;
using System.IO.Ports;

namespace EdgeLstm.Iot.Sources;

/// <summary>
/// A <see cref="TextReader"/> that reads whatever the port currently is, so re-opening the port after an unplug
/// does not leave a reader bound to the dead stream. <see cref="SerialPort.Read(char[], int, int)"/> honours the
/// port's read timeout (throwing <see cref="TimeoutException"/>) and throws <see cref="InvalidOperationException"/>
/// when the port is closed.
/// </summary>
internal sealed class SerialPortTextReader(SerialPort port) : TextReader
{
    public override int Read(char[] buffer, int index, int count) => port.Read(buffer, index, count);

    public override int Read() => throw new NotSupportedException("Read whole buffers; TextLineReader does.");
}
