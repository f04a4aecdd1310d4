using System;
using System.Collections.Generic;
using EdgeLstm.Cells;
using EdgeLstm.Model;
using EdgeLstm.Plan;
using static EdgeLstm.Generator.Emit.GlobalNames;

namespace EdgeLstm.Generator.Emit;

/// <summary>
/// The 512-bit input projection of a kernel that has the 512-bit recurrence (<see cref="WideKernelEmitter.Applies"/>):
/// it reads the x columns of the same 64-byte aligned, gate-major copy (<see cref="WideLayout"/>), where one 16-lane
/// load is one gate of 16 units and one 16-lane store is that gate's slice of a projected row.
/// </summary>
/// <remarks>
/// <para>A tile is every input gate of one chunk for a few steps (<see cref="RowsPerTile"/>): per column, one aligned
/// load per gate and one broadcast per step feed gates x steps multiply-adds, where the packed form
/// (<see cref="ProjectionEmitter"/>) broadcasts each step's input once per group of 4 gate vectors.</para>
/// <para>The same sums as the step, float for float: each slot starts from its bias, real column j goes to accumulator
/// set j % sets with sets = <see cref="KernelEmitter.AccumulatorSets"/> of the unit's pass in the shared packing
/// (which every chunk keeps), one fused multiply-add each, and the sets are combined by
/// <see cref="KernelEmitter.CombineSets"/>.</para>
/// </remarks>
internal static class WideProjectionEmitter
{
    /// <summary>Accumulators a tile aims for (of the 32 registers: the rest hold the bias starts, the weights and the inputs).</summary>
    private const int TargetAccumulators = 16;

    /// <summary>Steps per tile: enough for <see cref="TargetAccumulators"/> (gates x sets per step), at most 4.</summary>
    private static int RowsPerTile(int gates, int sets) => Math.Max(1, Math.Min(4, TargetAccumulators / (gates * sets)));

    /// <param name="w">Output.</param>
    /// <param name="kernel">A forward recurrent kernel with the 512-bit form.</param>
    /// <param name="sourceStride">Floats from one input row to the next.</param>
    /// <param name="columns">The real x columns (a prefix of the padded ones).</param>
    public static void Emit(IndentedWriter w, KernelPlan kernel, int sourceStride, int columns)
    {
        KernelGeometry g = kernel.Geometry;
        var layout = WideLayout.For(g);
        w.Open($"private static void {kernel.Name}_Project_{SimdPath.Vector512}(ref float x, ref float projection, nuint rows)");
        w.Line($"ref float w = ref {WideKernelEmitter.AlignedWeights(kernel)}; // the 64-byte aligned, gate-major copy");
        w.Line($"ref float bias = ref {MemoryMarshal}.GetReference({kernel.Name}_Bias);");
        foreach ((WideChunk first, int _, int count) in layout.Runs(_ => 1))
        {
            if (count > 1)
            {
                w.Open($"for (nuint u = {first.FirstUnit}; u < {first.FirstUnit + count * first.Width}; u += {first.Width})");
                w.Line($"ref float wc = ref {Unsafe}.Add(ref w, u * {layout.UnitLength});");
                EmitChunk(w, kernel, first, Offset.Variable("u"), sourceStride, columns);
            }
            else
            {
                w.Open();
                w.Line($"ref float wc = ref {Unsafe}.Add(ref w, {layout.ChunkStart(first.FirstUnit)});");
                EmitChunk(w, kernel, first, Offset.Constant(first.FirstUnit), sourceStride, columns);
            }
            w.Close();
        }
        w.Close();
    }

