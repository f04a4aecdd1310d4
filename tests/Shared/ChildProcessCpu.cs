using System;
using System.Runtime.InteropServices;

namespace EdgeLstm.Testing;

/// <summary>
/// CPU time (user + system) of the child processes this process has waited for, their own waited-for children
/// included: Linux <c>getrusage(RUSAGE_CHILDREN)</c>. The difference around one <see cref="ProcessRunner.Run"/> is the
/// work that command did, which the machine's load does not change the way it changes wall-clock time: on two shared
/// cores a build that needs 20 s of CPU can take minutes to finish. Meaningful only while no other child of this
/// process ends in between (a test collection that runs alone).
/// </summary>
public static class ChildProcessCpu
{
    private const int RusageChildren = -1;

    /// <summary>The total so far; <see cref="TimeSpan.Zero"/> where getrusage is unavailable (not Linux).</summary>
    public static TimeSpan Total()
    {
        if (!OperatingSystem.IsLinux() || GetResourceUsage(RusageChildren, out ResourceUsage usage) != 0)
        {
            return TimeSpan.Zero;
        }
        long microseconds = (usage.UserSeconds + usage.SystemSeconds) * 1_000_000 + usage.UserMicroseconds + usage.SystemMicroseconds;
        return TimeSpan.FromTicks(microseconds * (TimeSpan.TicksPerMillisecond / 1000));
    }

    /// <summary>struct rusage on 64-bit Linux: two struct timeval, then 14 longs this class does not read (144 bytes).</summary>
    [StructLayout(LayoutKind.Sequential, Size = 144)]
    private struct ResourceUsage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;
    }

    [DllImport("libc", EntryPoint = "getrusage")]
    private static extern int GetResourceUsage(int who, out ResourceUsage usage);
}
