using System;
using System.Collections.Generic;
using System.Linq;
using EdgeLstm.Cells;
using EdgeLstm.Model;
using EdgeLstm.Plan;
using static EdgeLstm.Generator.Emit.GlobalNames;

namespace EdgeLstm.Generator.Emit;

/// <summary>
/// The 512-bit form of the recurrent kernels (<see cref="SimdPath.Vector512"/>: x64 with AVX-512, chosen at JIT time).
/// </summary>
/// <remarks>
/// <para>Its weights are a copy laid out gate-major by chunk of 16 units (<see cref="WideLayout"/>), so each 16-lane
/// accumulator holds one gate of 16 units and the activations and the cell update run on whole registers, with no
/// joins or splits between the column products and the new state. Several chunks run at once
/// (<see cref="ChunksPerGroup"/>) to keep enough independent multiply-add chains; each column's input is broadcast
/// once for all of them.</para>
/// <para>Within every unit the same sums in the same order as every other path: the columns of a unit go into
/// <see cref="KernelEmitter.AccumulatorSets"/> of its pass in the shared packing (column j into set j % sets, padding
/// columns skipped where the other paths skip them, the sets combined by <see cref="KernelEmitter.CombineSets"/>), one
/// fused multiply-add each, and the cell's own update code lane for lane: the same floats.</para>
/// </remarks>
internal static class WideKernelEmitter
{
    /// <summary>
    /// Whether <paramref name="kernel"/> (a recurrent direction) has a 512-bit form: every looped kernel (more than
    /// <see cref="ModelPlanner.UnrollLimit"/> weights). Measured on a 2-core AVX-512 Xeon, ns per step, this form vs
    /// the 256-bit one, 8 -> H -> Dense 4: LSTM H = 32 (5,120 weights) 160 vs 314, H = 64 686 vs 942; GRU H = 32
    /// (3,840) 117 vs 240, H = 64 529 vs 855, H = 128 1,826 vs 3,488. (The earlier 512-bit form, which split its
    /// registers into gate vectors of 4 for the cell update, was slower than the 256-bit one below 8,192 weights.)
    /// Unrolled kernels keep the 256-bit form: their new h stays in 4-lane locals until every block has read the old h.
    /// </summary>
    public static bool Applies(KernelPlan kernel) => kernel.Shape != LoopShape.Unrolled;

    /// <summary>
    /// The kernel's weight stream copied once, on the first 512-bit step, into a pinned array at a 64-byte boundary,
    /// in the <see cref="WideLayout"/>. The baked stream is a string literal's characters, which start 4 bytes past an
    /// 8-byte boundary: every 16-lane load from it would straddle two cache lines (measured: the 512-bit kernels were
    /// slower than the 256-bit ones until their weights were aligned). A machine without AVX-512, and Native AOT code
    /// for one, never touches it.
    /// </summary>
    public static void EmitAlignedWeights(IndentedWriter w, KernelPlan kernel)
    {
        w.Line($"/// <summary>{kernel.Name}_Weights for the 512-bit kernels: re-laid gate-major by chunk of 16 units on first use, at a 64-byte boundary of a pinned array, so that no 16-lane load straddles two cache lines.</summary>");
        w.Open($"private static class {kernel.Name}_Aligned");
        w.Line($"public static readonly float[] Buffer = global::System.GC.AllocateUninitializedArray<float>({kernel.Name}_Weights.Length + 15, pinned: true);");
        w.Line("public static readonly int Start = CopyToBoundary();");
        w.Line();
        w.Open("private static int CopyToBoundary()");
        w.Line("// The array is pinned, so its address (a byte offset from null) stays; floats to skip to the next 64-byte boundary:");
        w.Line($"nint address = {Unsafe}.ByteOffset(ref {Unsafe}.NullRef<float>(), ref {MemoryMarshal}.GetArrayDataReference(Buffer));");
        w.Line("int start = (int)((64 - (address & 63)) & 63) / sizeof(float);");
        w.Line($"Relay({kernel.Name}_Weights, new {SpanOfFloat}(Buffer, start, {kernel.Name}_Weights.Length));");
        w.Line("return start;");
        w.Close();
        w.Line();
        WideLayout.For(kernel.Geometry).EmitRelay(w);
        w.Close();
    }

    /// <summary>The first weight of the aligned copy, as a <c>ref float</c> expression.</summary>
    public static string AlignedWeights(KernelPlan kernel)
        => $"{Unsafe}.Add(ref {MemoryMarshal}.GetArrayDataReference({kernel.Name}_Aligned.Buffer), {kernel.Name}_Aligned.Start)";

