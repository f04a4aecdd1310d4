using System;
using System.CommandLine;
using System.CommandLine.Invocation;
using System.IO;
using System.Threading;
using EdgeLstm.CommandLine;
using MachineMonitor.Device;
using MachineMonitor.Nab;

namespace MachineMonitor.App;

/// <summary>
/// The MachineMonitor command line: the device loop as the root command, plus <c>evaluate</c> (NAB benchmark) and
/// <c>report</c> (an event log against NAB's labels). Parsing is separate from running so tests can check it in-process.
/// </summary>
internal sealed class MonitorCommandLine
{
    private static readonly string[] SourceNames = ["sim", "csv", "iio", "mpu6050", "serial"];

    private readonly Option<string> _source = new("--source")
    {
        Description = "Where samples come from: sim (simulated machine), csv (--input), iio (Linux IIO sysfs), mpu6050 (I2C), serial (CSV lines).",
        DefaultValueFactory = _ => "sim",
    };

    private readonly Option<string> _input = new("--input") { Description = "CSV file for --source csv ('-' reads standard input)." };

    private readonly Option<string> _channel = new("--channel")
    {
        Description = "The one channel the model reads: CSV column name or index, IIO channel (default accel_z), MPU-6050 channel (default accel_z).",
    };

    private readonly Option<double> _calibrationFraction = InvariantNumberOption.Double("--calibration-fraction", null,
        "Calibrate on the first fraction of a CSV file (warm-up included), as NAB's probationary period.", 0.15, f => f > 0 && f < 1, "a number in (0, 1)");

    private readonly Option<int> _calibrationSamples = InvariantNumberOption.Int("--calibration-samples", null,
        "Learn for this many samples when the stream's length is unknown (standard input, sensors); given, it also wins over --calibration-fraction for a file.", 500, n => n >= 2, "an integer >= 2");

    private readonly Option<string> _calibration = new("--calibration")
    {
        Description = "Load a saved calibration (from 'edgelstm calibrate' or --save-calibration) and detect from the start instead of calibrating.",
    };

    private readonly Option<string> _saveCalibration = new("--save-calibration") { Description = "Write the calibration this run learns to FILE." };

    private readonly Option<string> _events = new("--events") { Description = "Append events to this JSON-lines log (fsync per event)." };

    private readonly Option<string> _scores = new("--scores") { Description = "Write every sample's score to FILE in NAB's results format (timestamp,value,anomaly_score; score in [0, 1])." };

    private readonly Option<int?> _gpioPin = new("--gpio-pin") { Description = "Drive this GPIO pin (BCM numbering) while an anomaly is open." };

    private readonly Option<bool> _gpioActiveLow = new("--gpio-active-low") { Description = "The alarm is on when the pin is low (most relay boards)." };

    private readonly Option<double> _rate = InvariantNumberOption.Double("--rate", null,
        "Samples per second; 0 = as fast as the source delivers (replays). Default: 0 for sim and csv, 10 for sensors.", -1, r => r >= 0 && r <= 100_000, "a number in [0, 100000]");

    private readonly Option<int> _samples = InvariantNumberOption.Int("--samples", null, "Length of the simulated stream.", 4000, n => n >= 1, "an integer >= 1");

    private readonly Option<string> _iioDevice = new("--iio-device")
    {
        Description = "IIO device name (as in /sys/bus/iio/devices/*/name) or directory.",
        DefaultValueFactory = _ => "mpu6050",
    };

    private readonly Option<int> _i2cBus = InvariantNumberOption.Int("--i2c-bus", null, "I2C bus of the MPU-6050 (/dev/i2c-N).", 1, n => n >= 0, "an integer >= 0");

    private readonly Option<string> _serialPort = new("--serial-port") { Description = "Serial port for --source serial.", DefaultValueFactory = _ => "/dev/ttyACM0" };

    private readonly Option<int> _baud = InvariantNumberOption.Int("--baud", null, "Serial baud rate.", 115200, n => n > 0, "a positive integer");

    private readonly Option<string> _data = new("--data") { Description = "The NAB data folder (windows.json, peer_scores.csv, the series).", DefaultValueFactory = _ => "tests/data/nab" };

    private readonly Option<string> _results = new("--results") { Description = "Also write each file's per-row scores here, in NAB's results layout (<category>/edgelstm_<file>.csv)." };

    private readonly Option<string[]> _set = new("--set") { Description = "Experiments: override a learning setting, NAME=VALUE (repeatable). The device itself takes none.", Arity = ArgumentArity.ZeroOrMore, AllowMultipleArgumentsPerToken = false };

