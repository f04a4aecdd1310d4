using System;
using System.Collections.Generic;
using System.Linq;
using EdgeLstm.Cells;
using EdgeLstm.Model;
using EdgeLstm.Plan;
using static EdgeLstm.Generator.Emit.GlobalNames;

namespace EdgeLstm.Generator.Emit;

/// <summary>
/// The register-tiled product of the 8-stream AVX-512 kernels: hidden units in the lanes, streams broadcast. A tile is
/// one or two whole passes of the weight stream (<see cref="TileShape"/>), whose weights of one column are read as
/// <see cref="TileShape.Vectors"/> 16-lane vectors (4 gate slots of 4 units each) and multiplied with each of the 8
/// streams' input in turn, so every weight vector loaded serves 8 multiply-adds and every broadcast input serves up to
/// 3 (the unit-pair form loads one weight pair per multiply-add, which left the loads, not the FMA units, the limit).
/// </summary>
/// <remarks>
/// <para>Same floats as a single stream: each lane is one (gate, unit) dot product of one stream, column j in
/// accumulator set j % sets (<see cref="KernelEmitter.AccumulatorSets"/> of the pass), set 0 started from the bias
/// (or from the x columns' result), the sets added as <see cref="KernelEmitter.CombineSets"/> adds them, every product
/// fused. The sets run one after another instead of interleaved (they are independent chains until they are added),
/// so that 8 × vectors accumulators fit in the 32 registers; the finished sets wait in scratch memory.</para>
/// <para>Afterwards an 8 × 8 transpose of 64-bit pairs per vector (unpack, 128-bit shuffle, two-source permute) puts
/// every (gate slot, unit pair) into the layout of the state, units u and u + 1 of all 8 streams, where the cell's own
/// update runs on it as in the unit-pair form.</para>
/// </remarks>
internal static class MultiStreamTileEmitter
{
    private const string Avx512F = "global::System.Runtime.Intrinsics.X86.Avx512F";
    private const string Vector512OfInt = "global::System.Runtime.Intrinsics.Vector512<int>";
    private const string Vector512OfDouble = "global::System.Runtime.Intrinsics.Vector512<double>";

    /// <summary>Floats of a 16-lane vector, and the streams of the tiled form.</summary>
    private const int VectorLanes = 16, Streams = 8;

    /// <summary>
    /// The shape of a tile: <paramref name="Passes"/> whole passes of <paramref name="Slots"/> gate slots (blocks × gates) per column,
    /// read as <paramref name="Vectors"/> 16-lane vectors per column; <paramref name="Sets"/> accumulator sets.
    /// </summary>
    internal sealed record TileShape(int Passes, int Slots, int Vectors, int Sets, int Tiles, int Gates)
    {
        /// <summary>Floats one column of one pass holds.</summary>
        public int ColumnLength => Slots * KernelGeometry.Lanes;

        /// <summary>Units one tile updates.</summary>
        public int Units => Passes * Slots / Gates * KernelGeometry.Lanes;

        /// <summary>Floats of scratch a tile needs: the x result, the finished sets, the transposed results of x and h.</summary>
        public int ScratchLength => Streams * Vectors * (Sets + 2) * VectorLanes;

        // Scratch layout, in 16-float vectors: x result [k][s], finished sets [set][k][s], transposed h, transposed x.
        public int XResult(int k, int s) => (k * Streams + s) * VectorLanes;

        public int FinishedSet(int set, int k, int s) => ((1 + set) * Vectors * Streams + k * Streams + s) * VectorLanes;

        public int TransposedH(int slot, int pair) => (Sets * Vectors * Streams + 2 * slot + pair) * VectorLanes;

        public int TransposedX(int slot, int pair) => ((Sets + 1) * Vectors * Streams + 2 * slot + pair) * VectorLanes;
    }

    /// <summary>
    /// The tile shape of a layer's full passes, or null when the layer keeps the unit-pair form throughout: the x and h
    /// columns must have the same gate slots (so a lane is the same dot product in both), a column of a pass must fill
    /// whole 8-float halves, and 8 streams × vectors accumulators must leave room for the weights (at most 3 vectors).
    /// </summary>
    public static TileShape? Shape(KernelGeometry g)
    {
        if (g.RecurrentColumns == 0 || g.InputGates != g.RecurrentGates || g.HasSecondPhase) return null;
        int slots = g.BlocksPerPass * g.InputGates;
        if (slots % 2 != 0) return null;
        int passes = slots % 4 == 0 ? 1 : 2;
        int vectors = slots * passes / 4;
        if (vectors > 3 || g.FullPasses < passes) return null;
        return new TileShape(passes, slots, vectors, KernelEmitter.AccumulatorSets(slots), g.FullPasses / passes, g.InputGates);
    }

