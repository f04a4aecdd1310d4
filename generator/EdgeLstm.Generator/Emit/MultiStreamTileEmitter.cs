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
    private const string Avx = "global::System.Runtime.Intrinsics.X86.Avx";
    private const string Avx512F = "global::System.Runtime.Intrinsics.X86.Avx512F";
    private const string NoInlining =
        "[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]";

    /// <summary>The streams of the tiled form (one per lane of the state's 8-lane rows).</summary>
    private const int Streams = 8;

    /// <summary>
    /// The shape of a tile: <paramref name="Passes"/> whole passes of <paramref name="Slots"/> gate slots (blocks × gates)
    /// per column, read as <paramref name="Vectors"/> vectors of <paramref name="VectorLanes"/> floats per column, in
    /// register groups of <paramref name="GroupVectors"/> vectors × <paramref name="GroupStreams"/> streams;
    /// <paramref name="Sets"/> accumulator sets.
    /// </summary>
    internal sealed record TileShape(string Class, int VectorLanes, int Passes, int Slots, int Vectors, int GroupVectors, int GroupStreams,
        int Sets, int Tiles, int Gates)
    {
        public string OfFloat => Class + "<float>";

        /// <summary>Floats one column of one pass holds.</summary>
        public int ColumnLength => Slots * KernelGeometry.Lanes;

        /// <summary>Units one tile updates.</summary>
        public int Units => Passes * Slots / Gates * KernelGeometry.Lanes;

        /// <summary>Parts of a gate slot's 4 units in the state layout: unit pairs on 16 lanes, single units on 8.</summary>
        public int Parts => KernelGeometry.Lanes * Streams / VectorLanes;

        /// <summary>Whether the whole tile's accumulators are one register group (then no untransposed results go through scratch).</summary>
        public bool OneGroup => GroupVectors == Vectors && GroupStreams == Streams;

        // Scratch layout, in vectors: h result [k][s], x result [k][s], finished sets [set][k][s] of a group, transposed h, transposed x.
        public int Result(int k, int s) => (k * Streams + s) * VectorLanes;

        public int XResult(int k, int s) => ((Vectors + k) * Streams + s) * VectorLanes;

        public int FinishedSet(int set, int k, int s) => (2 * Vectors * Streams + (set * GroupVectors + k) * GroupStreams + s) * VectorLanes;

        private int TransposedBase => 2 * Vectors * Streams + (Sets - 1) * GroupVectors * GroupStreams;

        public int TransposedH(int slot, int part) => (TransposedBase + slot * Parts + part) * VectorLanes;

        public int TransposedX(int slot, int part) => (TransposedBase + Vectors * Streams + slot * Parts + part) * VectorLanes;

        /// <summary>Floats of scratch a tile needs.</summary>
        public int ScratchLength => (TransposedBase + 2 * Vectors * Streams) * VectorLanes;
    }

    /// <summary>
    /// The tile shape of a layer's full passes for 16-lane (<paramref name="wide"/> = false: 8-lane) vectors, or null when
    /// the layer keeps the per-unit forms throughout: the x and h columns must have the same gate slots (so a lane is the
    /// same dot product in both), a column of a pass must fill whole vectors (two passes together on 16 lanes), and the
    /// accumulators of a register group must leave room for the weights (32 registers on AVX-512, 16 on AVX2).
    /// </summary>
    public static TileShape? Shape(KernelGeometry g, bool widest)
    {
        if (g.RecurrentColumns == 0 || g.InputGates != g.RecurrentGates || g.HasSecondPhase) return null;
        int slots = g.BlocksPerPass * g.InputGates, sets = KernelEmitter.AccumulatorSets(slots);
        if (slots % 2 != 0) return null;
        if (widest)
        {
            int passes = slots % 4 == 0 ? 1 : 2, vectors = slots * passes / 4;
            if (vectors > 3 || g.FullPasses < passes) return null;
            return new TileShape(Vector512, 16, passes, slots, vectors, vectors, Streams, sets, g.FullPasses / passes, g.InputGates);
        }
        int count = slots / 2;
        int group = count % 2 == 0 ? 2 : count % 3 == 0 ? 3 : 1;
        int streams = group * 4 + group + 1 <= 14 ? 4 : 2;
        if (g.FullPasses < 1) return null;
        return new TileShape(Vector256, 8, 1, slots, count, group, streams, sets, g.FullPasses, g.InputGates);
    }

    /// <summary>The scratch floats the tiled layers of a plan need (one region, used by one layer at a time).</summary>
    public static int ScratchLength(ModelPlan plan)
    {
        int length = 0;
        foreach (LayerPlan layer in plan.Layers)
        {
            if (layer.Kernels[0].Layer is RecurrentLayer)
            {
                foreach (bool widest in new[] { true, false })
                {
                    if (Shape(layer.Kernels[0].Geometry, widest) is { } shape) length = Math.Max(length, shape.ScratchLength);
                }
            }
        }
        return length;
    }

    /// <summary>
    /// The tiles' loop inside a kernel (which has <c>w</c>, <c>bias</c>, the state refs and <c>scratch</c>): each tile's
    /// product, then the cell update of its units from the transposed results.
    /// </summary>
    public static void EmitTileLoop(IndentedWriter w, KernelPlan kernel, CellCode code, CellWriter cell, TileShape shape, IReadOnlyList<GateBiasSlots> slots)
    {
        KernelGeometry g = kernel.Geometry;
        IReadOnlyList<string> xNames = code.InputAccumulators, hNames = code.RecurrentAccumulators;
        string tile = $"{kernel.Name}_Streams_Tile{shape.VectorLanes}";
        w.Line($"// {shape.Tiles} tiles of {shape.Units} units: the product with the units in the lanes ({tile}), then each unit's update.");
        w.Open($"for (int t = 0; t < {shape.Tiles}; t++)");
        w.Line($"int u0 = t * {shape.Units};");
        w.Line($"{tile}(ref x, ref h, ref {Unsafe}.Add(ref w, (nuint)t * {shape.Passes * g.FullPassLength}), ref {Unsafe}.Add(ref bias, u0), ref scratch);");
        int blocks = shape.Units / KernelGeometry.Lanes, unitsPerPart = KernelGeometry.Lanes / shape.Parts;
        for (int b = 0; b < blocks; b++)
        {
            // 16 lanes: one update per unit pair (q = 0, 1); 8 lanes: one per unit, each on its own.
            for (int part = 0; part < shape.Parts; part += shape.Parts == 2 ? 2 : 1)
            {
                w.Open();
                w.Line($"nuint us = (nuint)(u0 + {b * KernelGeometry.Lanes + part * unitsPerPart}) * Lanes;");
                int[] qs = shape.Parts == 2 ? new[] { 0, 1 } : new[] { 0 };
                var done = new HashSet<string>();
                for (int gate = 0; gate < shape.Gates; gate++)
                {
                    int slot = b * shape.Gates + gate;
                    foreach ((string name, bool fromX) in new[] { (xNames[gate], slots[gate].IsSplit), (hNames[gate], false) })
                    {
                        if (!done.Add(name)) continue;
                        foreach (int q in qs)
                        {
                            int at = fromX ? shape.TransposedX(slot, part + q) : shape.TransposedH(slot, part + q);
                            w.Line($"{shape.OfFloat} {name}{q} = {shape.Class}.LoadUnsafe(ref scratch, {at});");
                        }
                    }
                }
                foreach (int q in qs)
                {
                    code.EmitVectorUpdate(cell, q, Offset.Variable("us") + (long)shape.VectorLanes * q);
                }
                w.Close();
            }
        }
        w.Close();
    }

    /// <summary>The product of one tile, into scratch (transposed): its own method, so that the update's constants do not crowd its registers.</summary>
    public static void EmitTileProduct(IndentedWriter w, KernelPlan kernel, TileShape shape, IReadOnlyList<GateBiasSlots> slots)
    {
        KernelGeometry g = kernel.Geometry;
        int hp = g.PaddedOutputs, lanes = shape.VectorLanes;
        string v = shape.Class, vf = shape.OfFloat;
        bool anySplit = slots.Any(s => s.IsSplit);
        w.Line(NoInlining);
        w.Open($"private static void {kernel.Name}_Streams_Tile{lanes}(ref float x, ref float h, ref float tw, ref float tb, ref float scratch)");

        // Where the 4 lanes f..f+3 of the tile's column vectors come from: pass, block in the pass, gate.
        (int Pass, int Block, int Gate) SlotAt(int f)
        {
            int pass = f / shape.ColumnLength, slot = f % shape.ColumnLength / KernelGeometry.Lanes;
            return (pass, slot / shape.Gates, slot % shape.Gates);
        }
        string BiasVector(int k, Func<int, int> biasSlot)
        {
            string Quarter(int f)
            {
                (int pass, int block, int gate) = SlotAt(k * lanes + f);
                return $"{Vector128}.LoadUnsafe(ref tb, {biasSlot(gate) * hp + (pass * g.BlocksPerPass + block) * KernelGeometry.Lanes})";
            }
            return lanes == 16
                ? $"{v}.Create({Vector256}.Create({Quarter(0)}, {Quarter(4)}), {Vector256}.Create({Quarter(8)}, {Quarter(12)}))"
                : $"{v}.Create({Quarter(0)}, {Quarter(4)})";
        }
        bool[] SplitLanes(int k) => Enumerable.Range(0, lanes).Select(i => slots[SlotAt(k * lanes + i).Gate].IsSplit).ToArray();

        w.Line("// accumulators start from the input bias slots (x columns), split gates again from their recurrent one (h columns)");
        for (int k = 0; k < shape.Vectors; k++)
        {
            int kk = k;
            w.Line($"{vf} xBias{k} = {BiasVector(kk, gate => slots[gate].Input)};");
            bool[] split = SplitLanes(k);
            if (!split.Any(lane => lane)) continue;
            w.Line($"{vf} hBias{k} = {BiasVector(kk, gate => slots[gate].Recurrent)};");
            w.Line($"{vf} split{k} = {v}.AsSingle({v}.Create({string.Join(", ", split.Select(lane => lane ? "-1" : "0"))}));");
        }
        for (int k0 = 0; k0 < shape.Vectors; k0 += shape.GroupVectors)
        {
            for (int s0 = 0; s0 < Streams; s0 += shape.GroupStreams)
            {
                int[] ks = Enumerable.Range(k0, shape.GroupVectors).ToArray(), ss = Enumerable.Range(s0, shape.GroupStreams).ToArray();
                if (!shape.OneGroup) w.Open();
                foreach (int k in ks)
                {
                    foreach (int s in ss) w.Line($"{vf} a{k}_{s} = xBias{k};");
                }
                EmitPhase(w, shape, g, ks, ss, "x", g.InputColumns, 0);
                foreach (int k in ks)
                {
                    bool[] split = SplitLanes(k);
                    if (!split.Any(lane => lane)) continue;
                    foreach (int s in ss)
                    {
                        w.Line($"{v}.StoreUnsafe(a{k}_{s}, ref scratch, {shape.XResult(k, s)});");
                        w.Line(split.All(lane => lane) ? $"a{k}_{s} = hBias{k};" : $"a{k}_{s} = {v}.ConditionalSelect(split{k}, hBias{k}, a{k}_{s});");
                    }
                }
                EmitPhase(w, shape, g, ks, ss, "h", g.RecurrentColumns, (long)g.InputColumns * shape.ColumnLength);
                if (!shape.OneGroup)
                {
                    foreach (int k in ks)
                    {
                        foreach (int s in ss) w.Line($"{v}.StoreUnsafe(a{k}_{s}, ref scratch, {shape.Result(k, s)});");
                    }
                    w.Close();
                }
            }
        }
        w.Line("// into the state's layout");
        for (int k = 0; k < shape.Vectors; k++)
        {
            int kk = k;
            Func<int, string> result = shape.OneGroup ? s => $"a{kk}_{s}" : s => $"{v}.LoadUnsafe(ref scratch, {shape.Result(kk, s)})";
            EmitTranspose(w, shape, k, result, shape.TransposedH);
            if (anySplit && SplitLanes(k).Any(lane => lane))
            {
                EmitTranspose(w, shape, k, s => $"{v}.LoadUnsafe(ref scratch, {shape.XResult(kk, s)})", shape.TransposedX);
            }
        }
        w.Close();
        w.Line();
    }

    // One run of columns (x or h) for a register group's accumulators a{k}_{s}, which hold set 0's start: the sets one
    // after another, each but the last parked in scratch, then added as the single-stream kernels add them.
    private static void EmitPhase(IndentedWriter w, TileShape shape, KernelGeometry g, int[] ks, int[] ss, string source, int columns, long groupBase)
    {
        int sets = shape.Sets, k0 = ks[0], s0 = ss[0];
        string v = shape.Class, vf = shape.OfFloat;
        w.Open();
        for (int set = 0; set < sets; set++)
        {
            if (set > 0)
            {
                foreach (int k in ks)
                {
                    foreach (int s in ss) w.Line($"a{k}_{s} = {vf}.Zero;");
                }
            }
            w.Open($"for (nuint j = {set}; j < {columns}; j += {sets})");
            w.Line($"ref float column = ref {Unsafe}.Add(ref tw, j * {shape.ColumnLength} + {groupBase});");
            foreach (int k in ks) w.Line($"{vf} w{k} = {WeightVector(shape, g, k)};");
            w.Line($"ref float xj = ref {Unsafe}.Add(ref {source}, j * {Streams});");
            foreach (int s in ss)
            {
                w.Line($"{vf} x{s} = {v}.Create({Unsafe}.Add(ref xj, {s}));");
                foreach (int k in ks) w.Line($"a{k}_{s} = {v}.MultiplyAddEstimate(w{k}, x{s}, a{k}_{s});");
            }
            w.Close();
            if (set < sets - 1)
            {
                foreach (int k in ks)
                {
                    foreach (int s in ss) w.Line($"{v}.StoreUnsafe(a{k}_{s}, ref scratch, {shape.FinishedSet(set, k - k0, s - s0)});");
                }
            }
        }
        foreach (int k in ks)
        {
            foreach (int s in ss)
            {
                int kk = k, sss = s;
                string Set(int set) => set == sets - 1 ? $"a{kk}_{sss}" : $"{v}.LoadUnsafe(ref scratch, {shape.FinishedSet(set, kk - k0, sss - s0)})";
                w.Line($"a{k}_{s} = {Set(0)} + ({KernelEmitter.CombineSets(sets, Set)});");
            }
        }
        w.Close();
    }

    // Vector k of a column: tile floats k lanes on, each 8-float half inside one pass (one load when both are in the same one).
    private static string WeightVector(TileShape shape, KernelGeometry g, int k)
    {
        long At(int f) => f / shape.ColumnLength * g.FullPassLength + f % shape.ColumnLength;
        if (shape.VectorLanes == 8) return $"{Vector256}.LoadUnsafe(ref column, {At(8 * k)})";
        long low = At(16 * k), high = At(16 * k + 8);
        return high == low + 8
            ? $"{Vector512}.LoadUnsafe(ref column, {low})"
            : $"{Vector512}.Create({Vector256}.LoadUnsafe(ref column, {low}), {Vector256}.LoadUnsafe(ref column, {high}))";
    }

    private static void EmitTranspose(IndentedWriter w, TileShape shape, int k, Func<int, string> stream, Func<int, int, int> target)
    {
        if (shape.VectorLanes == 16) EmitTranspose16(w, k, stream, target);
        else EmitTranspose8(w, k, stream, target);
    }

    // Vector k of all 8 streams (lane 4 slot + unit of stream s) into the state's layout: for each pair of 64-bit lanes
    // qq (gate slot 2k + qq / 2, units 2 (qq % 2) and + 1), units u of streams 0-7 then unit u + 1 of streams 0-7.
    private static void EmitTranspose16(IndentedWriter w, int k, Func<int, string> stream, Func<int, int, int> target)
    {
        const string Vector512OfDouble = "global::System.Runtime.Intrinsics.Vector512<double>";
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
        w.Line($"{Vector512}<int> first = {Vector512}.Create(0, 2, 8, 10, 16, 18, 24, 26, 1, 3, 9, 11, 17, 19, 25, 27);");
        w.Line($"{Vector512}<int> second = first + {Vector512}.Create(4);");
        // p0/r0 hold 64-bit lanes 0 and 2, p1/r1 4 and 6, p2/r2 1 and 3, p3/r3 5 and 7.
        int[] firstLane = { 0, 4, 1, 5 };
        for (int i = 0; i < 4; i++)
        {
            foreach ((string index, int qq) in new[] { ("first", firstLane[i]), ("second", firstLane[i] + 2) })
            {
                int f = k * 16 + 2 * qq;
                int slot = f / KernelGeometry.Lanes, pair = f % KernelGeometry.Lanes / 2;
                w.Line($"{Vector512}.StoreUnsafe({Avx512F}.PermuteVar16x32x2(p{i}, {index}, r{i}), ref scratch, {target(slot, pair)});");
            }
        }
        w.Close();
    }

    // Vector k of all 8 streams (lane 4 slot + unit of stream s) into the state's layout: lane c (gate slot 2k + c / 4,
    // unit c % 4) of streams 0-7 in one vector. The 8 x 8 transpose: unpack, shuffle, swap 128-bit halves.
    private static void EmitTranspose8(IndentedWriter w, int k, Func<int, string> stream, Func<int, int, int> target)
    {
        w.Open();
        for (int s = 0; s < Streams; s++) w.Line($"{Vector256OfFloat} r{s} = {stream(s)};");
        // t: streams 2m, 2m + 1 interleaved, lanes 0, 1 (and 4, 5) in lo, 2, 3 (6, 7) in hi.
        for (int m = 0; m < 4; m++)
        {
            w.Line($"{Vector256OfFloat} lo{m} = {Avx}.UnpackLow(r{2 * m}, r{2 * m + 1}), hi{m} = {Avx}.UnpackHigh(r{2 * m}, r{2 * m + 1});");
        }
        // u: streams 0-3 (pairs 0, 1) or 4-7 (pairs 2, 3) of one lane per 128-bit half: lanes 0/4, 1/5 (lo), 2/6, 3/7 (hi).
        for (int half = 0; half < 2; half++)
        {
            int a = 2 * half, b = 2 * half + 1;
            w.Line($"{Vector256OfFloat} c0_{half} = {Avx}.Shuffle(lo{a}, lo{b}, 0x44), c1_{half} = {Avx}.Shuffle(lo{a}, lo{b}, 0xEE);");
            w.Line($"{Vector256OfFloat} c2_{half} = {Avx}.Shuffle(hi{a}, hi{b}, 0x44), c3_{half} = {Avx}.Shuffle(hi{a}, hi{b}, 0xEE);");
        }
        for (int c = 0; c < 8; c++)
        {
            int f = k * 8 + c;
            int slot = f / KernelGeometry.Lanes, unit = f % KernelGeometry.Lanes;
            w.Line($"{Vector256}.StoreUnsafe({Avx}.Permute2x128(c{c % 4}_0, c{c % 4}_1, 0x{(c < 4 ? 0x20 : 0x31):X2}), ref scratch, {target(slot, unit)});");
        }
        w.Close();
    }
}
