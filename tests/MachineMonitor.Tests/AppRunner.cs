using System.IO;
using System.Threading;
using MachineMonitor.App;

namespace MachineMonitor.Tests;

/// <summary>What one in-process run of the app printed.</summary>
public sealed record AppResult(int ExitCode, string Out, string Error)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Out}\nstderr:\n{Error}";
}

/// <summary>Runs the MachineMonitor command line in-process, exactly as Main does.</summary>
public static class AppRunner
{
    public static AppResult Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = MonitorCommandLine.Run(args, output, error, CancellationToken.None);
        return new AppResult(exit, output.ToString(), error.ToString());
    }
}
