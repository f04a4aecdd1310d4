using System;
using System.Linq;
using EdgeLstm.Plan;
using static EdgeLstm.Generator.Emit.GlobalNames;

namespace EdgeLstm.Generator.Emit;

/// <summary>
/// The 256-bit path of an unrolled kernel, gate-major: one 8-lane accumulator per gate and pair of blocks (p, p + 1),
/// from the bias to the activations, instead of <see cref="KernelEmitter"/>'s pairs of adjacent slots (z0 with r0,
/// nx0 with z1...), which had to be split into 4-lane halves after the columns and joined again by gate for the 8-lane
/// activations: an extract and an insert (6 cycles) between the last multiply-add and the activation, on the step's
/// critical path, and the new h stored as two halves that the next step read back with one 32-byte load, which store
/// forwarding cannot serve. Each lane still adds the same products in the same order (column j into accumulator set
/// j % <see cref="KernelEmitter.AccumulatorSets"/>, the sets added at the end), so the floats are those of every other
/// path.
/// </summary>
/// <remarks>
/// In the kernel's weight stream a column's slots lie block-major (block p's gates together), so these passes read a
/// copy, <see cref="PairedWeights"/>, where each column's slots are reordered gate-major by pair of blocks: one
/// 8-float load per gate and pair. (Two 4-float loads joined by <c>Vector256.Create</c> fold into one constant while
/// the JIT has inlining budget left, but a 16-unit LSTM step exhausts it, and then every join became a call.) Only
/// unrolled kernels take this form, at most <see cref="ModelPlanner.UnrollLimit"/> weights each.
/// </remarks>
internal static class GatePairColumns
{
    /// <summary>True when a pass of <paramref name="blocks"/> blocks of this kernel takes the gate-major 256-bit form.</summary>
    public static bool Applies(KernelPlan kernel, CellCode code, int blocks)
        => kernel.Shape == LoopShape.Unrolled && code.UpdatesBlockPairs && blocks >= 2;

    /// <summary>True when some pass of the kernel's first phase takes the gate-major 256-bit form.</summary>
    public static bool AppliesToAnyPass(KernelPlan kernel, CellCode code)
        => kernel.Geometry.FirstPhase.Passes.Any(pass => Applies(kernel, code, pass.Blocks));

    /// <summary>
    /// The kernel's weight stream with the slots of every column of the passes that take this form reordered: block
    /// pairs first, each as gate 0 of blocks p and p + 1 (8 floats), gate 1 of both..., then an odd last block's gates
    /// as before. Same length and same column and pass offsets as the stream, so everything else reads it unchanged.
    /// </summary>
    public static float[] PairedWeights(KernelPlan kernel, CellCode code)
    {
        float[] stream = kernel.Packed.Weights, paired = (float[])stream.Clone();
        KernelPhase phase = kernel.Geometry.FirstPhase;
        foreach (KernelPhase.Pass pass in phase.Passes.Where(pass => Applies(kernel, code, pass.Blocks)))
        {
            for (int group = 0; group < phase.Groups.Count; group++)
            {
                int gates = phase.Groups[group].Gates;
                for (int column = 0; column < phase.Groups[group].Columns; column++)
                {
                    long start = pass.WeightOffset(group, column, 0, 0);
                    for (int block = 0; block < pass.Blocks; block++)
                    {
                        for (int gate = 0; gate < gates; gate++)
                        {
                            Array.Copy(stream, pass.WeightOffset(group, column, block, gate),
                                paired, start + PairedSlot(pass.Blocks, gates, block, gate) * KernelGeometry.Lanes, KernelGeometry.Lanes);
                        }
                    }
                }
            }
        }
        return paired;
    }

    // Where block p's gate g lies among a column's slots in PairedWeights (in units of 4 floats).
    private static long PairedSlot(int blocks, int gates, int block, int gate)
        => block < blocks - blocks % 2 ? ((long)(block / 2) * gates + gate) * 2 + block % 2 : (long)block * gates + gate;

