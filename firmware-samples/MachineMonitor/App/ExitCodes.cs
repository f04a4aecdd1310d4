namespace MachineMonitor.App;

/// <summary>Process exit codes, stable for systemd units and scripts.</summary>
internal static class ExitCodes
{
    /// <summary>The stream ended (or the run was stopped) normally.</summary>
    public const int Ok = 0;

    /// <summary>The source or a file could not be opened.</summary>
    public const int Failed = 1;

    /// <summary>Bad command line.</summary>
    public const int BadUsage = 2;

    /// <summary>The model's built-in self-test failed: this build computes wrong numbers on this machine.</summary>
    public const int SelfTestFailed = 3;
}