    /// <summary>The scratch floats the tiled layers of a plan need (one region, used by one layer at a time).</summary>
    public static int ScratchLength(ModelPlan plan)
    {
        int length = 0;
        foreach (LayerPlan layer in plan.Layers)
        {
            if (layer.Kernels[0].Layer is RecurrentLayer && Shape(layer.Kernels[0].Geometry) is { } shape)
            {
                length = Math.Max(length, shape.ScratchLength);
            }
        }
        return length;
    }

    /// <summary>
    /// The tiles' loop inside the unit-pair kernel (which has <c>w</c>, <c>bias</c>, the state refs and <c>scratch</c>):
    /// each tile's product, then the cell update of its blocks from the transposed results.
    /// </summary>
    public static void EmitTileLoop(IndentedWriter w, KernelPlan kernel, CellCode code, CellWriter cell, TileShape shape, IReadOnlyList<GateBiasSlots> slots)
    {
        KernelGeometry g = kernel.Geometry;
        IReadOnlyList<string> xNames = code.InputAccumulators, hNames = code.RecurrentAccumulators;
        w.Line($"// {shape.Tiles} tiles of {shape.Units} units: the product with the units in the lanes ({kernel.Name}_Streams_Tile), then each block's update.");
        w.Open($"for (int t = 0; t < {shape.Tiles}; t++)");
        w.Line($"int u0 = t * {shape.Units};");
        w.Line($"{kernel.Name}_Streams_Tile(ref x, ref h, ref {Unsafe}.Add(ref w, (nuint)t * {shape.Passes * g.FullPassLength}), ref {Unsafe}.Add(ref bias, u0), ref scratch);");
        int blocks = shape.Units / KernelGeometry.Lanes;
        for (int b = 0; b < blocks; b++)
        {
            w.Open();
            w.Line($"nuint us = (nuint)(u0 + {b * KernelGeometry.Lanes}) * Lanes;");
            var done = new HashSet<string>();
            for (int gate = 0; gate < shape.Gates; gate++)
            {
                int slot = b * shape.Gates + gate;
                foreach ((string name, bool fromX) in new[] { (xNames[gate], slots[gate].IsSplit), (hNames[gate], false) })
                {
                    if (!done.Add(name)) continue;
                    for (int q = 0; q < 2; q++)
                    {
                        int at = fromX ? shape.TransposedX(slot, q) : shape.TransposedH(slot, q);
                        w.Line($"{Vector512OfFloat} {name}{q} = {Vector512}.LoadUnsafe(ref scratch, {at});");
                    }
                }
            }
            for (int q = 0; q < 2; q++)
            {
                code.EmitVectorUpdate(cell, q, Offset.Variable("us") + 2L * Streams * q);
            }
            w.Close();
        }
        w.Close();
    }