    private readonly Option<double> _threshold = InvariantNumberOption.Double("--threshold", null,
        "Experiments: the detector's alarm threshold (suppression follows an alarm).", MachineDetector.DefaultThreshold, t => t > 0 && t <= 1, "a number in (0, 1]");

    private readonly Option<bool> _perFile = new("--per-file") { Description = "Also print every file's raw standard score beside the peers'." };

    private readonly Option<string> _reportEvents = new("--events") { Description = "The JSON-lines event log of a replay.", Required = true };

    private readonly Option<string> _reportInput = new("--input") { Description = "The NAB series that was replayed.", Required = true };

    /// <param name="output">Events and reports.</param>
    /// <param name="error">Boot messages, errors, summaries.</param>
    /// <param name="cancellationToken">Stops the device loop.</param>
    public MonitorCommandLine(TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        _source.AcceptOnlyFromAmong(SourceNames);
        Root = new RootCommand(
            "MachineMonitor: watches a sensor with an LSTM next-step predictor and reports anomalies.\n" +
            "Events go to standard output as JSON lines (and to --events); boot messages and the summary to standard error.\n" +
            "Exit codes: 0 ok, 1 source or file error, 2 bad command line, 3 model self-test failed.")
        {
            _source, _input, _channel, _calibrationFraction, _calibrationSamples, _calibration, _saveCalibration, _events, _scores,
            _gpioPin, _gpioActiveLow, _rate, _samples, _iioDevice, _i2cBus, _serialPort, _baud,
        };

        Evaluate = new Command("evaluate", "Run the device's detector on every labelled NAB file and score it by NAB v1.1 (three profiles) beside the published detectors.")
        {
            _data, _results, _set, _threshold, _perFile,
        };
        Report = new Command("report", "Compare a replay's event log with the NAB labels of the replayed file.") { _reportEvents, _reportInput, _data };
        Root.Subcommands.Add(Evaluate);
        Root.Subcommands.Add(Report);

        Root.SetAction(parse => MonitorRun.Execute(ReadSettings(parse), output, error, cancellationToken));
        Evaluate.SetAction(parse => NabEvaluation.Run(parse.GetValue(_data)!, parse.GetValue(_results), parse.GetValue(_set) ?? [],
            parse.GetValue(_threshold), parse.GetValue(_perFile), output, error));
        Report.SetAction(parse => ReplayReport.Run(parse.GetValue(_reportEvents)!, parse.GetValue(_reportInput)!, parse.GetValue(_data)!, output, error));
    }

    public RootCommand Root { get; }

    public Command Evaluate { get; }

    public Command Report { get; }

    /// <summary>The device-loop settings of a parse of the root command.</summary>
    public MonitorSettings ReadSettings(ParseResult parse)
    {
        var source = parse.GetValue(_source) switch
        {
            "csv" => SourceKind.Csv,
            "iio" => SourceKind.Iio,
            "mpu6050" => SourceKind.Mpu6050,
            "serial" => SourceKind.Serial,
            _ => SourceKind.Sim,
        };
        double rate = parse.GetValue(_rate);
        return new MonitorSettings
        {
            Source = source,
            Input = parse.GetValue(_input),
            Channel = parse.GetValue(_channel),
            CalibrationFraction = parse.GetValue(_calibrationFraction),
            CalibrationSamples = parse.GetValue(_calibrationSamples),
            CalibrationSamplesGiven = parse.GetResult(_calibrationSamples) is { Implicit: false },
            CalibrationFile = parse.GetValue(_calibration),
            SaveCalibrationFile = parse.GetValue(_saveCalibration),
            EventsFile = parse.GetValue(_events),
            ScoresFile = parse.GetValue(_scores),
            GpioPin = parse.GetValue(_gpioPin),
            GpioActiveLow = parse.GetValue(_gpioActiveLow),
            Rate = rate >= 0 ? rate : source is SourceKind.Sim or SourceKind.Csv ? 0 : 10,
            SimulatedSamples = parse.GetValue(_samples),
            IioDevice = parse.GetValue(_iioDevice)!,
            I2cBus = parse.GetValue(_i2cBus),
            SerialPort = parse.GetValue(_serialPort)!,
            Baud = parse.GetValue(_baud),
        };
    }

    /// <summary>Parses and runs; returns the exit code (see <see cref="ExitCodes"/>).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ParseResult parse = new MonitorCommandLine(output, error, cancellationToken).Root.Parse(args);
        if (parse.Action is ParseErrorAction)
        {
            // System.CommandLine's own error exit code is 1; usage errors are 2 here (1 means the source failed).
            foreach (var problem in parse.Errors)
            {
                error.WriteLine($"error: {problem.Message}");
            }

            error.WriteLine("Run 'MachineMonitor --help' for usage.");
            return ExitCodes.BadUsage;
        }

        return parse.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
    }
}