    // Every input gate of the chunk's units (weights from `wc`) for all rows: the bias starts, then tiles of steps.
    private static void EmitChunk(IndentedWriter w, KernelPlan kernel, WideChunk chunk, Offset unit, int sourceStride, int columns)
    {
        KernelGeometry g = kernel.Geometry;
        var layer = (RecurrentLayer)kernel.Layer;
        IReadOnlyList<GateBiasSlots> slots = layer.Definition.Packing(layer).GateBiasSlots;
        int gates = g.InputGates, sets = KernelEmitter.AccumulatorSets(chunk.PassBlocks * gates), rowsPerTile = RowsPerTile(gates, sets);
        string vector = chunk.Width switch { 16 => Vector512, 8 => Vector256, _ => Vector128 };
        w.Line($"// {chunk.Width} units, {gates} gate(s): columns into {sets} accumulator sets, {rowsPerTile} steps per tile");
        for (int s = 0; s < gates; s++)
        {
            w.Line($"{vector}<float> start{s} = {vector}.LoadUnsafe(ref bias, {unit + (long)slots[s].Input * g.PaddedOutputs});");
        }
        w.Line("nuint t = 0;");
        if (rowsPerTile > 1)
        {
            w.Open($"for (; t + {rowsPerTile} <= rows; t += {rowsPerTile})");
            EmitTile(w, kernel, vector, chunk.Width, gates, sets, rowsPerTile, unit, sourceStride, columns);
            w.Close();
        }
        w.Open("for (; t < rows; t++)");
        EmitTile(w, kernel, vector, chunk.Width, gates, sets, 1, unit, sourceStride, columns);
        w.Close();
    }

    private static void EmitTile(IndentedWriter w, KernelPlan kernel, string vector, int width, int gates, int sets, int rows,
        Offset unit, int sourceStride, int columns)
    {
        int rowLength = ProjectionEmitter.RowLength(kernel), hp = kernel.Geometry.PaddedOutputs;
        string Acc(int row, int gate, int set) => $"a{row}_{gate}_{set}";
        w.Line($"ref float xt = ref {Unsafe}.Add(ref x, t * {sourceStride});");
        w.Line($"ref float pt = ref {Unsafe}.Add(ref projection, t * {rowLength});");
        for (int row = 0; row < rows; row++)
        {
            for (int gate = 0; gate < gates; gate++)
            {
                w.Line($"{vector}<float> {Acc(row, gate, 0)} = start{gate};");
                for (int set = 1; set < sets; set++) w.Line($"{vector}<float> {Acc(row, gate, set)} = {vector}<float>.Zero;");
            }
        }

        // Columns first .. first + count - 1, from `weights` (the chunk's column `first` when the reference is a loop's).
        // A group of columns starts at a multiple of 4, so lane % sets is column j % sets, as in the step.
        void Group(Offset column, int count, string weights, long columnOffset)
        {
            w.Open();
            for (int lane = 0; lane < count; lane++)
            {
                int set = lane % sets;
                for (int gate = 0; gate < gates; gate++)
                {
                    w.Line($"{vector}<float> w{lane}_{gate} = {vector}.LoadUnsafe(ref {weights}, {((columnOffset + lane) * gates + gate) * width});");
                }
                for (int row = 0; row < rows; row++)
                {
                    w.Line($"{vector}<float> x{lane}_{row} = {vector}.Create({Unsafe}.Add(ref xt, {column + ((long)row * sourceStride + lane)}));");
                    for (int gate = 0; gate < gates; gate++)
                    {
                        w.Line($"{Acc(row, gate, set)} = {vector}.MultiplyAddEstimate(w{lane}_{gate}, x{lane}_{row}, {Acc(row, gate, set)});");
                    }
                }
            }
            w.Close();
        }

        int lanes = KernelGeometry.Lanes, fullGroups = columns / lanes, tail = columns % lanes;
        if (columns > ProjectionEmitter.UnrollColumns)
        {
            w.Line("ref float wj = ref wc;");
            w.Open($"for (nuint j = 0; j < {fullGroups * lanes}; j += {lanes})");
            Group(Offset.Variable("j"), lanes, "wj", 0);
            w.Line($"wj = ref {Unsafe}.Add(ref wj, {lanes * gates * width});");
            w.Close();
            if (tail != 0) Group(Offset.Constant(fullGroups * lanes), tail, "wc", fullGroups * lanes);
        }
        else
        {
            for (int first = 0; first < columns; first += lanes)
            {
                Group(Offset.Constant(first), Math.Min(lanes, columns - first), "wc", first);
            }
        }

        for (int row = 0; row < rows; row++)
        {
            for (int gate = 0; gate < gates; gate++)
            {
                w.Line($"{Acc(row, gate, 0)} += {KernelEmitter.CombineSets(sets, set => Acc(row, gate, set))};");
                w.Line($"{vector}.StoreUnsafe({Acc(row, gate, 0)}, ref pt, {unit + ((long)gate * hp + (long)row * rowLength)});");
            }
        }
    }
}
