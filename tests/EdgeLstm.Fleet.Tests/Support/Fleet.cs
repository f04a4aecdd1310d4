using System.IO;
using EdgeLstm.Cli;
using EdgeLstm.Cli.Infrastructure;

namespace EdgeLstm.Fleet.Tests.Support;

/// <summary>Runs <c>edgelstm</c> in-process, exactly as its Main does, and returns what it printed.</summary>
public static class EdgeLstmTool
{
    public static (int ExitCode, string Out, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = EdgeLstmCommandLine.Run(args, new CliConsole(new StringReader(string.Empty), output, error, null));
        return (exit, output.ToString(), error.ToString());
    }
}
