using System;
using System.Collections.Generic;
using EdgeLstm.Model;

namespace EdgeLstm.Generator.Emit;

/// <summary>
/// The memory layout of one fused matrix-vector kernel (a recurrent direction or a dense layer), decided at
/// generation time. Both the <see cref="WeightPacker"/> (which writes the weights in this order) and the
/// <see cref="KernelEmitter"/> (which reads them in this order) work from it, so the two cannot drift apart.
/// </summary>
/// <remarks>
/// <para>Outputs (hidden units, dense rows) are padded to a multiple of 4 and grouped into blocks of 4 lanes.
/// Blocks are processed <see cref="BlocksPerPass"/> at a time, so that a pass keeps several independent
/// accumulators in flight (FMA latency is 3–4 cycles, throughput 2 per cycle).</para>
/// <para>Weight stream, pass after pass: for every input column j of x (padded to <see cref="InputColumns"/>), for every
/// block of the pass, the <see cref="InputGates"/> gate vectors of 4 floats; then the same for every column of h
/// with <see cref="RecurrentGates"/> gates. GRU with linear_before_reset = 0 adds a second section read after all
/// of the first: per pass, per h column, per block, the new gate's 4 recurrent weights (they multiply r ⊙ h, which
/// needs every r first).</para>
/// </remarks>
internal sealed class KernelGeometry
{
    public const int Lanes = 4;

    private KernelGeometry(int outputs, int inputColumns, int recurrentColumns, int inputGates, int recurrentGates, int secondPhaseGates, int blocksPerPass)
    {
        Outputs = outputs;
        PaddedOutputs = Pad(outputs);
        InputColumns = inputColumns;
        RecurrentColumns = recurrentColumns;
        InputGates = inputGates;
        RecurrentGates = recurrentGates;
        SecondPhaseGates = secondPhaseGates;
        Blocks = PaddedOutputs / Lanes;
        BlocksPerPass = Math.Min(blocksPerPass, Blocks);

        var passes = new List<Pass>();
        long offset = 0;
        for (int first = 0; first < Blocks; first += BlocksPerPass)
        {
            int count = Math.Min(BlocksPerPass, Blocks - first);
            passes.Add(new Pass(first, count, offset));
            offset += (long)count * Lanes * (InputColumns * InputGates + RecurrentColumns * RecurrentGates);
        }
        FirstPhaseLength = offset;
        foreach (Pass pass in passes)
        {
            pass.SecondPhaseOffset = offset;
            offset += (long)pass.Blocks * Lanes * RecurrentColumns * SecondPhaseGates;
        }
        Passes = passes;
        WeightCount = offset;
    }

    /// <summary>Real outputs (hidden units or dense rows).</summary>
    public int Outputs { get; }

    /// <summary>Outputs rounded up to a multiple of 4.</summary>
    public int PaddedOutputs { get; }

    /// <summary>Columns of the layer input x, a multiple of 4 (padding columns carry zero weights).</summary>
    public int InputColumns { get; }

    /// <summary>Columns of the recurrent input h (= padded hidden size), 0 for dense layers.</summary>
    public int RecurrentColumns { get; }

    /// <summary>Gate vectors per block per x column.</summary>
    public int InputGates { get; }

    /// <summary>Gate vectors per block per h column in the first phase.</summary>
    public int RecurrentGates { get; }

    /// <summary>Gate vectors per block per h column in the second phase (GRU linear_before_reset = 0: 1; else 0).</summary>
    public int SecondPhaseGates { get; }

    public int Blocks { get; }

    public int BlocksPerPass { get; }

    public IReadOnlyList<Pass> Passes { get; }

    /// <summary>Floats in the first phase's weight stream.</summary>
    public long FirstPhaseLength { get; }

    /// <summary>Floats in the whole packed weight array.</summary>
    public long WeightCount { get; }

    /// <summary>Passes that have the full <see cref="BlocksPerPass"/> blocks (all but possibly the last).</summary>
    public int FullPasses => Blocks / BlocksPerPass;

    /// <summary>Floats one full pass reads in the first phase.</summary>
    public long FullPassLength => (long)BlocksPerPass * Lanes * (InputColumns * InputGates + RecurrentColumns * RecurrentGates);

    /// <summary>True when the cell needs every reset gate before the new gate's recurrent product.</summary>
    public bool HasSecondPhase => SecondPhaseGates != 0;

    public static int Pad(int n) => (n + Lanes - 1) / Lanes * Lanes;

    /// <summary>The geometry of one direction of a recurrent layer reading <paramref name="inputColumns"/> x columns.</summary>
    public static KernelGeometry ForRecurrent(RecurrentLayer layer, int inputColumns)
    {
        int gates = layer.GateCount;
        bool resetFirst = layer.Cell == CellKind.Gru && !layer.LinearBeforeReset;
        // Aim for 8 independent accumulator chains: LSTM 2 blocks x 4 gates, GRU 2 x 3, RNN 4 x 1... but an RNN's
        // 4 x 1 is already enough registers; keep GRU at 2 so that x64's 16 vector registers suffice.
        int blocksPerPass = gates == 1 ? 4 : 2;
        return new KernelGeometry(layer.Hidden, inputColumns, Pad(layer.Hidden), gates, resetFirst ? 2 : gates, resetFirst ? 1 : 0, blocksPerPass);
    }

    /// <summary>The geometry of a dense layer reading <paramref name="inputColumns"/> columns.</summary>
    public static KernelGeometry ForDense(DenseLayer layer, int inputColumns)
        => new(layer.Outputs, inputColumns, 0, 1, 0, 0, 4);

    /// <summary>A run of consecutive blocks processed together.</summary>
    public sealed class Pass
    {
        public Pass(int firstBlock, int blocks, long offset)
        {
            FirstBlock = firstBlock;
            Blocks = blocks;
            Offset = offset;
        }

        public int FirstBlock { get; }

        public int Blocks { get; }

        /// <summary>Where the pass starts in the first phase of the weight stream.</summary>
        public long Offset { get; }

        /// <summary>Where the pass starts in the second phase of the weight stream.</summary>
        public long SecondPhaseOffset { get; internal set; }

        /// <summary>First unit (lane index) of the pass.</summary>
        public int FirstUnit => FirstBlock * Lanes;

        /// <summary>Offset of x column j, block p, gate g within the pass.</summary>
        public long InputWeightOffset(KernelGeometry geometry, int column, int block, int gate)
            => Offset + ((long)column * Blocks * geometry.InputGates + block * geometry.InputGates + gate) * Lanes;

        /// <summary>Offset of h column j, block p, gate g within the pass (first phase).</summary>
        public long RecurrentWeightOffset(KernelGeometry geometry, int column, int block, int gate)
            => Offset + (long)geometry.InputColumns * Blocks * geometry.InputGates * Lanes
               + ((long)column * Blocks * geometry.RecurrentGates + block * geometry.RecurrentGates + gate) * Lanes;

        /// <summary>Offset of h column j, block p in the second phase.</summary>
        public long SecondPhaseWeightOffset(KernelGeometry geometry, int column, int block)
            => SecondPhaseOffset + ((long)column * Blocks + block) * geometry.SecondPhaseGates * Lanes;
    }
}
