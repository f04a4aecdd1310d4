namespace EdgeLstm.Plan;

/// <summary>How much of a kernel is written out as straight-line code (chosen by <see cref="ModelPlanner.ChooseShape"/>).</summary>
internal enum LoopShape
{
    /// <summary>Every pass and column written out with constant offsets: small kernels.</summary>
    Unrolled,

    /// <summary>A loop over passes; each pass's columns written out, offsets relative to a moving weight reference.</summary>
    PassLoop,

    /// <summary>Loops over passes and over groups of 4 columns: large kernels, bounded code size.</summary>
    FullLoop,
}
