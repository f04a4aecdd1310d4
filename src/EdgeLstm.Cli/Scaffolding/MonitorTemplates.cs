using System.Security;
using EdgeLstm.Iot.Detection;

namespace EdgeLstm.Cli.Scaffolding;

/// <summary>
/// The files <c>edgelstm new --template monitor</c> writes besides the model class: a device program around the user's
/// model, as MachineMonitor is around its own: a sensor source chosen on the command line (CSV, simulated, serial, IIO, or an I2C
/// sensor through Iot.Device.Bindings) behind the fault layer, the streaming detector, the durable event log, GPIO, and
/// optionally the fleet link over MQTT (<see cref="MonitorFleetTemplates"/>).
/// </summary>
internal static class MonitorTemplates
{
    /// <summary>The detection mode that suits a model's shape (the user can change it in Detection.cs).</summary>
    public static DetectionMode ModeFor(int inputSize, int outputSize)
        => outputSize == inputSize ? DetectionMode.NextStepPrediction
            : inputSize == 1 ? DetectionMode.LearnedReadout
            : DetectionMode.DirectScore;

    public static string ProjectFile(string edgeLstmVersion) => ProjectTemplates.ProjectFile(edgeLstmVersion, monitor: true);

    public static string Detection(string @namespace, string className, int inputSize, int outputSize)
    {
        DetectionMode mode = ModeFor(inputSize, outputSize);
        string choice = mode switch
        {
            DetectionMode.NextStepPrediction => $"""
                    // {className} has as many outputs as inputs ({inputSize}): read as a next-step predictor, output c predicting
                    // input c one sample ahead. The score is the prediction error, standardised by its spread on the first
                    // samples (calibration); the threshold is the calibration's 99.9th percentile × 1.5.
                    Mode = DetectionMode.NextStepPrediction,
            """,
            DetectionMode.LearnedReadout => $"""
                    // {className} reads one channel and has {outputSize} outputs: read as features (a head-less LSTM's hidden
                    // state), as MachineMonitor does. The detector learns a readout that predicts the next value from them while
                    // it runs, and scores the surprise of its error with Numenta's anomaly likelihood, in [0, 1].
                    Mode = DetectionMode.LearnedReadout,
                    FixedThreshold = 0.5,
                    QuietSamples = 30,
            """,
            _ => $"""
                    // {className} has {inputSize} inputs and {outputSize} output(s): read as a classifier whose output
                    // {outputSize - 1} is the probability of "anomalous". If that is not what it computes, change the mode.
                    Mode = DetectionMode.DirectScore,
                    AnomalyOutputIndex = {outputSize - 1},
                    FixedThreshold = 0.5,
            """,
        };

        return $$"""
            using EdgeLstm.Iot.Detection;

            namespace {{@namespace}};

            /// <summary>How the detector reads {{className}}'s outputs. Chosen by edgelstm new from the model's shape; edit to suit.</summary>
            /// <remarks>
            /// The modes: NextStepPrediction (outputs predict the next inputs), DirectScore (an output is the anomaly
            /// probability), LearnedReadout (outputs are features of a single input channel). See DetectorOptions for the rest.
            /// </remarks>
            internal static class MonitorDetection
            {
                /// <summary>The largest self-test error accepted: float32 kernels agree with the double reference far closer.</summary>
                public const float SelfTestTolerance = 1e-4f;

                /// <param name="calibrationSamples">Samples learned from (normal operation) before alarms are raised.</param>
                public static DetectorOptions Options(int calibrationSamples) => new()
                {
            {{choice}}
                    CalibrationSamples = calibrationSamples,
                };
            }

            """;
    }

