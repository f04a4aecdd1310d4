using System;
using System.CommandLine;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using EdgeLstm.Cli.Infrastructure;
using EdgeLstm.CommandLine;
using EdgeLstm.Iot.Fleet;
using Spectre.Console;

namespace EdgeLstm.Cli.Fleet;

/// <summary>
/// <c>edgelstm fleet --mqtt URI [--out events.jsonl] [--once]</c>: subscribes to every device's events, health and
/// status and shows them as a live table; <c>--once</c> prints the table once the retained state has arrived.
/// </summary>
internal static class FleetCommand
{
    public static Command Create(CliConsole console)
    {
        var mqtt = new MqttConnectionOptions("The fleet's MQTT broker: mqtt://HOST[:1883] or mqtts://HOST[:8883].", required: true);
        var output = new Option<string>("--out", "-o") { Description = "Append every event received (once per id) to this JSON-lines file.", HelpName = "FILE" };
        var session = new Option<string>("--session")
        {
            Description = "Keep a persistent subscription under this name: the broker queues events while the view is not running, and the next run with the same name receives them (use with --out for a complete archive).",
            HelpName = "NAME",
        };
        var once = new Option<bool>("--once") { Description = "Print the table once the broker's retained state has arrived, then exit (for scripts)." };
        var wait = InvariantNumberOption.Double("--wait", null,
            "With --once: the longest time to wait for retained messages, in seconds (it returns earlier once messages stop coming).", 5, s => s > 0 && s <= 600, "a number in (0, 600]");
        var command = new Command("fleet",
            "Watch a fleet of EdgeLstm devices through their MQTT broker: status, last event, events in the last hour, health age, outbox backlog.\n" +
            "Topics: edgelstm/<device-id>/events (QoS 1, JSON with a unique \"id\"), /health (retained JSON), /status (retained online|offline).")
        {
            output,
            session,
            once,
            wait,
        };
        mqtt.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            FleetSubscriber subscriber;
            try
            {
                subscriber = new FleetSubscriber(mqtt.Read(parse)!, parse.GetValue(output), parse.GetValue(session));
            }
            catch (ArgumentException ex)
            {
                console.Error.WriteLine($"error: {ex.Message}");
                return ExitCodes.BadInput;
            }
            catch (IOException ex)
            {
                console.Error.WriteLine($"error: {ex.Message}");
                return ExitCodes.BadInput;
            }

            await using (subscriber.ConfigureAwait(false))
            {
                string? problem = await subscriber.ConnectAsync(cancellationToken).ConfigureAwait(false);
                if (problem is not null)
                {
                    console.Error.WriteLine($"error: cannot connect to {subscriber.Broker}: {problem}");
                    return ExitCodes.BadInput;
                }

                return parse.GetValue(once)
                    ? await OnceAsync(console, subscriber, TimeSpan.FromSeconds(parse.GetValue(wait)), cancellationToken).ConfigureAwait(false)
                    : await LiveAsync(console, subscriber, cancellationToken).ConfigureAwait(false);
            }
        });
        return command;
    }

    // Retained status and health arrive in a burst right after subscribing; the table is printed once they stop.
    private static async Task<int> OnceAsync(CliConsole console, FleetSubscriber subscriber, TimeSpan wait, CancellationToken cancellationToken)
    {
        var quiet = TimeSpan.FromMilliseconds(500);
        var deadline = DateTimeOffset.UtcNow + wait;
        while (DateTimeOffset.UtcNow < deadline && !cancellationToken.IsCancellationRequested
            && (subscriber.LastMessage is not { } last ? true : DateTimeOffset.UtcNow - last < quiet))
        {
            await Task.Delay(50, CancellationToken.None).ConfigureAwait(false);
        }

        OutputConsole(console).Write(FleetTable.Render(subscriber.State, DateTimeOffset.UtcNow, subscriber.Broker));
        return ExitCodes.Ok;
    }

    private static async Task<int> LiveAsync(CliConsole console, FleetSubscriber subscriber, CancellationToken cancellationToken)
    {
        var screen = OutputConsole(console);
        await screen.Live(FleetTable.Render(subscriber.State, DateTimeOffset.UtcNow, subscriber.Broker))
            .AutoClear(false)
            .StartAsync(async context =>
            {
                while (!cancellationToken.IsCancellationRequested)
                {
                    try
                    {
                        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                    }

                    context.UpdateTarget(FleetTable.Render(subscriber.State, DateTimeOffset.UtcNow, subscriber.Broker));
                }
            }).ConfigureAwait(false);
        return ExitCodes.Ok;
    }

    // The table goes to standard output; redirected (scripts, tests) it is plain text of a fixed width.
    private static IAnsiConsole OutputConsole(CliConsole console)
    {
        bool terminal = ReferenceEquals(console.Out, Console.Out) && !Console.IsOutputRedirected;
        var screen = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(console.Out),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!terminal)
        {
            screen.Profile.Width = 160;
        }

        return screen;
    }
}
