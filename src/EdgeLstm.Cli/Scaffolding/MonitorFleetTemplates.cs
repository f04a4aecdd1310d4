namespace EdgeLstm.Cli.Scaffolding;

/// <summary>
/// The monitor template's optional link to a fleet broker, as MachineMonitor has it: <c>FleetOptions.cs</c> (the
/// <c>--mqtt</c> options, checked through <c>MqttConnectionSettings.FromOptions</c> so every app accepts and refuses
/// the same things) and <c>FleetReporting.cs</c> (the event log read as an outbox, the background publisher, the
/// health report). Without <c>--mqtt</c> the generated app never touches the network.
/// </summary>
internal static class MonitorFleetTemplates
{
    public static string Options(string @namespace) => $$"""
        using System;
        using System.CommandLine;
        using EdgeLstm.Iot.Fleet;

        namespace {{@namespace}};

        /// <summary>The broker, this board's id, how often health is reported and how long a finished run waits for the outbox.</summary>
        internal sealed record FleetSettings(MqttConnectionSettings Connection, string DeviceId, TimeSpan HealthInterval, TimeSpan DrainTimeout);

        /// <summary>
        /// The optional fleet options: --mqtt URI --device-id ID [--mqtt-ca FILE] [--mqtt-credentials FILE]
        /// [--mqtt-cert FILE [--mqtt-key FILE]] [--mqtt-health SECONDS] [--mqtt-drain SECONDS]. Secrets never come from
        /// the command line (ps and shell history show it): a credentials file, or the EDGELSTM_MQTT_USERNAME and
        /// EDGELSTM_MQTT_PASSWORD environment variables.
        /// </summary>
        internal sealed class FleetOptions
        {
            public FleetOptions()
            {
                // Checked while parsing: a typo is a usage error (exit 2) naming the option, before a sensor is opened.
                Uri.Validators.Add(r =>
                {
                    try
                    {
                        MqttConnectionSettings.Parse(r.GetValueOrDefault<string>()!);
                    }
                    catch (ArgumentException ex)
                    {
                        r.AddError($"--mqtt: {ex.Message}");
                    }
                });
                DeviceId.Validators.Add(r =>
                {
                    if (FleetTopics.DeviceIdProblem(r.GetValueOrDefault<string>()) is { } problem)
                    {
                        r.AddError($"--device-id: {problem}.");
                    }
                });
                HealthSeconds.Validators.Add(r => { if (r.GetValueOrDefault<double>() is not (>= 0.1 and <= 86_400)) r.AddError("--mqtt-health must be between 0.1 and 86400 seconds."); });
                DrainSeconds.Validators.Add(r => { if (r.GetValueOrDefault<double>() is not (>= 0 and <= 3_600)) r.AddError("--mqtt-drain must be between 0 and 3600 seconds."); });
            }

            public Option<string> Uri { get; } = new("--mqtt") { Description = "Report events, health and status to this MQTT broker: mqtt://HOST[:1883] or mqtts://HOST[:8883]. Needs --device-id and --events (the log is the outbox).", HelpName = "URI" };

            public Option<string> DeviceId { get; } = new("--device-id") { Description = "This board's id in the fleet (letters, digits, '.', '_', '-'): its topics are edgelstm/ID/events, health and status.", HelpName = "ID" };

            public Option<string> CaFile { get; } = new("--mqtt-ca") { Description = "Trust the broker's certificate if it chains to this PEM CA; otherwise the system's CA store. Certificates are always verified.", HelpName = "FILE" };

            public Option<string> CredentialsFile { get; } = new("--mqtt-credentials") { Description = $"A file with the broker user name on line 1 and the password on line 2 (default: {MqttCredentials.UserNameVariable} and {MqttCredentials.PasswordVariable}).", HelpName = "FILE" };

            public Option<string> CertificateFile { get; } = new("--mqtt-cert") { Description = "A PEM client certificate, for brokers that authenticate devices by certificate.", HelpName = "FILE" };

            public Option<string> KeyFile { get; } = new("--mqtt-key") { Description = "The PEM private key of --mqtt-cert.", HelpName = "FILE" };

            public Option<double> HealthSeconds { get; } = new("--mqtt-health", "--health-interval") { HelpName = "SECONDS", Description = "Seconds between the retained health reports.", DefaultValueFactory = _ => 30 };

            public Option<double> DrainSeconds { get; } = new("--mqtt-drain", "--drain-timeout") { HelpName = "SECONDS", Description = "At the end of a finite stream, seconds to wait for the broker to acknowledge what is queued (the rest stays in the log for the next run).", DefaultValueFactory = _ => 5 };

            public void AddTo(Command command)
            {
                foreach (Option option in new Option[] { Uri, DeviceId, CaFile, CredentialsFile, CertificateFile, KeyFile, HealthSeconds, DrainSeconds })
                {
                    command.Options.Add(option);
                }
            }

            /// <summary>The fleet settings, or null without --mqtt.</summary>
            /// <exception cref="ArgumentException">A missing companion option, a TLS file with mqtt://, a missing file (never showing a password).</exception>
            public FleetSettings? Read(ParseResult parse, string? eventsFile)
            {
                if (parse.GetValue(Uri) is not { } uri)
                {
                    foreach (Option<string> option in new[] { DeviceId, CaFile, CredentialsFile, CertificateFile, KeyFile })
                    {
                        if (parse.GetValue(option) is not null)
                        {
                            throw new ArgumentException($"{option.Name} needs --mqtt URI.");
                        }
                    }

                    return null;
                }

                string deviceId = parse.GetValue(DeviceId)
                    ?? throw new ArgumentException("--mqtt needs --device-id ID: this board's name in the fleet (its topics are edgelstm/ID/...).");
                if (eventsFile is null)
                {
                    throw new ArgumentException("--mqtt needs --events FILE: the durable event log is the outbox events are sent from, and kept in while the broker is away.");
                }

                var connection = MqttConnectionSettings.FromOptions(uri, parse.GetValue(CaFile), parse.GetValue(CredentialsFile), parse.GetValue(CertificateFile), parse.GetValue(KeyFile));
                return new FleetSettings(connection, deviceId, TimeSpan.FromSeconds(parse.GetValue(HealthSeconds)), TimeSpan.FromSeconds(parse.GetValue(DrainSeconds)));
            }
        }

        """;

