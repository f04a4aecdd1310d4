using System;
using System.CommandLine;
using System.CommandLine.Invocation;
using System.IO;
using System.Threading;
using EdgeLstm.CommandLine;
using EdgeLstm.Iot.Sources.I2c;
using MachineMonitor.Device;
using MachineMonitor.Nab;

namespace MachineMonitor.App;

/// <summary>
/// The MachineMonitor command line: the device loop as the root command, plus <c>evaluate</c> (NAB benchmark) and
/// <c>report</c> (an event log against NAB's labels). Parsing is separate from running so tests can check it in-process.
/// </summary>
internal sealed class MonitorCommandLine
{
    private static readonly string[] SourceNames = ["sim", "csv", "iio", "mpu6050", "bme280", "ads1115", "ina219", "serial"];

    private readonly Option<string> _source = new("--source")
    {
        Description = "Where samples come from: sim (simulated machine), csv (--input), iio (Linux IIO sysfs), serial (CSV lines), " +
            "or an I2C sensor: mpu6050 (vibration), bme280 (BME280/BMP280 temperature, pressure, humidity), ads1115 (analogue input), ina219 (current).",
        DefaultValueFactory = _ => "sim",
    };

    private readonly Option<string> _input = new("--input") { Description = "CSV file for --source csv ('-' reads standard input)." };

    private readonly Option<string> _channel = new("--channel")
    {
        Description = "The one channel the model reads: CSV column name or index, IIO channel (default accel_z), MPU-6050 channel (default accel_z), " +
            "bme280 temperature|pressure|humidity (default temperature), ads1115 ain0..ain3 or ain0-ain1, ain0-ain3, ain1-ain3, ain2-ain3 (default ain0), " +
            "ina219 bus_voltage|current|power (default current).",
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

    private readonly Option<int> _i2cBus = InvariantNumberOption.Int("--i2c-bus", null, "I2C bus of the sensor (/dev/i2c-N).", 1, n => n >= 0, "an integer >= 0");

    private readonly Option<int?> _i2cAddress = I2cAddressOption.Create();

    private readonly Option<double> _adcRange = InvariantNumberOption.Double("--adc-range", null,
        "ADS1115 full-scale range in volts: 6.144, 4.096, 2.048, 1.024, 0.512 or 0.256.", 4.096, v => Ads1115Source.TryParseRange(v, out _), "one of 6.144, 4.096, 2.048, 1.024, 0.512, 0.256");

    private readonly Option<double> _shuntOhms = InvariantNumberOption.Double("--shunt-ohms", null,
        "INA219 shunt resistance in ohms (most breakout boards: 0.1).", Ina219Source.DefaultShuntOhms, r => r > 0 && r < 1000, "a number of ohms in (0, 1000)");

    private readonly Option<string> _serialPort = new("--serial-port") { Description = "Serial port for --source serial.", DefaultValueFactory = _ => "/dev/ttyACM0" };

    private readonly Option<int> _baud = InvariantNumberOption.Int("--baud", null, "Serial baud rate.", 115200, n => n > 0, "a positive integer");

    private readonly Option<string> _data = new("--data") { Description = "The NAB data folder (windows.json, peer_scores.csv, the series).", DefaultValueFactory = _ => "tests/data/nab" };

    private readonly Option<string> _results = new("--results") { Description = "Also write each file's per-row scores here, in NAB's results layout (<category>/edgelstm_<file>.csv)." };

    private readonly Option<string[]> _set = new("--set") { Description = "Experiments: override a learning setting, NAME=VALUE (repeatable). The device itself takes none.", Arity = ArgumentArity.ZeroOrMore, AllowMultipleArgumentsPerToken = false };

    private readonly Option<double> _threshold = InvariantNumberOption.Double("--threshold", null,
        "Experiments: the detector's alarm threshold (suppression follows an alarm).", MachineDetector.DefaultThreshold, t => t > 0 && t <= 1, "a number in (0, 1]");

    private readonly Option<bool> _perFile = new("--per-file") { Description = "Also print every file's raw standard score beside the peers'." };

    private readonly MqttConnectionOptions _mqtt = new("Report events, health and status to this MQTT broker (mqtt://HOST[:1883] or mqtts://HOST[:8883]); the --events log is the outbox.");

    private readonly Option<string> _deviceId = new("--device-id") { Description = "This board's id in the fleet (letters, digits, '.', '_', '-'): topics edgelstm/ID/... Required with --mqtt.", HelpName = "ID" };

    private readonly Option<double> _mqttHealth = InvariantNumberOption.Double("--mqtt-health", null,
        "Seconds between retained health reports.", 30, s => s >= 0.1 && s <= 86_400, "a number in [0.1, 86400]");

    private readonly Option<double> _mqttDrain = InvariantNumberOption.Double("--mqtt-drain", null,
        "At the end of the stream, wait this many seconds for the broker to acknowledge queued events (the rest go with the next run).", 5, s => s >= 0 && s <= 3600, "a number in [0, 3600]");

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
            _gpioPin, _gpioActiveLow, _rate, _samples, _iioDevice, _i2cBus, _i2cAddress, _adcRange, _shuntOhms, _serialPort, _baud,
            _deviceId, _mqttHealth, _mqttDrain,
        };
        _mqtt.AddTo(Root);

