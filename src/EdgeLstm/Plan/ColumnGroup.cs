namespace EdgeLstm.Plan;

/// <summary>Columns of one input vector of a phase (x, h, r ⊙ h...) and the gate vectors read per column per block.</summary>
internal readonly struct ColumnGroup
{
    public ColumnGroup(int columns, int gates)
    {
        Columns = columns;
        Gates = gates;
    }

    /// <summary>Columns, a multiple of 4 (padding columns carry zero weights).</summary>
    public int Columns { get; }

    /// <summary>Gate vectors per block per column.</summary>
    public int Gates { get; }

    /// <summary>Floats per column per block.</summary>
    public long BlockLength => (long)Gates * KernelGeometry.Lanes;
}
