using System;
using System.Threading;
using Xunit;

namespace EdgeLstm.Tests.DamagedFiles;

/// <summary>The sweep's hang detection must itself work, or a hanging importer would hang the sweep instead of failing it.</summary>
public sealed class DedicatedWorkerTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromMinutes(1);

    [Fact]
    public void TryRun_ReturnsTheResult_AndReportsAJobThatOverruns()
    {
        // The limits of jobs that finish are generous (a busy machine may keep the worker's thread waiting for a core);
        // the overrunning job waits for an event that is set only afterwards, so 50 ms is always too short for it.
        var worker = new DedicatedWorker();
        Assert.True(worker.TryRun(() => "done", Generous, out string? result));
        Assert.Equal("done", result);

        using var release = new ManualResetEventSlim();
        Assert.False(worker.TryRun(() => { release.Wait(); return "late"; }, TimeSpan.FromMilliseconds(50), out string? late));
        Assert.Null(late);
        release.Set();

        Assert.True(new DedicatedWorker().TryRun(() => "fresh", Generous, out string? fresh));
        Assert.Equal("fresh", fresh);
    }
}
