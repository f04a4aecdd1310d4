using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using EdgeLstm.Cells;
using EdgeLstm.Model;
using EdgeLstm.Plan;
using static EdgeLstm.Generator.Emit.GlobalNames;

namespace EdgeLstm.Generator.Emit;

/// <summary>
/// Emits a recurrent kernel's input projection over a block of steps: for every step t of the block, bias + W_x · x_t
/// for every gate, as one matrix product, before the recurrence runs (<see cref="RunEmitter"/>). The recurrence then
/// starts each gate's accumulator from its row (<see cref="RecurrentLayerEmitter.EmitRecurrence"/>) and adds W_h · h.
/// </summary>
/// <remarks>
/// <para>The product is tiled as a matrix-multiply micro-kernel: one vector of weights (a gate vector of 4 units, or the
/// gate vectors that lie next to each other in the weight stream: two on the 256-bit path, four on the 512-bit path of
/// a kernel without the 512-bit recurrence; a kernel with it reads its aligned gate-major copy instead,
/// <see cref="WideProjectionEmitter"/>) against
/// <see cref="RowsPerTile"/> steps, so each weight load feeds that many independent multiply-add chains, and a step's
/// chain never waits on the recurrence.</para>
/// <para>Each step's sum is the step kernel's, float for float: it starts from the bias, column j goes to accumulator
/// set j % sets (<see cref="KernelEmitter.AccumulatorSets"/> of the pass), the sets are combined in the same order, and
/// the multiply-adds are fused exactly where the step's are (SIMD paths) or not at all (the scalar path sums the
/// columns in order, like the scalar step). So a streaming model's Run equals its Steps bit for bit.</para>
/// <para>Row layout: gate s of unit u at s * PaddedOutputs + u, one row of InputGates * PaddedOutputs floats per step.
/// Padding columns (zero weights) are not read, so an input row is read exactly as long as it is, and a NaN in the
/// next row cannot leak in through 0 * NaN.</para>
/// </remarks>
internal static class ProjectionEmitter
{
    /// <summary>Up to this many real input columns are unrolled; wider inputs loop over groups of 4 columns.</summary>
    internal const int UnrollColumns = 16;

    /// <summary>Steps per register tile: with 2 accumulator sets, 4 steps (8 accumulators); with 4 sets, 2.</summary>
    public static int RowsPerTile(int sets) => 8 / sets;

    /// <summary>Floats of one projected row: every input gate's accumulator start, padded units included.</summary>
    public static int RowLength(KernelPlan kernel) => kernel.Geometry.InputGates * kernel.Geometry.PaddedOutputs;

    /// <param name="w">Output.</param>
    /// <param name="kernel">A forward recurrent kernel.</param>
    /// <param name="sourceStride">Floats from one input row to the next where the projection reads them.</param>
    public static void Emit(IndentedWriter w, KernelPlan kernel, int sourceStride)
    {
        int columns = RealColumns(kernel);
        string stride = Number(sourceStride);
        w.Line($"/// <summary>Layer {kernel.LayerIndex}: bias + W_x · x for <paramref name=\"rows\"/> steps; x rows {stride} floats apart from <paramref name=\"x\"/>, projected rows of {RowLength(kernel)} floats from <paramref name=\"projection\"/>.</summary>");
        w.Open($"private static void {kernel.Name}_Project(ref float x, ref float projection, int rows)");
        KernelEmitter.EmitPathDispatch(w, $"{kernel.Name}_Project", "ref x, ref projection, (nuint)rows", "ref x, ref projection, rows", hasVector512: true);
        w.Close();
        w.Line();
        foreach (SimdPath path in new[] { SimdPath.AdvSimd, SimdPath.Vector512, SimdPath.Vector256, SimdPath.Vector128 })
        {
            if (path == SimdPath.Vector512 && WideKernelEmitter.Applies(kernel))
            {
                WideProjectionEmitter.Emit(w, kernel, sourceStride, columns);
            }
            else
            {
                EmitVector(w, kernel, path, sourceStride, columns);
            }
            w.Line();
        }
        EmitScalar(w, kernel, sourceStride, columns);
        w.Line();
    }