    public static string Sources(string @namespace) => $$"""
        using System;
        using System.Collections.Generic;
        using System.Device.I2c;
        using System.IO;
        using EdgeLstm.Iot.Sources;
        using EdgeLstm.Iot.Sources.I2c;
        using Iot.Device.Ads1115;

        namespace {{@namespace}};

        /// <summary>Opens the sensor the command line names and picks the channels the model reads.</summary>
        internal static class SensorSources
        {
            public static readonly string[] Names = ["csv", "sim", "serial", "iio", "mpu6050", "bme280", "ads1115", "ina219"];

            /// <exception cref="IOException">The file, port, bus or chip cannot be opened.</exception>
            /// <exception cref="ArgumentException">A channel or column does not exist.</exception>
            public static ISensorSource Open(MonitorSettings s, int modelInputs) => s.Source switch
            {
                "csv" => OpenCsv(s),
                "sim" => Simulated(s, modelInputs),
                "serial" => new SerialSensorSource(s.SerialPort, s.Baud, TimeSpan.FromSeconds(2), new CsvSourceOptions { ValueColumns = s.Channels }),
                "iio" => new IioSensorSource(Directory.Exists(s.IioDevice) ? s.IioDevice : IioSensorSource.FindDevice(s.IioDevice),
                    Array.ConvertAll(s.Channels ?? throw new ArgumentException("--source iio needs --channel NAME for each model input."), c => new IioChannel(c))),
                "mpu6050" => Select(s, Guard(s, device => new Mpu6050Source(device), Mpu6050Source.DefaultAddress), Mpu6050Source.ChannelNames, modelInputs),
                "bme280" => OpenBmx280(s, modelInputs),
                "ads1115" => Guard(s, device => new Ads1115Source(device, AdcInputs(s, modelInputs)), Ads1115Source.DefaultAddress),
                "ina219" => Select(s, Guard(s, device => new Ina219Source(device, s.ShuntOhms), Ina219Source.DefaultAddress), Ina219Source.ChannelNames, modelInputs),
                _ => throw new ArgumentException($"unknown source '{s.Source}'."),
            };

            private static ISensorSource OpenCsv(MonitorSettings s)
            {
                string input = s.Input ?? throw new ArgumentException("--source csv needs --input FILE (or - for standard input).");
                var options = new CsvSourceOptions { ValueColumns = s.Channels };
                return input == "-" ? CsvSensorSource.OpenStandardInput(options) : CsvSensorSource.OpenFile(input, options);
            }

            // One noisy sine per model input, a two-sample dropout (NaN: two fault events) 200 samples after calibration
            // and a spike 400 after: the whole app (detector, log, alarm, fleet link) can be tried without hardware.
            private static ISensorSource Simulated(MonitorSettings s, int channels)
            {
                var signals = new SimulatedSignal[channels];
                for (int c = 0; c < channels; c++)
                {
                    signals[c] = new SimulatedSignal { Components = [new SineComponent(Amplitude: 1, PeriodSamples: 60 + 17 * c)], NoiseStd = 0.02 };
                }

                SimulatedAnomaly[] anomalies =
                [
                    new(SimulatedAnomalyKind.Dropout, Start: s.CalibrationSamples + 200, Length: 2, Channel: 0),
                    new(SimulatedAnomalyKind.Spike, Start: s.CalibrationSamples + 400, Magnitude: 8, Channel: 0),
                ];
                return new SimulatedSensorSource(signals, seed: 1, anomalies, TimeSpan.FromSeconds(1), s.Samples);
            }

            private static ISensorSource OpenBmx280(MonitorSettings s, int modelInputs)
            {
                var sensor = Guard(s, device => new Bmx280Source(device), Bmx280Source.DefaultAddress);
                return Select(s, sensor, sensor.ChannelNames, modelInputs);
            }

            private static InputMultiplexer[] AdcInputs(MonitorSettings s, int modelInputs)
            {
                // By default one single-ended input per model input: ain0, ain1, ...
                string[] names = s.Channels ?? DefaultAdcInputs(Math.Min(modelInputs, 4));
                return Array.ConvertAll(names, name => Ads1115Source.TryParseInput(name, out var input) ? input
                    : throw new ArgumentException($"--channel '{name}' is not an ADS1115 input; expected ain0..ain3 or ain0-ain1, ain0-ain3, ain1-ain3, ain2-ain3."));
            }

            private static string[] DefaultAdcInputs(int count)
            {
                var names = new string[count];
                for (int i = 0; i < count; i++)
                {
                    names[i] = "ain" + i;
                }

                return names;
            }

            // Channels by name (--channel, in model input order); by default the sensor's first channels.
            private static ISensorSource Select(MonitorSettings s, ISensorSource sensor, string[] names, int modelInputs)
            {
                var picked = new List<int>();
                foreach (string name in s.Channels ?? names[..Math.Min(modelInputs, names.Length)])
                {
                    int index = Array.FindIndex(names, n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
                    if (index < 0)
                    {
                        sensor.Dispose();
                        throw new ArgumentException($"--channel '{name}' is not a channel of --source {s.Source}; expected {string.Join(", ", names)}.");
                    }

                    picked.Add(index);
                }

                return new SelectedChannelsSource(sensor, picked);
            }

            // Opens /dev/i2c-N and the chip; when nothing answers, closes the bus and says where nothing answered.
            private static T Guard<T>(MonitorSettings s, Func<I2cDevice, T> create, int defaultAddress)
            {
                int address = s.I2cAddress ?? defaultAddress;
                I2cDevice device;
                try
                {
                    device = I2cDevice.Create(new I2cConnectionSettings(s.I2cBus, address));
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException)
                {
                    throw new IOException($"cannot open I2C bus {s.I2cBus} (/dev/i2c-{s.I2cBus}): {ex.Message}", ex);
                }

                try
                {
                    return create(device);
                }
                catch (Exception ex) when (ex is IOException or TimeoutException or InvalidOperationException or UnauthorizedAccessException)
                {
                    device.Dispose();
                    throw new IOException($"no {s.Source} answered at address 0x{address:X2} on /dev/i2c-{s.I2cBus}: {ex.Message} (i2cdetect -y {s.I2cBus} lists what answers)", ex);
                }
            }
        }

        """;

