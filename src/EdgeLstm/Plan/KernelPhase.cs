using System;
using System.Collections.Generic;

namespace EdgeLstm.Plan;

/// <summary>
/// One matrix-vector product of a kernel: its outputs in blocks of 4, processed <see cref="BlocksPerPass"/> at a time,
/// reading the columns of its <see cref="Groups"/> one after the other.
/// </summary>
/// <remarks>
/// Weight stream of a phase, pass after pass: for every column of the first group, for every block of the pass, the
/// group's gate vectors of 4 floats; then the same for every column of the next group.
/// </remarks>
internal sealed class KernelPhase
{
    public KernelPhase(int outputs, IReadOnlyList<ColumnGroup> groups, int blocksPerPass, long offset)
    {
        Outputs = outputs;
        PaddedOutputs = KernelGeometry.Pad(outputs);
        Groups = groups;
        Blocks = PaddedOutputs / KernelGeometry.Lanes;
        BlocksPerPass = Math.Min(blocksPerPass, Blocks);
        Offset = offset;

        var passes = new List<Pass>();
        long at = offset;
        for (int first = 0; first < Blocks; first += BlocksPerPass)
        {
            var pass = new Pass(this, first, Math.Min(BlocksPerPass, Blocks - first), at);
            passes.Add(pass);
            at += pass.Blocks * ColumnLength;
        }
        Passes = passes;
        Length = at - offset;
    }

    /// <summary>Real outputs (hidden units, projected outputs or dense rows).</summary>
    public int Outputs { get; }

    /// <summary>Outputs rounded up to a multiple of 4.</summary>
    public int PaddedOutputs { get; }

    public IReadOnlyList<ColumnGroup> Groups { get; }

    public int Blocks { get; }

    public int BlocksPerPass { get; }

    public IReadOnlyList<Pass> Passes { get; }

    /// <summary>Where the phase starts in the kernel's weight stream.</summary>
    public long Offset { get; }

    /// <summary>Floats the phase reads.</summary>
    public long Length { get; }

    /// <summary>Passes that have the full <see cref="BlocksPerPass"/> blocks (all but possibly the last).</summary>
    public int FullPasses => Blocks / BlocksPerPass;

    /// <summary>Floats one full pass reads.</summary>
    public long FullPassLength => BlocksPerPass * ColumnLength;

    /// <summary>Floats one block reads over every column of every group.</summary>
    private long ColumnLength
    {
        get
        {
            long length = 0;
            foreach (ColumnGroup group in Groups) length += group.Columns * group.BlockLength;
            return length;
        }
    }

    /// <summary>A run of consecutive blocks processed together.</summary>
    public sealed class Pass
    {
        private readonly KernelPhase _phase;

        public Pass(KernelPhase phase, int firstBlock, int blocks, long offset)
        {
            _phase = phase;
            FirstBlock = firstBlock;
            Blocks = blocks;
            Offset = offset;
        }

        public int FirstBlock { get; }

        public int Blocks { get; }

        /// <summary>Where the pass starts in the kernel's weight stream.</summary>
        public long Offset { get; }

        /// <summary>First output (lane index) of the pass.</summary>
        public int FirstUnit => FirstBlock * KernelGeometry.Lanes;

        /// <summary>Where the pass reads column <paramref name="column"/> of group <paramref name="group"/>, block p, gate g.</summary>
        public long WeightOffset(int group, int column, int block, int gate)
        {
            long at = Offset;
            for (int g = 0; g < group; g++)
            {
                at += (long)_phase.Groups[g].Columns * Blocks * _phase.Groups[g].BlockLength;
            }
            ColumnGroup columns = _phase.Groups[group];
            return at + ((long)column * Blocks + block) * columns.BlockLength + (long)gate * KernelGeometry.Lanes;
        }

        /// <summary>Offset of x column j, block p, gate g (the first group of the first phase).</summary>
        public long InputWeightOffset(KernelGeometry geometry, int column, int block, int gate) => WeightOffset(0, column, block, gate);
    }
}