    /// <summary>The product of one tile, into scratch (transposed): its own method, so that the update's constants do not crowd its registers.</summary>
    public static void EmitTileProduct(IndentedWriter w, KernelPlan kernel, TileShape shape, IReadOnlyList<GateBiasSlots> slots)
    {
        KernelGeometry g = kernel.Geometry;
        int hp = g.PaddedOutputs;
        bool anySplit = slots.Any(s => s.IsSplit);
        w.Line(NoInlining);
        w.Open($"private static void {kernel.Name}_Streams_Tile(ref float x, ref float h, ref float tw, ref float tb, ref float scratch)");

        // Where the 4 lanes f..f+3 of the tile's column vector come from: pass, block in the pass, gate.
        (int Pass, int Block, int Gate) SlotAt(int f)
        {
            int pass = f / shape.ColumnLength, slot = f % shape.ColumnLength / KernelGeometry.Lanes;
            return (pass, slot / shape.Gates, slot % shape.Gates);
        }
        string BiasVector(int k, Func<int, int> biasSlot)
        {
            string Quarter(int f)
            {
                (int pass, int block, int gate) = SlotAt(k * VectorLanes + f);
                return $"{Vector128}.LoadUnsafe(ref tb, {biasSlot(gate) * hp + (pass * g.BlocksPerPass + block) * KernelGeometry.Lanes})";
            }
            return $"{Vector512}.Create({Vector256}.Create({Quarter(0)}, {Quarter(4)}), {Vector256}.Create({Quarter(8)}, {Quarter(12)}))";
        }

        w.Line("// x columns: accumulators start from the input bias slots");
        for (int k = 0; k < shape.Vectors; k++)
        {
            int kk = k;
            w.Line($"{Vector512OfFloat} xBias{k} = {BiasVector(kk, gate => slots[gate].Input)};");
        }
        for (int k = 0; k < shape.Vectors; k++)
        {
            for (int s = 0; s < Streams; s++) w.Line($"{Vector512OfFloat} a{k}_{s} = xBias{k};");
        }
        EmitPhase(w, shape, "x", g.InputColumns, 0, g);
        if (anySplit)
        {
            w.Line("// the x result of gates whose recurrent part has its own accumulator, kept for the update");
            for (int k = 0; k < shape.Vectors; k++)
            {
                for (int s = 0; s < Streams; s++) w.Line($"{Vector512}.StoreUnsafe(a{k}_{s}, ref scratch, {shape.XResult(k, s)});");
            }
            for (int k = 0; k < shape.Vectors; k++)
            {
                EmitTranspose(w, shape, k, s => $"{Vector512}.LoadUnsafe(ref scratch, {shape.XResult(k, s)})", (slot, pair) => shape.TransposedX(slot, pair));
            }
            w.Line("// h columns: split gates start again from their recurrent bias slot");
            for (int k = 0; k < shape.Vectors; k++)
            {
                var lanes = Enumerable.Range(0, VectorLanes).Select(i => slots[SlotAt(k * VectorLanes + i).Gate].IsSplit).ToArray();
                if (!lanes.Any(split => split)) continue;
                w.Line($"{Vector512OfFloat} hBias{k} = {BiasVector(k, gate => slots[gate].Recurrent)};");
                if (lanes.All(split => split))
                {
                    for (int s = 0; s < Streams; s++) w.Line($"a{k}_{s} = hBias{k};");
                    continue;
                }
                w.Line($"{Vector512OfFloat} split{k} = {Vector512}.AsSingle({Vector512}.Create({string.Join(", ", lanes.Select(split => split ? "-1" : "0"))}));");
                for (int s = 0; s < Streams; s++) w.Line($"a{k}_{s} = {Vector512}.ConditionalSelect(split{k}, hBias{k}, a{k}_{s});");
            }
        }
        EmitPhase(w, shape, "h", g.RecurrentColumns, (long)g.InputColumns * shape.ColumnLength, g);
        for (int k = 0; k < shape.Vectors; k++)
        {
            int kk = k;
            EmitTranspose(w, shape, k, s => $"a{kk}_{s}", (slot, pair) => shape.TransposedH(slot, pair));
        }
        w.Close();
        w.Line();
    }

    // One run of columns (x or h) for the tile's accumulators a{k}_{s}, which hold set 0's start: the sets one after
    // another, each but the last parked in scratch, then added as the single-stream kernels add them.
    private static void EmitPhase(IndentedWriter w, TileShape shape, string source, int columns, long groupBase, KernelGeometry g)
    {
        int sets = shape.Sets;
        w.Open();
        for (int set = 0; set < sets; set++)
        {
            if (set > 0)
            {
                for (int k = 0; k < shape.Vectors; k++)
                {
                    for (int s = 0; s < Streams; s++) w.Line($"a{k}_{s} = {Vector512OfFloat}.Zero;");
                }
            }
            w.Open($"for (nuint j = {set}; j < {columns}; j += {sets})");
            w.Line($"ref float column = ref {Unsafe}.Add(ref tw, j * {shape.ColumnLength} + {groupBase});");
            for (int k = 0; k < shape.Vectors; k++)
            {
                w.Line($"{Vector512OfFloat} w{k} = {WeightVector(shape, g, k)};");
            }
            w.Line($"ref float xj = ref {Unsafe}.Add(ref {source}, j * {Streams});");
            for (int s = 0; s < Streams; s++)
            {
                w.Line($"{Vector512OfFloat} x{s} = {Vector512}.Create({Unsafe}.Add(ref xj, {s}));");
                for (int k = 0; k < shape.Vectors; k++)
                {
                    w.Line($"a{k}_{s} = {Vector512}.MultiplyAddEstimate(w{k}, x{s}, a{k}_{s});");
                }
            }
            w.Close();
            if (set < sets - 1)
            {
                for (int k = 0; k < shape.Vectors; k++)
                {
                    for (int s = 0; s < Streams; s++) w.Line($"{Vector512}.StoreUnsafe(a{k}_{s}, ref scratch, {shape.FinishedSet(set, k, s)});");
                }
            }
        }
        for (int k = 0; k < shape.Vectors; k++)
        {
            for (int s = 0; s < Streams; s++)
            {
                int kk = k, ss = s;
                string Set(int set) => set == sets - 1 ? $"a{kk}_{ss}" : $"{Vector512}.LoadUnsafe(ref scratch, {shape.FinishedSet(set, kk, ss)})";
                w.Line($"a{k}_{s} = {Set(0)} + ({KernelEmitter.CombineSets(sets, Set)});");
            }
        }
        w.Close();
    }

