using System;
using System.Collections.Generic;
using EdgeLstm.Iot.Sources;

namespace EdgeLstm.Iot.Tests.Support;

/// <summary>Feeds lines (or exceptions) one by one, as a microcontroller on a serial port would.</summary>
public sealed class ScriptedLineReader(params object[] script) : ILineReader
{
    private readonly Queue<object> _script = new(script);

    public bool Disposed { get; private set; }

    public bool TryReadLine(out ReadOnlySpan<char> line)
    {
        if (_script.Count == 0)
        {
            line = default;
            return false;
        }

        switch (_script.Dequeue())
        {
            case string text:
                line = text;
                return true;
            case Exception ex:
                throw ex;
            default:
                throw new InvalidOperationException("Script entries are strings or exceptions.");
        }
    }

    public void Dispose() => Disposed = true;
}
