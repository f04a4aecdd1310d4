using System.CommandLine;
using EdgeLstm.Cli.Csv;
using EdgeLstm.Cli.Infrastructure;
using EdgeLstm.Cli.Models;
using EdgeLstm.Cli.Validation;
using EdgeLstm.CommandLine;
using EdgeLstm.Model;

namespace EdgeLstm.Cli.Commands;

/// <summary>
/// <c>edgelstm validate MODEL --input in.csv [--expected out.csv | --device-log log.csv] [--tolerance 1e-5]</c>:
/// runs the reference implementation and compares it with outputs from PyTorch or from the device.
/// </summary>
internal static class ValidateCommand
{
    public const double DefaultTolerance = 1e-5;

    public static Command Create(CliConsole console)
    {
        var model = new Argument<string>("MODEL") { Description = "The weight file (.onnx, .safetensors, .pt or .json)." };
        var input = new Option<string>("--input", "-i")
        {
            Description = "Input CSV: one row per time step, InputSize columns, header optional.",
            Required = true,
        };
        var expected = new Option<string?>("--expected", "-e")
        {
            Description = "Expected outputs CSV (e.g. from PyTorch): one row per input row, OutputSize columns, header optional.",
        };
        var deviceLog = new Option<string?>("--device-log")
        {
            Description = "A log written on the device: header 'step,out0,out1,...', one row per logged step (see docs/cli.md).",
        };
        var tolerance = InvariantNumberOption.Double("--tolerance", "-t", "Largest acceptable absolute error per output value.",
            DefaultTolerance, value => value >= 0 && !double.IsInfinity(value), "a finite number >= 0");
        var architecture = new ArchitectureOptions();

        var command = new Command("validate",
            "Run the reference implementation on an input CSV and compare with expected outputs (from PyTorch, or a device log); " +
            "report max and mean absolute error per output channel and the first step over tolerance. Exit 1 when any value is over " +
            "tolerance. Without --expected or --device-log, write the outputs to stdout as CSV.")
        {
            model,
            input,
            expected,
            deviceLog,
            tolerance,
        };
        architecture.AddTo(command);
        command.Validators.Add(result =>
        {
            if (result.GetResult(expected) is not null && result.GetResult(deviceLog) is not null)
            {
                result.AddError("--expected and --device-log cannot be used together; give one.");
            }
        });

        command.SetAction(parse => CommandGuard.Run(console, () =>
        {
            string modelPath = parse.GetRequiredValue(model);
            NetworkModel network = ModelLoader.Load(modelPath, architecture.Read(parse), console).Network;
            CsvMatrix inputs = CsvMatrix.Load(parse.GetRequiredValue(input));
            inputs.RequireColumns(network.InputSize, $"the model reads {network.InputSize} input(s) per step");

            // Read the expected file before the (possibly long) run, so that a typo fails at once.
            ExpectedOutputs? want = null;
            if (parse.GetValue(expected) is { } expectedPath)
            {
                want = ExpectedOutputs.FromOutputCsv(CsvMatrix.Load(expectedPath), inputs.Rows, network.OutputSize);
            }
            else if (parse.GetValue(deviceLog) is { } logPath)
            {
                want = ExpectedOutputs.FromDeviceLog(CsvMatrix.Load(logPath), inputs.Rows, network.OutputSize);
            }

            double[] outputs = ReferenceRunner.Run(network, inputs, console);
            if (want is null)
            {
                CsvWriter.WriteHeader(console.Out, DeviceLogFormat.OutputPrefix, network.OutputSize);
                CsvWriter.WriteRows(console.Out, outputs, inputs.Rows, network.OutputSize);
                return ExitCodes.Ok;
            }

            OutputComparison comparison = OutputComparison.Compare(outputs, want, parse.GetValue(tolerance));
            ComparisonReport.Write(console.Out, modelPath, want.Source, comparison);
            return comparison.Passed ? ExitCodes.Ok : ExitCodes.ValidationFailed;
        }));
        return command;
    }
}
