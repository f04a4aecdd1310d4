using System;
using System.Runtime.InteropServices;
using System.Threading;
using MachineMonitor.App;

// Ctrl+C and systemd's SIGTERM end the loop cleanly: an open anomaly is closed in the log and the summary printed.
using var stop = new CancellationTokenSource();
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

return MonitorCommandLine.Run(args, Console.Out, Console.Error, stop.Token);

void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stop.Cancel();
}
