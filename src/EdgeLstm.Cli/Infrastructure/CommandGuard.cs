using System;
using System.IO;

namespace EdgeLstm.Cli.Infrastructure;

/// <summary>
/// Turns the failures a user can fix into one line on stderr and exit code 2, never a stack trace.
/// Anything else is a bug and is left to <see cref="EdgeLstmCommandLine.Run"/>.
/// </summary>
internal static class CommandGuard
{
    public static int Run(CliConsole console, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (ModelFormatException e)
        {
            // The importer's message already names the file, the place in it and what was expected.
            return Fail(console, e.Message);
        }
        catch (InputException e)
        {
            return Fail(console, e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Writing an output file or folder failed (no such folder, read-only, disk full); the message names the path.
            return Fail(console, e.Message);
        }
    }

    private static int Fail(CliConsole console, string message)
    {
        console.Error.WriteLine($"error: {message}");
        return ExitCodes.BadInput;
    }
}