        Evaluate = new Command("evaluate", "Run the device's detector on every labelled NAB file and score it by NAB v1.1 (three profiles) beside the published detectors.")
        {
            _data, _results, _set, _threshold, _perFile,
        };
        Report = new Command("report", "Compare a replay's event log with the NAB labels of the replayed file.") { _reportEvents, _reportInput, _data };
        Root.Subcommands.Add(Evaluate);
        Root.Subcommands.Add(Report);

        Root.SetAction(parse =>
        {
            MonitorSettings settings;
            try
            {
                settings = ReadSettings(parse);
            }
            catch (ArgumentException ex)
            {
                // Broker options that cannot work (a bad URI or id, a missing certificate file): a usage error, said before anything starts.
                error.WriteLine($"error: {ex.Message}");
                return ExitCodes.BadUsage;
            }

            return MonitorRun.Execute(settings, output, error, cancellationToken);
        });
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
            "bme280" => SourceKind.Bme280,
            "ads1115" => SourceKind.Ads1115,
            "ina219" => SourceKind.Ina219,
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
            I2cAddress = parse.GetValue(_i2cAddress),
            AdcRange = parse.GetValue(_adcRange),
            ShuntOhms = parse.GetValue(_shuntOhms),
            SerialPort = parse.GetValue(_serialPort)!,
            Baud = parse.GetValue(_baud),
            Fleet = ReadFleet(parse),
        };
    }

    // --mqtt needs a device id and the event log it sends from; the broker options are checked here, before the run.
    private FleetSettings? ReadFleet(ParseResult parse)
    {
        var connection = _mqtt.Read(parse);
        string? deviceId = parse.GetValue(_deviceId);
        if (connection is null)
        {
            return deviceId is null ? null : throw new ArgumentException("--device-id needs --mqtt URI.");
        }

        if (deviceId is null)
        {
            throw new ArgumentException("--mqtt needs --device-id ID: the board's name in the fleet (its topics are edgelstm/ID/...).");
        }

        EdgeLstm.Iot.Fleet.FleetTopics.ValidateDeviceId(deviceId);
        if (parse.GetValue(_events) is null)
        {
            throw new ArgumentException("--mqtt needs --events FILE: the durable event log is the outbox events are sent from (and kept in while the broker is away).");
        }

        return new FleetSettings(connection, deviceId, TimeSpan.FromSeconds(parse.GetValue(_mqttHealth)), TimeSpan.FromSeconds(parse.GetValue(_mqttDrain)));
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