    public static string Reporting(string @namespace, string className) => $$"""
        using System;
        using System.Diagnostics;
        using System.Globalization;
        using System.IO;
        using EdgeLstm.Iot.Detection;
        using EdgeLstm.Iot.Events;
        using EdgeLstm.Iot.Fleet;
        using EdgeLstm.Iot.Monitoring;

        namespace {{@namespace}};

        /// <summary>
        /// The monitor's link to the fleet (--mqtt): the event log read as an outbox (a cursor file beside it marks what
        /// the broker acknowledged), a background publisher that reconnects with back-off, and the health report. The
        /// sensor loop only appends to the log and signals the publisher: it never waits for the network.
        /// </summary>
        internal sealed class FleetReporting : IDisposable
        {
            private readonly FleetSettings _settings;
            private readonly EventOutbox _outbox;
            private readonly FleetPublisher _publisher;
            private readonly Stopwatch _uptime = Stopwatch.StartNew();
            private readonly double _selfTestError;
            private AnomalyMonitor<{{className}}>? _monitor;
            private AnomalyDetector<{{className}}>? _detector;

            private FleetReporting(FleetSettings settings, string eventsFile, double selfTestError)
            {
                _settings = settings;
                _selfTestError = selfTestError;
                _outbox = new EventOutbox(eventsFile, settings.DeviceId);
                try
                {
                    if (_outbox.CursorWarning is { } warning)
                    {
                        Console.Error.WriteLine($"mqtt: {warning}");
                    }

                    var options = new FleetPublisherOptions { Connection = settings.Connection, DeviceId = settings.DeviceId, HealthInterval = settings.HealthInterval };
                    _publisher = new FleetPublisher(options, _outbox, Health, Console.Error.WriteLine);
                }
                catch
                {
                    _outbox.Dispose();
                    throw;
                }

                Sink = new FleetOutboxSink(_publisher);
            }

            /// <summary>The sink to place right after the event log: by the time it runs, the event is on disk.</summary>
            public IEventSink Sink { get; }

            /// <summary>Opens the outbox of <paramref name="eventsFile"/> (after the log has opened it) and starts publishing.</summary>
            public static FleetReporting Start(FleetSettings settings, string eventsFile, double selfTestError)
            {
                var reporting = new FleetReporting(settings, eventsFile, selfTestError);
                reporting._publisher.Start();
                return reporting;
            }

            /// <summary>Where the health report's counters and threshold come from.</summary>
            public void Attach(AnomalyMonitor<{{className}}> monitor, AnomalyDetector<{{className}}> detector)
            {
                _detector = detector;
                _monitor = monitor;
            }

            /// <summary>The end of the stream: waits (bounded) for the outbox to drain and says what is left. Queued events are safe in the log.</summary>
            public void Finish()
            {
                long left = _publisher.Stop(_settings.DrainTimeout);
                Console.Error.WriteLine(left == 0
                    ? string.Create(CultureInfo.InvariantCulture, $"mqtt: every event in {_outbox.LogPath} is acknowledged by the broker ({_publisher.Published} sent by this run)")
                    : string.Create(CultureInfo.InvariantCulture, $"mqtt: {left} event(s) still queued in {_outbox.LogPath} (not acknowledged within {_settings.DrainTimeout.TotalSeconds:0.#} s); they are safe in the log and go out with the next run"));
            }

            public void Dispose()
            {
                _publisher.Dispose();
                _outbox.Dispose();
            }

            // Called on the publisher's task: the loop's counters are read without locks (a report may be a sample behind).
            private FleetHealth Health()
            {
                MonitorSummary summary = _monitor?.Summary ?? default;
                double threshold = _detector?.Calibration?.Threshold ?? double.NaN;
                return new FleetHealth(summary.Samples, summary.Faults, _outbox.TotalEvents, threshold, _selfTestError, _uptime.Elapsed, _outbox.Backlog);
            }
        }

        """;
}