    /// <summary>The real x columns: a prefix of the padded columns (a forward layer reads the input, or h, in order).</summary>
    private static int RealColumns(KernelPlan kernel)
    {
        int real = kernel.InputSources.TakeWhile(s => s >= 0).Count();
        if (kernel.InputSources.Skip(real).Any(s => s >= 0))
        {
            throw new ArgumentException($"{kernel.Name}: the input projection expects the real columns first, padding after.", nameof(kernel));
        }
        return real;
    }

    private static void EmitVector(IndentedWriter w, KernelPlan kernel, SimdPath path, int sourceStride, int columns)
    {
        KernelGeometry g = kernel.Geometry;
        w.Open($"private static void {kernel.Name}_Project_{path}(ref float x, ref float projection, nuint rows)");
        w.Line($"ref float w = ref {MemoryMarshal}.GetReference({kernel.Name}_Weights);");
        w.Line($"ref float bias = ref {MemoryMarshal}.GetReference({kernel.Name}_Bias);");
        KernelPhase phase = g.FirstPhase;
        int unitsPerPass = phase.BlocksPerPass * KernelGeometry.Lanes;
        if (phase.FullPasses > 1)
        {
            // Every full pass has the same shape: loop over them, the weight reference stepping a pass at a time.
            w.Line("ref float wp = ref w;");
            w.Open($"for (nuint u = 0; u < {phase.FullPasses * unitsPerPass}; u += {unitsPerPass})");
            EmitPass(w, kernel, path, "wp", 0, phase.BlocksPerPass, Offset.Variable("u"), sourceStride, columns);
            w.Line($"wp = ref {Unsafe}.Add(ref wp, {phase.FullPassLength});");
            w.Close();
        }
        foreach (KernelPhase.Pass pass in g.Passes.Skip(phase.FullPasses > 1 ? phase.FullPasses : 0))
        {
            w.Open();
            EmitPass(w, kernel, path, "w", pass.Offset, pass.Blocks, Offset.Constant(pass.FirstUnit), sourceStride, columns);
            w.Close();
        }
        w.Close();
    }

    /// <summary>One pass: its x weights are column after column of (blocks x gates) gate vectors; each tile is one or two of those slots.</summary>
    private static void EmitPass(IndentedWriter w, KernelPlan kernel, SimdPath path, string weights, long passOffset, int blocks,
        Offset unit, int sourceStride, int columns)
    {
        KernelGeometry g = kernel.Geometry;
        int gates = g.InputGates, slots = blocks * gates, sets = KernelEmitter.AccumulatorSets(slots);
        IReadOnlyList<GateBiasSlots> biasSlots = kernel.Layer is RecurrentLayer r ? r.Definition.Packing(r).GateBiasSlots : throw new ArgumentException("Not a recurrent kernel.", nameof(kernel));
        Offset BiasAt(int slot) => unit + 4 * (slot / gates) + (long)biasSlots[slot % gates].Input * g.PaddedOutputs;
        Offset RowAt(int slot) => unit + 4 * (slot / gates) + (long)(slot % gates) * g.PaddedOutputs;
        int slotsPerTile = path switch { SimdPath.Vector512 => 4, SimdPath.Vector256 => 2, _ => 1 };
        for (int first = 0, width; first < slots; first += width)
        {
            // The widest register the remaining slots fill: 4 gate vectors on 16 lanes, 2 on 8, 1 on 4.
            width = Math.Min(slotsPerTile, slots - first) switch { 4 => 4, 3 or 2 => 2, _ => 1 };
            var tile = new Tile(path, first, Enumerable.Range(first, width).ToArray());
            string Bias(int slot) => $"{Vector128}.LoadUnsafe(ref bias, {BiasAt(slot)})";
            string Pair(int slot) => $"{Vector256}.Create({Bias(slot)}, {Bias(slot + 1)})";
            w.Open();
            w.Line($"// slots {string.Join(", ", tile.Slots.Select(s => $"{s} (block {s / gates}, gate {s % gates})"))}: columns into {sets} accumulator sets, {RowsPerTile(sets)} steps per weight load");
            w.Line($"{tile.OfFloat} start = {width switch { 4 => $"{Vector512}.Create({Pair(first)}, {Pair(first + 2)})", 2 => Pair(first), _ => Bias(first) }};");
            w.Line("nuint t = 0;");
            int rowsPerTile = RowsPerTile(sets);
            w.Open($"for (; t + {rowsPerTile} <= rows; t += {rowsPerTile})");
            EmitTile(w, kernel, tile, weights, passOffset, slots, sets, rowsPerTile, sourceStride, columns, RowAt);
            w.Close();
            w.Open("for (; t < rows; t++)");
            EmitTile(w, kernel, tile, weights, passOffset, slots, sets, 1, sourceStride, columns, RowAt);
            w.Close();
            w.Close();
        }
    }

