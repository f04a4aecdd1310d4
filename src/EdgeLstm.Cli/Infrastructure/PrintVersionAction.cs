using System.CommandLine;
using System.CommandLine.Invocation;
using EdgeLstm.Cli.Scaffolding;

namespace EdgeLstm.Cli.Infrastructure;

/// <summary>
/// --version: the tool's own version. System.CommandLine's default reads the entry assembly, which is not this tool
/// when it runs in-process (tests, hosts).
/// </summary>
internal sealed class PrintVersionAction : SynchronousCommandLineAction
{
    public override bool Terminating => true;

    public override bool ClearsParseErrors => true;

    public override int Invoke(ParseResult parseResult)
    {
        parseResult.InvocationConfiguration.Output.WriteLine(ToolVersion.Current);
        return ExitCodes.Ok;
    }
}
