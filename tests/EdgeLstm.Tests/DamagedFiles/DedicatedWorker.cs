using System;
using System.Threading;

namespace EdgeLstm.Tests.DamagedFiles;

/// <summary>
/// Runs jobs one at a time on a thread of its own, with a time limit per job. A thread pool task per load would
/// starve the pool while other test classes run, and a new thread per load costs more than the loads themselves
/// over thousands of mutations. A worker whose job overran is stuck for good: the caller abandons it (the thread is
/// a background thread, so it does not keep the test process alive) and makes a new one.
/// </summary>
internal sealed class DedicatedWorker
{
    private readonly SemaphoreSlim _jobReady = new(0);
    private readonly SemaphoreSlim _jobDone = new(0);
    private Func<object>? _job;
    private object? _result;

    public DedicatedWorker()
    {
        new Thread(Loop) { IsBackground = true, Name = "EdgeLstm mutated loads" }.Start();
    }

    /// <summary>Runs <paramref name="job"/> (which must not throw); false when it did not finish within <paramref name="limit"/>.</summary>
    public bool TryRun<T>(Func<T> job, TimeSpan limit, out T? result) where T : class
    {
        _job = job;
        _jobReady.Release();
        if (!_jobDone.Wait(limit))
        {
            result = null;
            return false;
        }
        result = (T?)_result;
        return true;
    }

    private void Loop()
    {
        while (true)
        {
            _jobReady.Wait();
            _result = _job!();
            _jobDone.Release();
        }
    }
}
