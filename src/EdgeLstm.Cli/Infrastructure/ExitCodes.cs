namespace EdgeLstm.Cli.Infrastructure;

/// <summary>
/// The process exit codes, part of the tool's contract with scripts: they never change meaning.
/// </summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked (for validate: every output within tolerance).</summary>
    public const int Ok = 0;

    /// <summary>validate: at least one output differs from the expected value by more than the tolerance.</summary>
    public const int ValidationFailed = 1;

    /// <summary>Bad input: a missing or malformed model or CSV file, or bad command-line options.</summary>
    public const int BadInput = 2;

    /// <summary>A bug in the tool itself; the message says what happened. Never returned for anything the user can fix.</summary>
    public const int InternalError = 3;
}