    /// <summary>The 8-lane accumulator of <paramref name="gate"/> for blocks <paramref name="p"/> and p + 1.</summary>
    public static string Name(string gate, int p) => $"{gate}{p}and{p + 1}";

    /// <param name="writer">Output.</param>
    /// <param name="cursor">The weight position in <see cref="PairedWeights"/>; advanced past the columns.</param>
    /// <param name="source">The <c>ref float</c> holding the input vector (x or h).</param>
    /// <param name="columns">Columns to accumulate, a multiple of 4.</param>
    /// <param name="blocks">Blocks in the pass; an odd last block keeps 4-lane accumulators.</param>
    /// <param name="gates">Accumulator names of the gates read from these columns, in stream order.</param>
    /// <param name="isPadding">Columns known to be padding (all weights zero): groups made only of them are skipped.</param>
    public static void Emit(IndentedWriter writer, WeightCursor cursor, string source, int columns, int blocks,
        System.Collections.Generic.IReadOnlyList<string> gates, Func<int, bool>? isPadding)
    {
        int gateCount = gates.Count, slots = blocks * gateCount, sets = KernelEmitter.AccumulatorSets(slots);
        int lastPair = blocks - blocks % 2;
        string Set(string accumulator, int set) => set == 0 ? accumulator : $"{accumulator}_{set}";
        long groupLength = (long)KernelGeometry.Lanes * slots * KernelGeometry.Lanes;
        writer.Open();
        writer.Line($"// {source}: each gate of blocks p and p + 1 on 8 lanes, column j in accumulator set j % {sets}");
        for (int set = 1; set < sets; set++)
        {
            for (int p = 0; p < lastPair; p += 2)
            {
                foreach (string gate in gates) writer.Line($"{Vector256OfFloat} {Set(Name(gate, p), set)} = {Vector256OfFloat}.Zero;");
            }
            if (lastPair < blocks)
            {
                foreach (string gate in gates) writer.Line($"{Vector128OfFloat} {Set(gate + lastPair, set)} = {Vector128OfFloat}.Zero;");
            }
        }
        void Group(Offset column, Func<int, bool> isPaddingLane)
        {
            writer.Open();
            for (int lane = 0; lane < KernelGeometry.Lanes; lane++)
            {
                if (isPaddingLane(lane)) continue; // zero weights times zero input: nothing to add
                int set = lane % sets;
                writer.Line($"{Vector256OfFloat} x{lane} = {Vector256}.Create({Unsafe}.Add(ref {source}, {column + lane}));");
                long Slot(int p, int g) => ((long)lane * slots + PairedSlot(blocks, gateCount, p, g)) * KernelGeometry.Lanes;
                for (int p = 0; p < lastPair; p += 2)
                {
                    for (int g = 0; g < gateCount; g++)
                    {
                        string weight = cursor.Load(Slot(p, g), Vector256);
                        string accumulator = Set(Name(gates[g], p), set);
                        writer.Line($"{accumulator} = {Vector256}.MultiplyAddEstimate({weight}, x{lane}, {accumulator});");
                    }
                }
                if (lastPair < blocks)
                {
                    for (int g = 0; g < gateCount; g++)
                    {
                        string accumulator = Set(gates[g] + lastPair, set);
                        writer.Line($"{accumulator} = {Vector128}.MultiplyAddEstimate({cursor.Load(Slot(lastPair, g))}, {Vector256}.GetLower(x{lane}), {accumulator});");
                    }
                }
            }
            writer.Close();
        }
        KernelEmitter.EmitColumnGroups(writer, cursor, columns, groupLength, loopColumns: false, isPadding, Group);
        for (int p = 0; p < lastPair; p += 2)
        {
            foreach (string gate in gates) writer.Line($"{Name(gate, p)} += {KernelEmitter.CombineSets(sets, set => Set(Name(gate, p), set))};");
        }
        if (lastPair < blocks)
        {
            foreach (string gate in gates) writer.Line($"{gate}{lastPair} += {KernelEmitter.CombineSets(sets, set => Set(gate + lastPair, set))};");
        }
        writer.Close();
    }
}