    /// <summary>The gate vectors (slots) one register holds: 4 on 16 lanes, 2 on 8, or 1.</summary>
    private sealed record Tile(SimdPath Path, int First, int[] Slots)
    {
        public string Class => Slots.Length switch { 4 => Vector512, 2 => Vector256, _ => Vector128 };

        public string OfFloat => Class + "<float>";

        /// <summary>Slot k's 4 lanes of the register <paramref name="value"/>.</summary>
        public string Part(string value, int k) => Slots.Length switch
        {
            4 => $"{Vector256}.{(k % 2 == 0 ? "GetLower" : "GetUpper")}({Vector512}.{(k < 2 ? "GetLower" : "GetUpper")}({value}))",
            2 => $"{Vector256}.{(k == 0 ? "GetLower" : "GetUpper")}({value})",
            _ => value,
        };
    }

    private static void EmitTile(IndentedWriter w, KernelPlan kernel, Tile tile, string weights, long passOffset, int slots, int sets,
        int rows, int sourceStride, int columns, Func<int, Offset> rowAt)
    {
        int rowLength = RowLength(kernel);
        string Acc(int row, int set) => $"a{row}_{set}";
        w.Line($"ref float xt = ref {Unsafe}.Add(ref x, t * {sourceStride});");
        w.Line($"ref float pt = ref {Unsafe}.Add(ref projection, t * {rowLength});");
        for (int row = 0; row < rows; row++)
        {
            w.Line($"{tile.OfFloat} {Acc(row, 0)} = start;");
            for (int set = 1; set < sets; set++) w.Line($"{tile.OfFloat} {Acc(row, set)} = {tile.OfFloat}.Zero;");
        }

        // Column j of row r: x[r * stride + j]. A group of 4 columns starts at a multiple of 4, so column j's set is j % sets
        // in the loop too, as in the step.
        void Group(Offset column, int count, WeightCursor cursor)
        {
            bool byLane = tile.Path == SimdPath.AdvSimd && count == KernelGeometry.Lanes;
            if (byLane)
            {
                // NEON: one load of the row's 4 inputs and a multiply-add by lane, as the step does.
                for (int row = 0; row < rows; row++) w.Line($"{Vector128OfFloat} x{row} = {Vector128}.LoadUnsafe(ref xt, {column + (long)row * sourceStride});");
            }
            for (int lane = 0; lane < count; lane++)
            {
                int set = lane % sets;
                string weight = cursor.Load((long)lane * slots * KernelGeometry.Lanes + (long)tile.First * KernelGeometry.Lanes, tile.Class);
                w.Line($"{tile.OfFloat} w{lane} = {weight};");
                for (int row = 0; row < rows; row++)
                {
                    string acc = Acc(row, set);
                    string input = $"{Unsafe}.Add(ref xt, {column + ((long)row * sourceStride + lane)})";
                    w.Line(tile.Path switch
                    {
                        SimdPath.AdvSimd when byLane => $"{acc} = {AdvSimdArm64}.FusedMultiplyAddBySelectedScalar({acc}, w{lane}, x{row}, {lane});",
                        SimdPath.AdvSimd => $"{acc} = global::System.Runtime.Intrinsics.Arm.AdvSimd.FusedMultiplyAdd({acc}, w{lane}, {Vector128}.Create({input}));",
                        _ => $"{acc} = {tile.Class}.MultiplyAddEstimate(w{lane}, {tile.Class}.Create({input}), {acc});",
                    });
                }
            }
        }

        int fullGroups = columns / KernelGeometry.Lanes, tail = columns % KernelGeometry.Lanes;
        long groupLength = (long)KernelGeometry.Lanes * slots * KernelGeometry.Lanes;
        if (columns > UnrollColumns)
        {
            w.Line($"ref float wj = ref {Unsafe}.Add(ref {weights}, {passOffset});");
            w.Open($"for (nuint j = 0; j < {fullGroups * KernelGeometry.Lanes}; j += 4)");
            Group(Offset.Variable("j"), KernelGeometry.Lanes, new WeightCursor("wj", 0, kernel.WeightType));
            w.Line($"wj = ref {Unsafe}.Add(ref wj, {groupLength});");
            w.Close();
            if (tail != 0)
            {
                w.Open();
                Group(Offset.Constant((long)fullGroups * KernelGeometry.Lanes), tail, new WeightCursor("wj", 0, kernel.WeightType));
                w.Close();
            }
        }
        else
        {
            for (int group = 0; group * KernelGeometry.Lanes < columns; group++)
            {
                w.Open();
                Group(Offset.Constant((long)group * KernelGeometry.Lanes), Math.Min(KernelGeometry.Lanes, columns - group * KernelGeometry.Lanes),
                    new WeightCursor(weights, passOffset + group * groupLength, kernel.WeightType));
                w.Close();
            }
        }

        for (int row = 0; row < rows; row++)
        {
            w.Line($"{Acc(row, 0)} += {KernelEmitter.CombineSets(sets, set => Acc(row, set))};");
            for (int k = 0; k < tile.Slots.Length; k++)
            {
                w.Line($"{Vector128}.StoreUnsafe({tile.Part(Acc(row, 0), k)}, ref pt, {rowAt(tile.Slots[k]) + (long)row * rowLength});");
            }
        }
    }

