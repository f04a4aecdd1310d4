namespace EdgeLstm.Benchmarks.Benchmarks;

/// <summary>The whole-sequence comparison's window.</summary>
public static class Sequence
{
    /// <summary>Steps per whole-sequence run (T).</summary>
    public const int Steps = 1000;
}
