using System;
using System.IO;
using Spectre.Console;

namespace EdgeLstm.Cli.Infrastructure;

/// <summary>
/// Where a command reads and writes. Commands never touch <see cref="Console"/> directly, so tests run them
/// in-process with string writers and see exactly what a user would.
/// </summary>
/// <param name="In">Standard input (CSV rows can be piped in).</param>
/// <param name="Out">Results: reports, CSV, JSON. Kept free of progress output so that it can be redirected.</param>
/// <param name="Error">Errors and warnings.</param>
/// <param name="Progress">Where progress bars and spinners go, or null for none (redirected stderr, tests).</param>
internal sealed record CliConsole(TextReader In, TextWriter Out, TextWriter Error, IAnsiConsole? Progress)
{
    /// <summary>The process's own streams. Progress is drawn on stderr, and only when stderr is a terminal.</summary>
    public static CliConsole ForProcess()
    {
        IAnsiConsole? progress = Console.IsErrorRedirected
            ? null
            : AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return new CliConsole(Console.In, Console.Out, Console.Error, progress);
    }
}
