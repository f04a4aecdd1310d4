using System;
using System.Globalization;
using EdgeLstm.Training;
using Spectre.Console;

namespace EdgeLstm.Cli.Training;

/// <summary>
/// Spectre.Console progress for `train`: one bar over every batch of every epoch, its description the epoch and the
/// losses. Drawn only on a terminal (<see cref="Infrastructure.CliConsole.Progress"/>); otherwise training runs silently.
/// </summary>
internal static class TrainingProgressView
{
    public static TrainingResult Run(IAnsiConsole? console, Func<IProgress<TrainingProgress>?, TrainingResult> train)
    {
        if (console is null)
        {
            return train(null);
        }
        TrainingResult result = null!;
        console.Progress()
            .AutoClear(true)
            .HideCompleted(true)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(context =>
            {
                ProgressTask task = context.AddTask("training", maxValue: 1);
                result = train(new Reporter(task));
                task.Value = task.MaxValue;
            });
        return result;
    }

    /// <summary>Reports synchronously on the training thread (System.Progress would post to the thread pool).</summary>
    private sealed class Reporter(ProgressTask task) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            task.MaxValue = (double)value.Epochs * value.BatchesPerEpoch;
            task.Value = (double)(value.Epoch - 1) * value.BatchesPerEpoch + value.Batch;
            task.Description = Markup.Escape(Describe(value));
        }

        private static string Describe(TrainingProgress p)
        {
            var text = string.Format(CultureInfo.InvariantCulture, "epoch {0}/{1}  loss {2:G4}", p.Epoch, p.Epochs, p.TrainingLoss);
            if (p.LastEpoch is { ValidationLoss: { } validation })
            {
                text += string.Format(CultureInfo.InvariantCulture, "  validation {0:G4}", validation);
            }
            if (p.BestValidationLoss is { } best)
            {
                text += string.Format(CultureInfo.InvariantCulture, " (best {0:G4} at {1})", best, p.BestEpoch);
            }
            return text;
        }
    }
}
