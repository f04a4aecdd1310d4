using System;
using System.Runtime.InteropServices;
using Perfolizer.Horology;

namespace EdgeLstm.Benchmarks;

/// <summary>
/// A BenchmarkDotNet clock that reads the CPU time of the whole process (Linux <c>clock_gettime(CLOCK_PROCESS_CPUTIME_ID)</c>,
/// nanoseconds) instead of the wall clock. On a shared machine whose load is well above its core count, wall time
/// mostly measures how long the benchmark waited for a core; CPU time counts only the cycles it ran. Every thread of
/// the process counts, so a peer that spreads its work over threads (ONNX Runtime's default session) is charged for all
/// of it: its rows then measure CPU cost, not latency.
/// </summary>
public sealed class ProcessCpuClock : IClock
{
    private const int ClockProcessCpuTimeId = 2;

    public static readonly ProcessCpuClock Instance = new();

    public string Title => "process CPU time";

    public bool IsAvailable => OperatingSystem.IsLinux();

    public Frequency Frequency => new(1_000_000_000d);

    public long GetTimestamp()
    {
        ClockGetTime(ClockProcessCpuTimeId, out TimeSpec now);
        return now.Seconds * 1_000_000_000L + now.Nanoseconds;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);
}
