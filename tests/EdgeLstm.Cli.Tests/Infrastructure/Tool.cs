using System.IO;
using EdgeLstm.Cli.Infrastructure;

namespace EdgeLstm.Cli.Tests.Infrastructure;

/// <summary>What a command printed and returned.</summary>
public sealed record CliResult(int ExitCode, string Out, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
}

/// <summary>Runs edgelstm in-process, exactly as Main does, with captured streams and no progress display.</summary>
public static class Tool
{
    public static CliResult Run(params string[] args) => RunWithInput(string.Empty, args);

    public static CliResult RunWithInput(string stdin, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = new CliConsole(new StringReader(stdin), output, error, Progress: null);
        int exitCode = EdgeLstmCommandLine.Run(args, console);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }
}