    /// <summary>Independent multiply-add chains a group of chunks aims for (FMA latency 4 cycles x 2 per cycle = 8, and some slack).</summary>
    private const int TargetChains = 16;

    /// <summary>Chunks run together: enough chains (gates x accumulator sets per chunk) without running out of the 32 registers.</summary>
    private static int ChunksPerGroup(KernelGeometry g, WideChunk chunk)
    {
        int chains = g.RecurrentGates * KernelEmitter.AccumulatorSets(chunk.PassBlocks * g.RecurrentGates);
        return Math.Max(1, TargetChains / chains);
    }

    /// <summary>
    /// The first phase of a looped kernel's 512-bit step (the weight reference <c>wp</c> walks the aligned copy and is
    /// left at its second phase): for each group of chunks, the accumulators from the bias (or the projected rows),
    /// the x and h columns, then the cell's update of each chunk on registers of the chunk's width.
    /// </summary>
    /// <param name="reverse">
    /// The groups last first, for the second kernel of Run's alternating walk (<see cref="ReversedPasses"/>): each group
    /// takes its own <c>wp</c> at its start in the copy, and <c>wp</c> is not left anywhere. The groups compute disjoint
    /// units, each unit the same sums in the same order, so the floats are those of the forward walk.
    /// </param>
    public static void EmitFirstPhase(IndentedWriter w, KernelPlan kernel, RecurrentLayer layer, DirectionWeights weights, CellCode code,
        bool loopColumns, bool projected, bool reverse = false)
    {
        KernelGeometry g = kernel.Geometry;
        var layout = WideLayout.For(g);
        var runs = layout.Runs(c => ChunksPerGroup(g, c)).ToList();
        if (reverse) runs.Reverse(); // a run's left-over group (last in the forward walk) comes before its full groups
        foreach ((WideChunk first, int chunks, int groups) in runs)
        {
            var vector = VectorOf(first.Width);
            var cell = new CellWriter(w, layer, weights, g.PaddedOutputs, vectorClass: vector.Class);
            int step = chunks * first.Width;
            void Group(Offset unit) => EmitGroup(w, kernel, layer, code, layout, cell, vector, first, chunks, unit, loopColumns, projected, advance: !reverse);
            if (groups > 1 && reverse)
            {
                w.Open($"for (nuint end = {first.FirstUnit + groups * step}; end != {first.FirstUnit}; end -= {step})");
                w.Line($"nuint u = end - {step};");
                w.Line($"ref float wp = ref {Unsafe}.Add(ref w, u * {layout.UnitLength});");
                Group(Offset.Variable("u"));
            }
            else if (groups > 1)
            {
                w.Open($"for (nuint u = {first.FirstUnit}; u < {first.FirstUnit + groups * step}; u += {step})");
                Group(Offset.Variable("u"));
            }
            else
            {
                w.Open();
                if (reverse)
                {
                    w.Line(first.FirstUnit == 0 ? "ref float wp = ref w;" : $"ref float wp = ref {Unsafe}.Add(ref w, {layout.ChunkStart(first.FirstUnit)});");
                }
                Group(Offset.Constant(first.FirstUnit));
            }
            w.Close();
        }
    }

    private readonly record struct VectorClass(string Class, string OfFloat);

    private static VectorClass VectorOf(int width) => width switch
    {
        16 => new(Vector512, Vector512OfFloat),
        8 => new(Vector256, Vector256OfFloat),
        _ => new(Vector128, Vector128OfFloat),
    };

