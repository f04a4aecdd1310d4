using System;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.IO;
using System.Linq;
using EdgeLstm.Cli.Infrastructure;
using EdgeLstm.Cli.Models;
using EdgeLstm.Cli.Training;
using EdgeLstm.CommandLine;
using EdgeLstm.Import;
using EdgeLstm.Model;
using EdgeLstm.Training;
using EdgeLstm.Training.Data;

namespace EdgeLstm.Cli.Commands;

/// <summary>
/// <c>edgelstm train --input normal.csv [--columns ...] [--cell lstm|gru|rnn] [--hidden 32] ... --out model.safetensors</c>:
/// trains a next-step predictor (or a reconstruction autoencoder) on normal operation, in managed code, and writes
/// safetensors the generator bakes.
/// </summary>
internal static class TrainCommand
{
    public const string DefaultOutput = "model.safetensors";

    public static Command Create(CliConsole console)
    {
        var defaults = new TrainingOptions();
        var input = new Option<string>("--input", "-i")
        {
            Description = "Normal operation: one row per time step, one column per channel, header optional. Columns that are " +
                          "not numbers (a timestamp) are left out unless --columns names them.",
            Required = true,
        };
        var columns = new Option<string[]>("--columns", "-c")
        {
            Description = "The columns to learn, by header name or 0-based position (comma-separated or repeated); default: every numeric column.",
            AllowMultipleArgumentsPerToken = true,
        };
        var rows = InvariantNumberOption.Int("--rows", null,
            "Use only the first N data rows (e.g. NAB's probationary period); default: all.", 0, v => v >= 1, "a whole number >= 1");
        var output = new Option<string>("--out", "-o")
        {
            Description = "The safetensors file to write.",
            DefaultValueFactory = _ => DefaultOutput,
        };
        var cell = new Option<string>("--cell") { Description = "The recurrent cell.", DefaultValueFactory = _ => "lstm" };
        cell.AcceptOnlyFromAmong("lstm", "gru", "rnn");
        var nonlinearity = new Option<string>("--nonlinearity") { Description = "An RNN cell's activation.", DefaultValueFactory = _ => "tanh" };
        nonlinearity.AcceptOnlyFromAmong("tanh", "relu");
        var hidden = InvariantNumberOption.Int("--hidden", null, "Units per recurrent layer.", defaults.Hidden, v => v is >= 1 and <= 4096, "1..4096");
        var layers = InvariantNumberOption.Int("--layers", null, "Stacked recurrent layers.", defaults.Layers, v => v is >= 1 and <= 16, "1..16");
        var mode = new Option<string>("--mode")
        {
            Description = "next-step: output t predicts row t+1; autoencoder: output t reconstructs row t (trained with input noise).",
            DefaultValueFactory = _ => "next-step",
        };
        mode.AcceptOnlyFromAmong("next-step", "autoencoder");
        var epochs = InvariantNumberOption.Int("--epochs", null, "Passes over the training windows, at most.", defaults.Epochs, v => v >= 1, "a whole number >= 1");
        var window = InvariantNumberOption.Int("--window", null,
            $"Steps per training window (how far back gradients flow); default {TrainingOptions.DefaultWindow}, less for short data.", 0, v => v >= 1, "a whole number >= 1");
        var stride = InvariantNumberOption.Int("--stride", null, "Rows between window starts; default an eighth of the window.", 0, v => v >= 1, "a whole number >= 1");
        var batch = InvariantNumberOption.Int("--batch-size", null, "Windows per optimiser step.", defaults.BatchSize, v => v >= 1, "a whole number >= 1");
        var learningRate = InvariantNumberOption.Double("--learning-rate", "--lr", "Adam's learning rate.", defaults.LearningRate,
            v => v > 0 && double.IsFinite(v), "a positive number");
        var seed = InvariantNumberOption.Int("--seed", null, "Seeds the initial weights, the window order and the noise.", (int)defaults.Seed, v => v >= 0, "a whole number >= 0");
        var validation = InvariantNumberOption.Double("--validation-fraction", null,
            "The fraction of rows, from the end, kept aside to measure the validation loss for early stopping (0 for none).",
            defaults.ValidationFraction, v => v is >= 0 and < 1, "a number in [0, 1)");
        var patience = InvariantNumberOption.Int("--patience", null, "Stop after this many epochs without a better validation loss.", defaults.Patience, v => v >= 1, "a whole number >= 1");
        var clip = InvariantNumberOption.Double("--clip", null, "Rescale gradients whose global L2 norm exceeds this; 0 for no clipping.",
            defaults.GradientClipNorm, v => v >= 0 && double.IsFinite(v), "a number >= 0");
        var noise = InvariantNumberOption.Double("--noise", null, "Autoencoder: the standard deviation of the noise added to standardised inputs.",
            defaults.Noise, v => v >= 0 && double.IsFinite(v), "a number >= 0");
        var initial = new Option<string?>("--init")
        {
            Description = "Start from this model's weights (continue training on new data); its cell, sizes and input standardisation are kept.",
        };
        var history = new Option<string?>("--history") { Description = "Also write the loss of every epoch to this CSV file." };

        var command = new Command("train",
            "Train a recurrent model on normal operation, in managed code (no Python): backpropagation through time over windows, " +
            "Adam, gradient clipping, early stopping on a validation split, deterministic for a seed. Writes safetensors with the " +
            "input standardisation; build it with [RecurrentModel(\"model.safetensors\")] or `edgelstm new`.")
        {
            input, columns, rows, output, cell, nonlinearity, hidden, layers, mode, epochs, window, stride, batch,
            learningRate, seed, validation, patience, clip, noise, initial, history,
        };

        command.SetAction(parse => CommandGuard.Run(console, () =>
        {
            string outPath = parse.GetValue(output) ?? DefaultOutput;
            string? historyPath = parse.GetValue(history);
            // Before training, not after: a typo in a folder must not cost the whole run.
            RequireWritableFolder(outPath, "--out");
            if (historyPath is not null) RequireWritableFolder(historyPath, "--history");

            string inputPath = parse.GetRequiredValue(input);
            string[]? names = parse.GetValue(columns)?.SelectMany(c => c.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();
            TimeSeries series = TrainingData.Load(inputPath, names, IsGiven(parse, rows) ? parse.GetValue(rows) : null, console);

            NetworkModel? start = parse.GetValue(initial) is { } initPath ? ModelLoader.Load(initPath, ImportOptions.None, console).Network : null;
            var options = new TrainingOptions
            {
                Cell = ParseCell(parse.GetValue(cell)!),
                Nonlinearity = parse.GetValue(nonlinearity) == "relu" ? ActivationKind.Relu : ActivationKind.Tanh,
                Hidden = parse.GetValue(hidden),
                Layers = parse.GetValue(layers),
                Task = parse.GetValue(mode) == "autoencoder" ? TrainingTask.Autoencoder : TrainingTask.NextStep,
                Epochs = parse.GetValue(epochs),
                Window = IsGiven(parse, window) ? parse.GetValue(window) : null,
                Stride = IsGiven(parse, stride) ? parse.GetValue(stride) : null,
                BatchSize = parse.GetValue(batch),
                LearningRate = parse.GetValue(learningRate),
                Seed = (ulong)parse.GetValue(seed),
                ValidationFraction = parse.GetValue(validation),
                Patience = parse.GetValue(patience),
                GradientClipNorm = parse.GetValue(clip),
                Noise = parse.GetValue(noise),
            };
            if (start is not null)
            {
                options = TakeShapeFrom(start, options, given: o => IsGiven(parse, o), cell, nonlinearity, hidden, layers);
            }

            TrainingResult result;
            try
            {
                result = TrainingProgressView.Run(console.Progress, progress => Trainer.Train(series, options, start, progress));
            }
            catch (TrainingDataException e)
            {
                // The data's messages start with its path; an --init model's with the model's.
                throw new InputException(e.Message, e);
            }

            WriteAtomically(outPath, result.ToSafeTensors());
            if (historyPath is not null)
            {
                TrainingReport.WriteHistory(historyPath, result);
            }
            TrainingReport.WriteSummary(console.Out, inputPath, series.Columns, outPath, result);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static bool IsGiven(ParseResult parse, Option option) => parse.GetResult(option) is { Implicit: false };

    private static CellKind ParseCell(string name) => name switch
    {
        "gru" => CellKind.Gru,
        "rnn" => CellKind.Rnn,
        _ => CellKind.Lstm,
    };

    /// <summary>--init: the model's cell and sizes, unless given on the command line (then the trainer checks they agree).</summary>
    private static TrainingOptions TakeShapeFrom(NetworkModel model, TrainingOptions options, Func<Option, bool> given,
        Option cell, Option nonlinearity, Option hidden, Option layers)
    {
        if (model.Layers[0] is not RecurrentLayer first)
        {
            return options; // the trainer refuses it with a message naming the file
        }
        int recurrent = model.Layers.OfType<RecurrentLayer>().Count();
        return options with
        {
            Cell = given(cell) ? options.Cell : first.Cell,
            Nonlinearity = given(nonlinearity) || first.Cell != CellKind.Rnn ? options.Nonlinearity : first.Directions[0].Activations[0].Kind,
            Hidden = given(hidden) ? options.Hidden : first.Hidden,
            Layers = given(layers) ? options.Layers : recurrent,
        };
    }

    private static void RequireWritableFolder(string path, string option)
    {
        string folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (!Directory.Exists(folder))
        {
            throw new InputException($"{option} {path}: the folder {folder} does not exist.");
        }
        if (Directory.Exists(path))
        {
            throw new InputException($"{option} {path}: is a folder; give a file name.");
        }
    }

    // Written beside the target and renamed over it: a power cut on the board leaves the old model or the new one, never half.
    private static void WriteAtomically(string path, byte[] content)
    {
        string temporary = path + ".tmp";
        File.WriteAllBytes(temporary, content);
        File.Move(temporary, path, overwrite: true);
    }
}
