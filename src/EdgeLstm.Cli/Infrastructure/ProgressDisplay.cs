using System;
using Spectre.Console;

namespace EdgeLstm.Cli.Infrastructure;

/// <summary>Spectre.Console progress for the slow parts (running the reference model over long inputs).</summary>
internal static class ProgressDisplay
{
    /// <summary>
    /// Runs <paramref name="work"/>, which reports how many of <paramref name="total"/> units it has done.
    /// Without a progress console the work runs silently; the result is the same either way.
    /// </summary>
    public static T Run<T>(IAnsiConsole? console, string description, long total, Func<Action<long>, T> work)
    {
        if (console is null)
        {
            return work(static _ => { });
        }

        T result = default!;
        console.Progress()
            .AutoClear(true)
            .HideCompleted(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                ProgressTask task = context.AddTask(Markup.Escape(description), maxValue: Math.Max(1, total));
                result = work(done => task.Value = done);
                task.Value = task.MaxValue;
            });
        return result;
    }

    /// <summary>A spinner for work whose length is unknown in advance (loading a large weight file).</summary>
    public static T Status<T>(IAnsiConsole? console, string description, Func<T> work)
    {
        if (console is null)
        {
            return work();
        }
        T result = default!;
        console.Status().Start(Markup.Escape(description), _ => result = work());
        return result;
    }
}