    /// <summary>
    /// Plain floats, as the scalar step sums them: per unit and gate, the bias and then every column in order, four steps
    /// per weight load.
    /// </summary>
    private static void EmitScalar(IndentedWriter w, KernelPlan kernel, int sourceStride, int columns)
    {
        var layer = (RecurrentLayer)kernel.Layer;
        KernelGeometry g = kernel.Geometry;
        int hp = g.PaddedOutputs, xg = g.InputGates * KernelGeometry.Lanes, rowLength = RowLength(kernel);
        IReadOnlyList<GateBiasSlots> slots = layer.Definition.Packing(layer).GateBiasSlots;
        w.Open($"private static void {kernel.Name}_Project_Scalar(ref float x, ref float projection, int rows)");
        w.Line($"ref float w = ref {MemoryMarshal}.GetReference({kernel.Name}_Weights);");
        w.Line($"ref float bias = ref {MemoryMarshal}.GetReference({kernel.Name}_Bias);");
        w.Open($"for (int u = 0; u < {layer.Hidden}; u++)");
        RecurrentLayerEmitter.EmitScalarPassPosition(w, g.FirstPhase);
        w.Line($"int xAt = pass * {g.FullPassLength} + p * {xg} + lane, xStride = blocks * {xg};");
        for (int s = 0; s < g.InputGates; s++)
        {
            w.Open();
            w.Line($"float start = {Unsafe}.Add(ref bias, {slots[s].Input * hp} + u);");
            w.Line($"ref float ws = ref {Unsafe}.Add(ref w, xAt + {s * KernelGeometry.Lanes});");
            w.Line("int t = 0;");
            w.Open("for (; t + 4 <= rows; t += 4)");
            w.Line($"ref float xt = ref {Unsafe}.Add(ref x, t * {sourceStride});");
            w.Line("float a0 = start, a1 = start, a2 = start, a3 = start;");
            w.Open($"for (int j = 0; j < {columns}; j++)");
            w.Line($"float wj = {Unsafe}.Add(ref ws, j * xStride);");
            for (int row = 0; row < 4; row++)
            {
                w.Line($"a{row} += wj * {Unsafe}.Add(ref xt, {Offset.Variable("j") + (long)row * sourceStride});");
            }
            w.Close();
            for (int row = 0; row < 4; row++)
            {
                w.Line($"{Unsafe}.Add(ref projection, (t + {row}) * {rowLength} + {s * hp} + u) = a{row};");
            }
            w.Close();
            w.Open("for (; t < rows; t++)");
            w.Line($"ref float xt = ref {Unsafe}.Add(ref x, t * {sourceStride});");
            w.Line("float a = start;");
            w.Line($"for (int j = 0; j < {columns}; j++) a += {Unsafe}.Add(ref ws, j * xStride) * {Unsafe}.Add(ref xt, j);");
            w.Line($"{Unsafe}.Add(ref projection, t * {rowLength} + {s * hp} + u) = a;");
            w.Close();
            w.Close();
        }
        w.Close();
        w.Close();
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
