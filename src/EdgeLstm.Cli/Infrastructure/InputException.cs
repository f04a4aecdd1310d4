using System;

namespace EdgeLstm.Cli.Infrastructure;

/// <summary>
/// Input the user can fix (a missing file, a CSV with the wrong shape, a model that does not suit the command).
/// The message is printed as is on stderr and the tool exits with <see cref="ExitCodes.BadInput"/>, so it must
/// name the file and say what was expected.
/// </summary>
internal class InputException : Exception
{
    public InputException(string message)
        : base(message)
    {
    }

    public InputException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
