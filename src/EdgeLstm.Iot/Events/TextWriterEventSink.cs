using System;
using System.IO;
using System.Text;

namespace EdgeLstm.Iot.Events;

/// <summary>Writes events as JSON lines to a <see cref="TextWriter"/> — by default standard output, for piping or journald.</summary>
public sealed class TextWriterEventSink : IEventSink
{
    private readonly TextWriter _writer;
    private readonly bool _ownsWriter;
    private readonly EventJsonFormatter _formatter = new();
    private readonly char[] _chars = new char[1024];

    /// <summary>Writes to <paramref name="writer"/>, or to <see cref="Console.Out"/> when null.</summary>
    public TextWriterEventSink(TextWriter? writer = null, bool ownsWriter = false)
    {
        _writer = writer ?? Console.Out;
        _ownsWriter = ownsWriter && writer is not null;
    }

    /// <inheritdoc/>
    public void Write(in MonitorEvent monitorEvent)
    {
        var utf8 = _formatter.Format(monitorEvent);
        if (Encoding.UTF8.GetMaxCharCount(utf8.Length) <= _chars.Length)
        {
            int count = Encoding.UTF8.GetChars(utf8, _chars);
            _writer.Write(_chars, 0, count);
        }
        else
        {
            _writer.Write(Encoding.UTF8.GetString(utf8)); // a very long fault detail: rare, allocation is fine
        }

        _writer.Flush();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_ownsWriter)
        {
            _writer.Dispose();
        }
    }
}