    public static string Program(string @namespace, string className) => $$"""
        using System;
        using System.Collections.Generic;
        using System.CommandLine;
        using System.Device.Gpio;
        using System.Globalization;
        using System.IO;
        using System.Runtime.InteropServices;
        using System.Threading;
        using EdgeLstm.Iot.Alarms;
        using EdgeLstm.Iot.Detection;
        using EdgeLstm.Iot.Events;
        using EdgeLstm.Iot.Faults;
        using EdgeLstm.Iot.Monitoring;
        using EdgeLstm.Iot.Sources;

        namespace {{@namespace}};

        /// <summary>What the command line says.</summary>
        internal sealed record MonitorSettings
        {
            public string Source { get; init; } = "csv";
            public string? Input { get; init; }
            public string[]? Channels { get; init; }
            public string? EventsFile { get; init; }
            public int? GpioPin { get; init; }
            public bool GpioActiveLow { get; init; }
            public double Rate { get; init; }
            public int CalibrationSamples { get; init; } = 500;
            public int I2cBus { get; init; } = 1;
            public int? I2cAddress { get; init; }
            public double ShuntOhms { get; init; } = 0.1;
            public string IioDevice { get; init; } = "";
            public string SerialPort { get; init; } = "/dev/ttyACM0";
            public int Baud { get; init; } = 115200;
            public long? Samples { get; init; }
            public FleetSettings? Fleet { get; init; }
        }

        /// <summary>
        /// Watches a sensor with {{className}}: reads samples, runs the model and the anomaly detector on each, and reports
        /// anomalies as JSON lines on stdout and in a durable event log (--events); optionally drives a GPIO pin while one
        /// is open; optionally reports events and health to a fleet's MQTT broker (--mqtt). A sensor fault or a NaN is
        /// reported and survived. Exit codes: 0 ok, 1 source or file error, 2 bad command line, 3 model self-test failed.
        /// </summary>
        internal static class Program
        {
            private static int Main(string[] args)
            {
                var source = new Option<string>("--source") { Description = "csv (--input), sim (simulated, no hardware), serial, iio, or an I2C sensor: mpu6050, bme280, ads1115, ina219.", DefaultValueFactory = _ => "csv" };
                source.AcceptOnlyFromAmong(SensorSources.Names);
                var input = new Option<string>("--input") { Description = "CSV file for --source csv ('-' reads standard input)." };
                var channels = new Option<string[]>("--channel") { Description = $"A channel the model reads (CSV column, sensor channel, ADC input), once per model input ({{className}} reads {{{className}}.InputSize}). Default: all CSV value columns, or the sensor's first channels.", AllowMultipleArgumentsPerToken = false };
                var events = new Option<string>("--events") { Description = "Append events to this JSON-lines log (fsync per event)." };
                var gpioPin = new Option<int?>("--gpio-pin") { Description = "Drive this GPIO pin (BCM numbering) while an anomaly is open." };
                var gpioActiveLow = new Option<bool>("--gpio-active-low") { Description = "The alarm is on when the pin is low." };
                var rate = new Option<double>("--rate") { Description = "Samples per second; 0 reads as fast as the source delivers. Default: 0 for csv, 10 for sensors.", DefaultValueFactory = _ => -1 };
                var calibration = new Option<int>("--calibration-samples") { Description = "Samples of normal operation learned from before alarms are raised.", DefaultValueFactory = _ => 500 };
                var i2cBus = new Option<int>("--i2c-bus") { Description = "I2C bus of the sensor (/dev/i2c-N).", DefaultValueFactory = _ => 1 };
                var i2cAddress = new Option<string>("--i2c-address") { Description = "I2C address (0x48 or 72). Default: the chip's usual one." };
                var shunt = new Option<double>("--shunt-ohms") { Description = "INA219 shunt resistance in ohms.", DefaultValueFactory = _ => 0.1 };
                var iioDevice = new Option<string>("--iio-device") { Description = "IIO device name (as in /sys/bus/iio/devices/*/name) or directory.", DefaultValueFactory = _ => "" };
                var serialPort = new Option<string>("--serial-port") { Description = "Serial port for --source serial.", DefaultValueFactory = _ => "/dev/ttyACM0" };
                var baud = new Option<int>("--baud") { Description = "Serial baud rate.", DefaultValueFactory = _ => 115200 };
                var samples = new Option<long?>("--samples") { Description = "Stop after this many samples of --source sim (default: run until stopped)." };
                var fleet = new FleetOptions();
                rate.Validators.Add(r => { if (r.GetValueOrDefault<double>() is var v && v != -1 && !(v >= 0)) r.AddError("--rate must be >= 0."); });
                calibration.Validators.Add(r => { if (r.GetValueOrDefault<int>() < 2) r.AddError("--calibration-samples must be at least 2."); });
                samples.Validators.Add(r => { if (r.GetValueOrDefault<long?>() is < 1) r.AddError("--samples must be at least 1."); });
                i2cAddress.Validators.Add(r => { if (ParseAddress(r.GetValueOrDefault<string>()) is null && r.GetValueOrDefault<string>() is { } t) r.AddError($"--i2c-address '{t}' is not a 7-bit address (0x03-0x77)."); });

                var root = new RootCommand("{{@namespace}}: anomaly monitor around {{className}} (EdgeLstm).")
                {
                    source, input, channels, events, gpioPin, gpioActiveLow, rate, calibration, i2cBus, i2cAddress, shunt, iioDevice, serialPort, baud, samples,
                };
                fleet.AddTo(root);
                root.SetAction(parse =>
                {
                    string kind = parse.GetValue(source)!;
                    double r = parse.GetValue(rate);
                    FleetSettings? fleetSettings;
                    try
                    {
                        fleetSettings = fleet.Read(parse, parse.GetValue(events));
                    }
                    catch (ArgumentException ex)
                    {
                        Console.Error.WriteLine($"error: {ex.Message}");
                        return 2;
                    }

                    return Run(new MonitorSettings
                    {
                        Source = kind,
                        Input = parse.GetValue(input),
                        Channels = parse.GetValue(channels) is { Length: > 0 } c ? c : null,
                        EventsFile = parse.GetValue(events),
                        GpioPin = parse.GetValue(gpioPin),
                        GpioActiveLow = parse.GetValue(gpioActiveLow),
                        Rate = r >= 0 ? r : kind is "csv" or "sim" ? 0 : 10,
                        CalibrationSamples = parse.GetValue(calibration),
                        I2cBus = parse.GetValue(i2cBus),
                        I2cAddress = ParseAddress(parse.GetValue(i2cAddress)),
                        ShuntOhms = parse.GetValue(shunt),
                        IioDevice = parse.GetValue(iioDevice)!,
                        SerialPort = parse.GetValue(serialPort)!,
                        Baud = parse.GetValue(baud),
                        Samples = parse.GetValue(samples),
                        Fleet = fleetSettings,
                    });
                });

                ParseResult result = root.Parse(args);
                if (result.Errors.Count > 0)
                {
                    foreach (var problem in result.Errors)
                    {
                        Console.Error.WriteLine($"error: {problem.Message}");
                    }

                    return 2;
                }

                return result.Invoke();
            }

            private static int Run(MonitorSettings settings)
            {
                // The generated code checks itself against outputs the reference implementation computed at build time,
                // so a miscompiled or mis-deployed binary is caught at boot, not in the field.
                float selfTest = {{className}}.SelfTest();
                bool passed = selfTest <= MonitorDetection.SelfTestTolerance; // false for NaN too
                Console.Error.WriteLine($"self-test: max |error| {selfTest:E2} against the reference (limit 1e-4): {(passed ? "ok" : "FAILED")}");
                if (!passed)
                {
                    return 3;
                }

                using var stop = new CancellationTokenSource();
                using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Cancel(); });
                using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
                try
                {
                    using var source = new FaultTolerantSource(SensorSources.Open(settings, {{className}}.InputSize));
                    if (source.ChannelCount != {{className}}.InputSize)
                    {
                        throw new ArgumentException($"the source has {source.ChannelCount} channels; {{className}} reads {{{className}}.InputSize}. Choose them with --channel.");
                    }

                    var detector = new AnomalyDetector<{{className}}>(new {{className}}(), MonitorDetection.Options(settings.CalibrationSamples));

                    // The log opens (and repairs a torn last line) before the fleet link starts reading it as its outbox.
                    var log = settings.EventsFile is { } events ? new JsonLinesEventLog(events) : null;
                    FleetReporting? fleet;
                    try
                    {
                        fleet = settings.Fleet is { } fleetSettings ? FleetReporting.Start(fleetSettings, log!.Path, selfTest) : null;
                    }
                    catch
                    {
                        log?.Dispose();
                        throw;
                    }

                    using var fleetScope = fleet;
                    using var sink = OpenSinks(settings, log, fleet);
                    var pacer = settings.Rate > 0 ? new SamplePacer(TimeSpan.FromSeconds(1 / settings.Rate)) : null;
                    var monitor = new AnomalyMonitor<{{className}}>(source, detector, sink, pacer);
                    fleet?.Attach(monitor, detector);
                    MonitorSummary summary = monitor.Run(stop.Token);
                    fleet?.Finish();

                    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"summary: {summary.Samples} samples, {summary.Faults} faults, {summary.Anomalies} anomaly events"));
                    return 0;
                }
                catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException or ArgumentException or PlatformNotSupportedException)
                {
                    Console.Error.WriteLine($"error: {ex.Message}");
                    return 1;
                }
            }

            // The log first, so a record exists before anything reacts to it (the fleet link sends from the log); the alarm last.
            private static CompositeEventSink OpenSinks(MonitorSettings settings, JsonLinesEventLog? log, FleetReporting? fleet)
            {
                var sinks = new List<IEventSink>();
                if (log is not null)
                {
                    sinks.Add(log);
                }

                if (fleet is not null)
                {
                    sinks.Add(fleet.Sink);
                }

                sinks.Add(new TextWriterEventSink(Console.Out));
                if (settings.GpioPin is { } pin)
                {
                    sinks.Add(new AlarmEventSink(new GpioAlarmOutput(new GpioController(), pin, activeHigh: !settings.GpioActiveLow, ownsController: true)));
                }

                return new CompositeEventSink(sinks);
            }

            private static int? ParseAddress(string? text)
            {
                if (text is null)
                {
                    return null;
                }

                bool parsed = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
                    ? int.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int address)
                    : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out address);
                return parsed && address is >= 0x03 and <= 0x77 ? address : null;
            }
        }

        """;
}
