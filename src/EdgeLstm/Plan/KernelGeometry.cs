using System.Collections.Generic;
using EdgeLstm.Cells;
using EdgeLstm.Model;

namespace EdgeLstm.Plan;

/// <summary>
/// The memory layout of one fused matrix-vector kernel (a recurrent direction or a dense layer), decided at
/// generation time. The <see cref="WeightPacker"/> writes the weights in this order, the emitter's kernels read them in
/// this order, and the tools count the baked bytes from it, so none of them can drift apart.
/// </summary>
/// <remarks>
/// <para>Outputs (hidden units, dense rows) are padded to a multiple of 4 and grouped into blocks of 4 lanes.
/// Blocks are processed <see cref="BlocksPerPass"/> at a time, so that a pass keeps several independent
/// accumulators in flight (FMA latency is 3–4 cycles, throughput 2 per cycle).</para>
/// <para>Weight stream, pass after pass: for every input column j of x (padded to <see cref="InputColumns"/>), for every
/// block of the pass, the <see cref="InputGates"/> gate vectors of 4 floats; then the same for every column of h
/// with <see cref="RecurrentGates"/> gates. A cell with a <see cref="CellPacking.SecondPhase"/> (GRU with
/// linear_before_reset = 0) adds a second phase read after all of the first: per pass, per column, per block, 4
/// weights (they multiply r ⊙ h, which needs every r first).</para>
/// </remarks>
internal sealed class KernelGeometry
{
    public const int Lanes = 4;

    private KernelGeometry(IReadOnlyList<KernelPhase> phases)
    {
        Phases = phases;
        KernelPhase last = phases[phases.Count - 1];
        WeightCount = last.Offset + last.Length;
    }

    /// <summary>The matrix-vector products of one step, in the order they run and their weights are stored.</summary>
    public IReadOnlyList<KernelPhase> Phases { get; }

    public KernelPhase FirstPhase => Phases[0];

    /// <summary>The phase read after every output of the first is known, or null.</summary>
    public KernelPhase? SecondPhase => Phases.Count > 1 ? Phases[1] : null;

    /// <summary>Real outputs of the first phase (hidden units or dense rows).</summary>
    public int Outputs => FirstPhase.Outputs;

    /// <summary>Outputs of the first phase rounded up to a multiple of 4.</summary>
    public int PaddedOutputs => FirstPhase.PaddedOutputs;

    /// <summary>Columns of the layer input x, a multiple of 4 (padding columns carry zero weights).</summary>
    public int InputColumns => FirstPhase.Groups[0].Columns;

    /// <summary>Columns of the recurrent input h (its padded length), 0 for dense layers.</summary>
    public int RecurrentColumns => FirstPhase.Groups.Count > 1 ? FirstPhase.Groups[1].Columns : 0;

    /// <summary>Gate vectors per block per x column.</summary>
    public int InputGates => FirstPhase.Groups[0].Gates;

    /// <summary>Gate vectors per block per h column in the first phase.</summary>
    public int RecurrentGates => FirstPhase.Groups.Count > 1 ? FirstPhase.Groups[1].Gates : 0;

    public int Blocks => FirstPhase.Blocks;

    public int BlocksPerPass => FirstPhase.BlocksPerPass;

    public IReadOnlyList<KernelPhase.Pass> Passes => FirstPhase.Passes;

    /// <summary>Floats in the first phase's weight stream.</summary>
    public long FirstPhaseLength => FirstPhase.Length;

    /// <summary>Floats in the whole packed weight array.</summary>
    public long WeightCount { get; }

    /// <summary>Passes of the first phase that have the full <see cref="BlocksPerPass"/> blocks.</summary>
    public int FullPasses => FirstPhase.FullPasses;

    /// <summary>Floats one full pass of the first phase reads.</summary>
    public long FullPassLength => FirstPhase.FullPassLength;

    /// <summary>True when the kernel has a second phase.</summary>
    public bool HasSecondPhase => SecondPhase is not null;

    public static int Pad(int n) => (n + Lanes - 1) / Lanes * Lanes;

    /// <summary>The geometry of one direction of a recurrent layer reading <paramref name="inputColumns"/> x columns, as its cell packs it.</summary>
    public static KernelGeometry ForRecurrent(RecurrentLayer layer, int inputColumns)
    {
        CellPacking packing = layer.Definition.Packing(layer);
        var first = new KernelPhase(layer.Hidden,
            new[] { new ColumnGroup(inputColumns, packing.InputGates), new ColumnGroup(Pad(layer.OutputsPerDirection), packing.RecurrentGates) },
            packing.BlocksPerPass, offset: 0);
        if (packing.SecondPhase is not { } second)
        {
            return new KernelGeometry(new[] { first });
        }
        var next = new KernelPhase(second.Outputs, new[] { new ColumnGroup(Pad(layer.Hidden), 1) }, second.BlocksPerPass, first.Length);
        return new KernelGeometry(new[] { first, next });
    }

    /// <summary>The geometry of a dense layer reading <paramref name="inputColumns"/> columns.</summary>
    public static KernelGeometry ForDense(DenseLayer layer, int inputColumns)
        => new(new[] { new KernelPhase(layer.Outputs, new[] { new ColumnGroup(inputColumns, 1) }, 4, 0) });
}
