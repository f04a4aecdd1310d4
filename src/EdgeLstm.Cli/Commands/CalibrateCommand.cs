using System;
using System.CommandLine;
using System.Globalization;
using EdgeLstm.Cli.Calibration;
using EdgeLstm.Cli.Csv;
using EdgeLstm.Cli.Infrastructure;
using EdgeLstm.Cli.Models;
using EdgeLstm.CommandLine;
using EdgeLstm.Iot.Detection;
using EdgeLstm.Model;

namespace EdgeLstm.Cli.Commands;

/// <summary>
/// <c>edgelstm calibrate MODEL --input normal.csv [--fraction 1.0] [--quantile 0.995] [--out calibration.json]</c>:
/// the anomaly detector's threshold from normal data.
/// </summary>
internal static class CalibrateCommand
{
    public const string DefaultOutput = "calibration.json";

    public static Command Create(CliConsole console)
    {
        var model = new Argument<string>("MODEL") { Description = "A next-step predictor: a streaming model whose outputs predict its next inputs." };
        var input = new Option<string>("--input", "-i")
        {
            Description = "Normal (anomaly-free) data: one row per time step, InputSize columns, header optional.",
            Required = true,
        };
        var fraction = InvariantNumberOption.Double("--fraction", null,
            "Use only the first part of the file (0 < fraction <= 1), e.g. the probationary period.",
            1.0, value => value > 0 && value <= 1, "a number in (0, 1]");
        var quantile = InvariantNumberOption.Double("--quantile", "-q",
            "The quantile of normal scores taken as the threshold (0 < q <= 1).",
            0.995, value => value > 0 && value <= 1, "a number in (0, 1]");
        var output = new Option<string>("--out", "-o")
        {
            Description = "Where to write the calibration (the MachineMonitor firmware reads calibration.json beside its model).",
            DefaultValueFactory = _ => DefaultOutput,
        };
        var architecture = new ArchitectureOptions();

        var command = new Command("calibrate",
            "Compute the anomaly threshold from normal data, as the MachineMonitor detector does: run the model as a next-step " +
            "predictor, score each step (after a 10-step warm-up) by its RMS prediction error, standardise, and take a high " +
            "quantile of the scores times 1.5.")
        {
            model,
            input,
            fraction,
            quantile,
            output,
        };
        architecture.AddTo(command);
        command.SetAction(parse => CommandGuard.Run(console, () =>
        {
            string modelPath = parse.GetRequiredValue(model);
            NetworkModel network = ModelLoader.Load(modelPath, architecture.Read(parse), console).Network;
            NextStepScores.RequirePredictor(network, modelPath);
            CsvMatrix inputs = CsvMatrix.Load(parse.GetRequiredValue(input));
            inputs.RequireColumns(network.InputSize, $"the model reads {network.InputSize} input(s) per step");

            // The device's own settings (EdgeLstm.Iot DetectorOptions defaults: 10 warm-up steps, threshold x1.5, exit at half),
            // with the quantile asked for; CalibrationResult.FromScores is the detector's calibration itself.
            var detector = new DetectorOptions { CalibrationQuantile = parse.GetValue(quantile) };
            int rows = (int)Math.Floor(inputs.Rows * parse.GetValue(fraction));
            int needed = detector.WarmupSamples + 2;
            if (rows < needed)
            {
                throw new InputException(
                    $"{inputs.Source}: {rows} row(s) to calibrate on; at least {needed} are needed " +
                    $"({detector.WarmupSamples} warm-up rows, then two scored predictions).");
            }
            CsvMatrix used = rows == inputs.Rows ? inputs : inputs.Take(rows);
            double[] outputs = ReferenceRunner.Run(network, used, console);
            double[] scores = NextStepScores.Compute(used.Values, outputs, rows, network.InputSize, detector.WarmupSamples, network.Normalization);

            var calibration = CalibrationResult.FromScores(scores, detector);
            string outPath = parse.GetValue(output) ?? DefaultOutput;
            calibration.Save(outPath);
            console.Out.WriteLine(string.Format(CultureInfo.InvariantCulture,
                "Threshold {0:G6} standard deviations above the mean error (quantile {1} of {2} scores, x{3}); " +
                "error mean {4:G6}, std {5:G6}. Written to {6}.",
                calibration.Threshold, calibration.Quantile, calibration.SampleCount, detector.ThresholdScale, calibration.ErrorMean, calibration.ErrorStd, outPath));
            return ExitCodes.Ok;
        }));
        return command;
    }
}