    // Vector k of a column: tile floats 16k..16k+15, each 8-float half inside one pass (one load when both are in the same one).
    private static string WeightVector(TileShape shape, KernelGeometry g, int k)
    {
        long Half(int f) => f / shape.ColumnLength * g.FullPassLength + f % shape.ColumnLength;
        long low = Half(k * VectorLanes), high = Half(k * VectorLanes + 8);
        return high == low + 8
            ? $"{Vector512}.LoadUnsafe(ref column, {low})"
            : $"{Vector512}.Create({Vector256}.LoadUnsafe(ref column, {low}), {Vector256}.LoadUnsafe(ref column, {high}))";
    }

    // Vector k of all 8 streams (lane 4 slot + unit of stream s) into the state's layout: for each pair of 64-bit lanes
    // qq (gate slot 2k + qq / 2, units 2 (qq % 2) and + 1), units u of streams 0-7 then unit u + 1 of streams 0-7.
    private static void EmitTranspose(IndentedWriter w, TileShape shape, int k, Func<int, string> stream, Func<int, int, int> target)
    {
        w.Open();
        for (int s = 0; s < Streams; s++) w.Line($"{Vector512OfDouble} d{s} = {Vector512}.AsDouble({stream(s)});");
        // Streams 2m and 2m + 1: 64-bit lanes 0, 2, 4, 6 (lo) and 1, 3, 5, 7 (hi), one per 128-bit lane.
        for (int m = 0; m < 4; m++)
        {
            w.Line($"{Vector512OfDouble} lo{m} = {Avx512F}.UnpackLow(d{2 * m}, d{2 * m + 1}), hi{m} = {Avx512F}.UnpackHigh(d{2 * m}, d{2 * m + 1});");
        }
        // Streams 0-3 (from pairs 0, 1) and 4-7 (pairs 2, 3): 128-bit lanes [a0, a1, b0, b1] (0x44) or [a2, a3, b2, b3] (0xEE).
        string[] sources = { "lo", "lo", "hi", "hi" };
        byte[] controls = { 0x44, 0xEE, 0x44, 0xEE };
        for (int i = 0; i < 4; i++)
        {
            w.Line($"{Vector512OfFloat} p{i} = {Vector512}.AsSingle({Avx512F}.Shuffle4x128({sources[i]}0, {sources[i]}1, 0x{controls[i]:X2}));");
            w.Line($"{Vector512OfFloat} r{i} = {Vector512}.AsSingle({Avx512F}.Shuffle4x128({sources[i]}2, {sources[i]}3, 0x{controls[i]:X2}));");
        }
        w.Line($"{Vector512OfInt} first = {Vector512}.Create(0, 2, 8, 10, 16, 18, 24, 26, 1, 3, 9, 11, 17, 19, 25, 27);");
        w.Line($"{Vector512OfInt} second = first + {Vector512}.Create(4);");
        // p0/r0 hold 64-bit lanes 0 and 2, p1/r1 4 and 6, p2/r2 1 and 3, p3/r3 5 and 7.
        int[] firstLane = { 0, 4, 1, 5 };
        for (int i = 0; i < 4; i++)
        {
            foreach ((string index, int qq) in new[] { ("first", firstLane[i]), ("second", firstLane[i] + 2) })
            {
                int f = k * VectorLanes + 2 * qq;
                int slot = f / KernelGeometry.Lanes, pair = f % KernelGeometry.Lanes / 2;
                w.Line($"{Vector512}.StoreUnsafe({Avx512F}.PermuteVar16x32x2(p{i}, {index}, r{i}), ref scratch, {target(slot, pair)});");
            }
        }
        w.Close();
    }
}
