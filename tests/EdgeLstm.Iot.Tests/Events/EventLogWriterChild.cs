using System;
using EdgeLstm.Iot.Detection;
using EdgeLstm.Iot.Events;

namespace EdgeLstm.Iot.Tests.Events;

/// <summary>
/// The child side of the kill -9 test: writes events to the log as fast as it can and, after each
/// <see cref="JsonLinesEventLog.Write"/> returns, prints the count to stdout. The parent kills it at some count and
/// checks that at least that many whole events are in the file.
/// </summary>
public static class EventLogWriterChild
{
    public static int Run(string path)
    {
        using var log = new JsonLinesEventLog(path);
        var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        string detail = new('x', 3000); // long records make a torn write more likely if durability were broken
        for (long i = 0; ; i++)
        {
            var time = start.AddSeconds(i);
            if (i % 2 == 0)
            {
                log.Write(MonitorEvent.Ended(new AnomalyEvent(i, time, i + 1, time, i, time, i * 0.5)));
            }
            else
            {
                log.Write(MonitorEvent.SourceFailed(i, time, Iot.Sources.SourceFaultKind.IoError, detail, i, TimeSpan.FromMilliseconds(100)));
            }

            Console.Out.WriteLine(i + 1);
            Console.Out.Flush();
        }
    }
}