    // `chunks` chunks of chunk.Width units from `unit` on, each one stride (a chunk's length) after the other.
    // advance: leave wp at the end of the group, where the next group of the forward walk starts.
    private static void EmitGroup(IndentedWriter w, KernelPlan kernel, RecurrentLayer layer, CellCode code, WideLayout layout, CellWriter cell,
        VectorClass vector, WideChunk chunk, int chunks, Offset unit, bool loopColumns, bool projected, bool advance)
    {
        KernelGeometry g = kernel.Geometry;
        int hp = g.PaddedOutputs, width = chunk.Width;
        long stride = layout.ChunkLength(width);
        IReadOnlyList<GateBiasSlots> slots = layer.Definition.Packing(layer).GateBiasSlots;
        IReadOnlyList<string> xNames = code.InputAccumulators, hNames = code.RecurrentAccumulators;
        var cursor = new WeightCursor("wp", 0, kernel.WeightType);
        for (int c = 0; c < chunks; c++)
        {
            Offset at = unit + (long)c * width;
            for (int s = 0; s < xNames.Count; s++)
            {
                w.Line(projected
                    ? $"{vector.OfFloat} {xNames[s]}{c} = {vector.Class}.LoadUnsafe(ref projection, {at + (long)s * hp});"
                    : $"{vector.OfFloat} {xNames[s]}{c} = {vector.Class}.LoadUnsafe(ref bias, {at + (long)slots[s].Input * hp});");
            }
        }
        if (projected)
        {
            cursor.Offset += layout.InputLength * width; // the x columns' weights: already applied
        }
        else
        {
            EmitColumns(w, vector, cursor, "x", g.InputColumns, g.InputGates, chunk.PassBlocks, chunks, stride, xNames, loopColumns, j => kernel.InputSources[j] < 0);
        }
        for (int c = 0; c < chunks; c++)
        {
            for (int s = 0; s < hNames.Count; s++)
            {
                if (slots[s].IsSplit)
                {
                    w.Line($"{vector.OfFloat} {hNames[s]}{c} = {vector.Class}.LoadUnsafe(ref bias, {unit + (long)c * width + (long)slots[s].Recurrent * hp});");
                }
            }
        }
        EmitColumns(w, vector, cursor, "h", g.RecurrentColumns, g.RecurrentGates, chunk.PassBlocks, chunks, stride, hNames, loopColumns, j => j >= layer.OutputsPerDirection);
        for (int c = 0; c < chunks; c++)
        {
            code.EmitVectorUpdate(cell, c, unit + (long)c * width);
        }
        if (advance)
        {
            cursor.Offset += (chunks - 1) * stride; // past the group's other chunks
            cursor.Advance(w);
        }
    }

    /// <summary>
    /// One column group (x or h) of a group of chunks: gate g of chunk c accumulates in <c>names[g] + c</c> (set 0) and
    /// <c>names[g] + c + "_" + set</c>, column j into set j % sets, with sets = <see cref="KernelEmitter.AccumulatorSets"/>
    /// of the units' pass in the shared packing.
    /// </summary>
    private static void EmitColumns(IndentedWriter w, VectorClass vector, WeightCursor cursor, string source, int columns, int gates,
        int passBlocks, int chunks, long stride, IReadOnlyList<string> names, bool loopColumns, Func<int, bool> isPadding)
    {
        int sets = KernelEmitter.AccumulatorSets(passBlocks * gates);
        string Acc(int c, int gate, int set) => set == 0 ? names[gate] + c : $"{names[gate]}{c}_{set}";
        int lanes = VectorWidth(vector);
        long columnLength = (long)gates * lanes;
        w.Open();
        w.Line($"// {source}: {chunks} chunk(s) of {lanes} units, one gate per register, column j in accumulator set j % {sets}");
        for (int c = 0; c < chunks; c++)
        {
            for (int gate = 0; gate < gates; gate++)
            {
                for (int set = 1; set < sets; set++) w.Line($"{vector.OfFloat} {Acc(c, gate, set)} = {vector.OfFloat}.Zero;");
            }
        }
        void Group(Offset column, Func<int, bool> isPaddingLane)
        {
            w.Open();
            for (int lane = 0; lane < KernelGeometry.Lanes; lane++)
            {
                if (isPaddingLane(lane)) continue;
                int set = lane % sets;
                w.Line($"{vector.OfFloat} x{lane} = {vector.Class}.Create({Unsafe}.Add(ref {source}, {column + lane}));");
                for (int c = 0; c < chunks; c++)
                {
                    for (int gate = 0; gate < gates; gate++)
                    {
                        string weight = cursor.Load(c * stride + lane * columnLength + (long)gate * lanes, vector.Class);
                        w.Line($"{Acc(c, gate, set)} = {vector.Class}.MultiplyAddEstimate({weight}, x{lane}, {Acc(c, gate, set)});");
                    }
                }
            }
            w.Close();
        }
        KernelEmitter.EmitColumnGroups(w, cursor, columns, KernelGeometry.Lanes * columnLength, loopColumns, isPadding, Group);
        for (int c = 0; c < chunks; c++)
        {
            for (int gate = 0; gate < gates; gate++)
            {
                w.Line($"{Acc(c, gate, 0)} += {KernelEmitter.CombineSets(sets, set => Acc(c, gate, set))};");
            }
        }
        w.Close();
    }

    private static int VectorWidth(VectorClass vector) => vector.Class == Vector512 ? 16 : vector.Class == Vector256 ? 8 : 4;
}
