using System;
using System.CommandLine;
using System.CommandLine.Invocation;
using EdgeLstm.Cli.Commands;
using EdgeLstm.Cli.Infrastructure;

namespace EdgeLstm.Cli;

/// <summary>The <c>edgelstm</c> command tree and its one entry point, shared by Main and the tests.</summary>
internal static class EdgeLstmCommandLine
{
    public static Command Build(CliConsole console)
    {
        // A named root rather than RootCommand, whose name is the executable's: the tool's assembly is EdgeLstm.Cli
        // (see the csproj), but users type the tool command, edgelstm.
        var root = new Command(
            "edgelstm",
            "EdgeLstm: inspect, validate, convert, scaffold, calibrate and train recurrent models (LSTM, GRU, RNN) " +
            "read from ONNX, safetensors, PyTorch .pt, EdgeLstm JSON or RTNeural JSON.\n" +
            "Exit codes: 0 ok, 1 validation failed, 2 bad input (missing or malformed file, bad options), 3 internal error.");
        root.Options.Add(new System.CommandLine.Help.HelpOption());
        root.Options.Add(new VersionOption { Action = new PrintVersionAction() });
        root.Subcommands.Add(InspectCommand.Create(console));
        root.Subcommands.Add(ValidateCommand.Create(console));
        root.Subcommands.Add(ConvertCommand.Create(console));
        root.Subcommands.Add(NewCommand.Create(console));
        root.Subcommands.Add(CalibrateCommand.Create(console));
        root.Subcommands.Add(TrainCommand.Create(console));
        root.Subcommands.Add(Fleet.FleetCommand.Create(console));
        return root;
    }

    /// <summary>Parses and runs a command line; returns the process exit code (see <see cref="ExitCodes"/>).</summary>
    public static int Run(string[] args, CliConsole console)
    {
        ParseResult result = Build(console).Parse(args);

        // System.CommandLine reports parse errors with exit code 1, which this tool reserves for a failed validation;
        // bad options are bad input (2).
        if (result.Action is ParseErrorAction)
        {
            foreach (System.CommandLine.Parsing.ParseError error in result.Errors)
            {
                console.Error.WriteLine($"error: {error.Message}");
            }
            console.Error.WriteLine($"Run '{CommandPath(result)} --help' for usage.");
            return ExitCodes.BadInput;
        }

        var configuration = new InvocationConfiguration
        {
            Output = console.Out,
            Error = console.Error,
            EnableDefaultExceptionHandler = false,
            // Ctrl+C and SIGTERM cancel a long-running command's token (edgelstm fleet's live view then draws its last
            // table and disconnects cleanly) instead of killing the process. System.CommandLine 2.0.0 leaves this off
            // unless it is set; a command that ignores its token is ended after this long with 130/143.
            ProcessTerminationTimeout = TimeSpan.FromSeconds(2),
        };
        try
        {
            return result.Invoke(configuration);
        }
        catch (Exception e)
        {
            // Not something the user can fix (those are handled per command): say what broke, without a stack trace.
            console.Error.WriteLine($"internal error: {e.GetType().Name}: {e.Message}");
            console.Error.WriteLine("This is a bug in EdgeLstm; please report it with the command line and the model file.");
            return ExitCodes.InternalError;
        }
    }

    // Subcommands are one level deep, so the innermost command names the help to ask for.
    private static string CommandPath(ParseResult result)
        => result.CommandResult.Parent is null ? "edgelstm" : $"edgelstm {result.CommandResult.Command.Name}";
}
