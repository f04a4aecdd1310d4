using System;
using System.Diagnostics;
using System.Threading;

namespace EdgeLstm.Fleet.Tests.Support;

/// <summary>Waits for a condition. The limits only stop a broken test from hanging; nothing asserts on speed.</summary>
public static class Poll
{
    public static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);

    /// <summary>Waits for <paramref name="condition"/> without failing: the assertion that follows says what is missing.</summary>
    public static bool TryUntil(Func<bool> condition, TimeSpan? limit = null)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > (limit ?? Generous))
            {
                return false;
            }

            Thread.Sleep(50);
        }

        return true;
    }

    public static void Until(Func<bool> condition, string what, TimeSpan? limit = null)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > (limit ?? Generous))
            {
                throw new TimeoutException($"gave up after {clock.Elapsed.TotalSeconds:0} s waiting for {what}");
            }

            Thread.Sleep(50);
        }
    }
}
