using System;
using EdgeLstm.Iot.Tests.Events;

namespace EdgeLstm.Iot.Tests.Support;

/// <summary>
/// The test assembly's entry point. Under the test runner it is never called; run as
/// <c>dotnet exec EdgeLstm.Iot.Tests.dll event-log-writer &lt;path&gt;</c> it becomes the child process the
/// durability test kills with SIGKILL.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length == 2 && args[0] == "event-log-writer")
        {
            return EventLogWriterChild.Run(args[1]);
        }

        Console.Error.WriteLine("usage: event-log-writer <path>");
        return 2;
    }
}
