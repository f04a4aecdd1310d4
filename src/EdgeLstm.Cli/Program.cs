using EdgeLstm.Cli;
using EdgeLstm.Cli.Infrastructure;

return EdgeLstmCommandLine.Run(args, CliConsole.ForProcess());
