using System;
using System.Threading;
using Xunit;

namespace EdgeLstm.Tests.DamagedFiles;

/// <summary>The sweep's hang detection must itself work, or a hanging importer would hang the sweep instead of failing it.</summary>
public sealed class DedicatedWorkerTests
{
    [Fact]
    public void TryRun_ReturnsTheResult_AndReportsAJobThatOverruns()
    {
        var worker = new DedicatedWorker();
        Assert.True(worker.TryRun(() => "done", TimeSpan.FromSeconds(5), out string? result));
        Assert.Equal("done", result);

        using var release = new ManualResetEventSlim();
        Assert.False(worker.TryRun(() => { release.Wait(); return "late"; }, TimeSpan.FromMilliseconds(50), out string? late));
        Assert.Null(late);
        release.Set();

        Assert.True(new DedicatedWorker().TryRun(() => "fresh", TimeSpan.FromSeconds(5), out string? fresh));
        Assert.Equal("fresh", fresh);
    }
}
