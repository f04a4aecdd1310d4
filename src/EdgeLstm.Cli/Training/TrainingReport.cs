using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using EdgeLstm.Model;
using EdgeLstm.Training;

namespace EdgeLstm.Cli.Training;

/// <summary>What `train` prints when it is done, and the optional per-epoch history CSV.</summary>
internal static class TrainingReport
{
    public static void WriteSummary(TextWriter output, string inputPath, IReadOnlyList<string> columnNames, string outPath, TrainingResult result)
    {
        TrainingOptions o = result.Options;
        var data = result.Data;
        var first = (RecurrentLayer)result.Model.Layers[0];
        string cell = first.Cell switch
        {
            CellKind.Lstm => "an LSTM",
            CellKind.Gru => "a GRU",
            _ => $"an RNN ({o.Nonlinearity.ToString().ToLowerInvariant()})",
        };
        string task = o.Task == TrainingTask.NextStep ? "next-step predictor" : $"reconstruction autoencoder (noise {F(o.Noise)})";
        // ParameterCount includes input_mean and input_std, which are computed, not learned.
        long weights = result.Model.ParameterCount - 2L * result.Model.InputSize;
        string columns = string.Join(", ", columnNames.Select(c => $"'{c}'"));
        output.WriteLine(Invariant($"Trained {cell} {task}: {result.Model.InputSize} input(s), {o.Layers} layer(s) of {o.Hidden}, {weights} weights."));
        output.WriteLine(Invariant($"Data: {inputPath}, columns {columns}; {data.TrainingRows} training rows ({data.TrainingWindows} windows of {data.Window}, stride {data.Stride}), {data.ValidationRows} validation rows ({data.ValidationWindows} windows)."));
        EpochSummary best = result.Best;
        string stop = result.StoppedEarly ? $"stopped early after {result.History.Count} epochs" : $"{result.History.Count} epochs";
        string validation = best.ValidationLoss is { } v ? $", validation loss {F(v)}" : " (no validation split)";
        output.WriteLine(Invariant($"Kept epoch {result.BestEpoch} ({stop}): training loss {F(best.TrainingLoss)}{validation} (mean squared error, standardised units)."));
        output.WriteLine($"Written to {outPath}. Next: edgelstm new DIR --model {outPath}, or [RecurrentModel(\"{Path.GetFileName(outPath)}\")].");
    }

    /// <summary>epoch,training_loss,validation_loss: one row per epoch run (validation empty without a split).</summary>
    public static void WriteHistory(string path, TrainingResult result)
    {
        var text = new StringBuilder("epoch,training_loss,validation_loss\n");
        foreach (EpochSummary epoch in result.History)
        {
            text.Append(Invariant($"{epoch.Epoch},{epoch.TrainingLoss:R},{(epoch.ValidationLoss is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : "")}\n"));
        }
        File.WriteAllText(path, text.ToString());
    }

    private static string F(double value) => value.ToString("G4", CultureInfo.InvariantCulture);

    private static string Invariant(System.FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
