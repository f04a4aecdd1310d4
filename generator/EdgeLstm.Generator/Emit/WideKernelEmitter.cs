using System;
using System.Collections.Generic;
using System.Linq;
using EdgeLstm.Plan;
using static EdgeLstm.Generator.Emit.GlobalNames;

namespace EdgeLstm.Generator.Emit;

/// <summary>
/// Consecutive passes of a phase that a kernel runs together: <see cref="Passes"/> passes of the same block count,
/// whose weight streams lie <see cref="Stride"/> floats apart (one full pass). Every path but the 512-bit one runs
/// one pass at a time.
/// </summary>
internal readonly record struct PassGroup(int Passes, long Stride)
{
    public static PassGroup One => new(1, 0);
}

/// <summary>
/// The 512-bit form of the recurrent kernels (<see cref="SimdPath.Vector512"/>: x64 with AVX-512, chosen at JIT time).
/// </summary>
/// <remarks>
/// <para>A 16-lane register holds four gate vectors of 4 that lie next to each other in the weight stream (slots
/// 4m .. 4m + 3 of a pass, slot k = block * gates + gate), just as the 256-bit form pairs two. One pass of the shared
/// packing has too few of them to keep the multiply-add units busy (LSTM: 2 blocks x 4 gates = 2 quads, times 2
/// accumulator sets = 4 chains, where an FMA latency of 4 cycles at 2 per cycle wants 8), and packing more blocks per
/// pass would overflow the 16 registers of the 128-bit and 256-bit paths. So this form runs several consecutive
/// passes of the same stream at once (<see cref="PassesPerGroup"/>): each keeps its own stream (a constant stride
/// on) and its own accumulators, and each column's input is broadcast once for all of them.</para>
/// <para>Same packing, no second weight array, and within every slot the same sums in the same order as every other
/// path (<see cref="KernelEmitter.AccumulatorSets"/> of the pass, column j in set j % sets): the same floats. The
/// 4-lane accumulators are joined before the columns and split after them, so the cell update is the 256-bit path's.</para>
/// </remarks>
internal static class WideKernelEmitter
{
    /// <summary>
    /// Weights (floats, = multiply-adds per step) from which a recurrent kernel gets the 512-bit form: 32 KB, about
    /// what stays in a core's L1 data cache beside the state. Above it the step streams its weights from L2, and
    /// full-line 16-lane loads move them faster (measured on a 2-core AVX-512 Xeon, ns per step, 512 vs 256-bit:
    /// LSTM H = 64 (18,432 weights) 1,009 vs 1,344, H = 256 10,238 vs 16,685, GRU H = 64 (13,824) 828 vs 932); below
    /// it the step is bound by its chain of dependent operations, which the joins and splits of 16-lane accumulators
    /// lengthen (LSTM H = 32 (5,120) 352 vs 310, GRU H = 16 126 vs 103). Smaller kernels keep the 256-bit form there.
    /// </summary>
    public const long MinWeights = 8192;

    /// <summary>Whether <paramref name="kernel"/> (a recurrent direction) has a 512-bit form.</summary>
    public static bool Applies(KernelPlan kernel) => kernel.WeightCount >= MinWeights;

    /// <summary>
    /// The kernel's weight stream copied once, on the first 512-bit step, into a pinned array at a 64-byte boundary.
    /// The baked stream is a string literal's characters, which start 4 bytes past an 8-byte boundary: every 16-lane
    /// load from it would straddle two cache lines (measured: the 512-bit kernels were slower than the 256-bit ones
    /// until their weights were aligned). A machine without AVX-512, and Native AOT code for one, never touches it.
    /// </summary>
    public static void EmitAlignedWeights(IndentedWriter w, KernelPlan kernel)
    {
        w.Line($"/// <summary>{kernel.Name}_Weights for the 512-bit kernels: copied on first use to a 64-byte boundary of a pinned array, so that no 16-lane load straddles two cache lines.</summary>");
        w.Open($"private static class {kernel.Name}_Aligned");
        w.Line($"public static readonly float[] Buffer = global::System.GC.AllocateUninitializedArray<float>({kernel.Name}_Weights.Length + 15, pinned: true);");
        w.Line("public static readonly int Start = CopyToBoundary();");
        w.Line();
        w.Open("private static int CopyToBoundary()");
        w.Line("// The array is pinned, so its address (a byte offset from null) stays; floats to skip to the next 64-byte boundary:");
        w.Line($"nint address = {Unsafe}.ByteOffset(ref {Unsafe}.NullRef<float>(), ref {MemoryMarshal}.GetArrayDataReference(Buffer));");
        w.Line("int start = (int)((64 - (address & 63)) & 63) / sizeof(float);");
        w.Line($"{kernel.Name}_Weights.CopyTo(new {SpanOfFloat}(Buffer, start, {kernel.Name}_Weights.Length));");
        w.Line("return start;");
        w.Close();
        w.Close();
    }

    /// <summary>The first weight of the aligned copy, as a <c>ref float</c> expression.</summary>
    public static string AlignedWeights(KernelPlan kernel)
        => $"{Unsafe}.Add(ref {MemoryMarshal}.GetArrayDataReference({kernel.Name}_Aligned.Buffer), {kernel.Name}_Aligned.Start)";

    // lower | upper as one vector of twice the width: one insert (Vector512.Create of two halves made the JIT spill).
    private static string Join(string lower, string upper, string half, string whole)
        => $"{whole}.WithUpper({half}.To{whole.Substring(whole.LastIndexOf('.') + 1)}Unsafe({lower}), {upper})";

    /// <summary>Gate vectors of 4 a group of passes aims for: 4 sixteen-lane registers, times 2 sets = 8 chains.</summary>
    private const int TargetSlots = 16;

    /// <summary>How many full passes of <paramref name="phase"/> (whose first column group has <paramref name="gates"/> gates) run together.</summary>
    public static int PassesPerGroup(KernelPhase phase, int gates)
    {
        int slots = phase.BlocksPerPass * gates;
        return Math.Max(1, Math.Min(phase.FullPasses, (TargetSlots + slots - 1) / slots));
    }

    /// <summary>The passes of an unrolled kernel in groups: full passes by <see cref="PassesPerGroup"/>, a shorter last pass alone.</summary>
    public static IEnumerable<(KernelPhase.Pass First, PassGroup Group)> Groups(KernelPhase phase, int gates)
    {
        int size = PassesPerGroup(phase, gates);
        IReadOnlyList<KernelPhase.Pass> passes = phase.Passes;
        for (int first = 0; first < passes.Count;)
        {
            int count = 1;
            while (count < size && first + count < phase.FullPasses) count++; // full passes only: one stride apart
            yield return (passes[first], count == 1 ? PassGroup.One : new PassGroup(count, phase.FullPassLength));
            first += count;
        }
    }

    /// <summary>
    /// A looped kernel's passes: a loop over groups of full passes, the full passes left over as one smaller group,
    /// then the shorter last pass, if any. The weight reference <c>wp</c> walks the stream as in
    /// <see cref="RecurrentLayerEmitter.EmitLoopedPasses"/>.
    /// </summary>
    public static void EmitLoopedGroups(IndentedWriter w, KernelPhase phase, int gates, WeightElementType weightType,
        Action<WeightCursor, int, Offset, PassGroup> emitPass)
    {
        int unitsPerPass = phase.BlocksPerPass * KernelGeometry.Lanes, size = PassesPerGroup(phase, gates);
        int groups = phase.FullPasses / size, rest = phase.FullPasses % size;
        void Group(int passes, Offset unit)
        {
            var cursor = new WeightCursor("wp", 0, weightType);
            var group = passes == 1 ? PassGroup.One : new PassGroup(passes, phase.FullPassLength);
            emitPass(cursor, phase.BlocksPerPass, unit, group);
            cursor.Offset += (passes - 1) * phase.FullPassLength; // past the group's other passes
            cursor.Advance(w);
        }
        w.Open($"for (nuint u = 0; u < {groups * size * unitsPerPass}; u += {size * unitsPerPass})");
        Group(size, Offset.Variable("u"));
        w.Close();
        if (rest != 0)
        {
            w.Open();
            Group(rest, Offset.Constant(groups * size * unitsPerPass));
            w.Close();
        }
        int tail = phase.Blocks - phase.FullPasses * phase.BlocksPerPass;
        if (tail != 0)
        {
            w.Open();
            var cursor = new WeightCursor("wp", 0, weightType);
            emitPass(cursor, tail, Offset.Constant(phase.FullPasses * unitsPerPass), PassGroup.One);
            cursor.Advance(w);
            w.Close();
        }
    }

    /// <summary>
    /// The 512-bit form of <see cref="KernelEmitter.EmitColumns"/> over a group of passes. Each pass's slots go four
    /// at a time into 16-lane registers, a pair left over into an 8-lane one and an odd last slot into a 4-lane one.
    /// </summary>
    /// <param name="blocks">Blocks of each pass of the group; accumulator(p, g) numbers the blocks across the group.</param>
    public static void EmitColumns(IndentedWriter writer, WeightCursor cursor, string source, int columns, PassGroup group, int blocks, int gates,
        Func<int, int, string> accumulator, bool loopColumns, Func<int, bool>? isPadding)
    {
        int slots = blocks * gates, sets = KernelEmitter.AccumulatorSets(slots), quads = slots / 4;
        bool pair = slots % 4 >= 2, single = slots % 2 != 0;
        int pairAt = 4 * quads, singleAt = slots - 1;
        string Slot(int s, int k) => accumulator(s * blocks + k / gates, k % gates);
        string Quad(int s, int m, int set) => $"quad{s}_{m}_{set}";
        string Pair(int s, int set) => $"pair{s}_{set}";
        string Single(int s, int set) => set == 0 ? Slot(s, singleAt) : $"last{s}_{set}";
        long groupLength = (long)KernelGeometry.Lanes * slots * KernelGeometry.Lanes;
        writer.Open();
        writer.Line($"// {source}: {(group.Passes == 1 ? "one pass" : $"{group.Passes} passes at once")}, gate vectors in fours on 16 lanes, column j in accumulator set j % {sets}");
        for (int s = 0; s < group.Passes; s++)
        {
            for (int m = 0; m < quads; m++)
            {
                writer.Line($"{Vector512OfFloat} {Quad(s, m, 0)} = {Join(Join(Slot(s, 4 * m), Slot(s, 4 * m + 1), Vector128, Vector256), Join(Slot(s, 4 * m + 2), Slot(s, 4 * m + 3), Vector128, Vector256), Vector256, Vector512)};");
                for (int set = 1; set < sets; set++) writer.Line($"{Vector512OfFloat} {Quad(s, m, set)} = {Vector512OfFloat}.Zero;");
            }
            if (pair)
            {
                writer.Line($"{Vector256OfFloat} {Pair(s, 0)} = {Vector256}.Create({Slot(s, pairAt)}, {Slot(s, pairAt + 1)});");
                for (int set = 1; set < sets; set++) writer.Line($"{Vector256OfFloat} {Pair(s, set)} = {Vector256OfFloat}.Zero;");
            }
            if (single)
            {
                for (int set = 1; set < sets; set++) writer.Line($"{Vector128OfFloat} {Single(s, set)} = {Vector128OfFloat}.Zero;");
            }
        }
        void Group(Offset column, Func<int, bool> isPaddingLane)
        {
            writer.Open();
            for (int lane = 0; lane < KernelGeometry.Lanes; lane++)
            {
                if (isPaddingLane(lane)) continue;
                int set = lane % sets;
                writer.Line($"{Vector512OfFloat} x{lane} = {Vector512}.Create({Unsafe}.Add(ref {source}, {column + lane}));");
                for (int s = 0; s < group.Passes; s++)
                {
                    long at = s * group.Stride + (long)lane * slots * KernelGeometry.Lanes;
                    for (int m = 0; m < quads; m++)
                    {
                        string weight = cursor.Load(at + 4L * m * KernelGeometry.Lanes, Vector512);
                        writer.Line($"{Quad(s, m, set)} = {Vector512}.MultiplyAddEstimate({weight}, x{lane}, {Quad(s, m, set)});");
                    }
                    if (pair)
                    {
                        string weight = cursor.Load(at + (long)pairAt * KernelGeometry.Lanes, Vector256);
                        writer.Line($"{Pair(s, set)} = {Vector256}.MultiplyAddEstimate({weight}, {Vector512}.GetLower(x{lane}), {Pair(s, set)});");
                    }
                    if (single)
                    {
                        string weight = cursor.Load(at + (long)singleAt * KernelGeometry.Lanes);
                        writer.Line($"{Single(s, set)} = {Vector128}.MultiplyAddEstimate({weight}, {Vector256}.GetLower({Vector512}.GetLower(x{lane})), {Single(s, set)});");
                    }
                }
            }
            writer.Close();
        }
        KernelEmitter.EmitColumnGroups(writer, cursor, columns, groupLength, loopColumns, isPadding, Group);
        for (int s = 0; s < group.Passes; s++)
        {
            for (int m = 0; m < quads; m++)
            {
                writer.Line($"{Quad(s, m, 0)} += {KernelEmitter.CombineSets(sets, set => Quad(s, m, set))};");
                for (int k = 0; k < 4; k++)
                {
                    string half = k < 2 ? $"{Vector512}.GetLower({Quad(s, m, 0)})" : $"{Vector512}.GetUpper({Quad(s, m, 0)})";
                    writer.Line($"{Slot(s, 4 * m + k)} = {Vector256}.{(k % 2 == 0 ? "GetLower" : "GetUpper")}({half});");
                }
            }
            if (pair)
            {
                writer.Line($"{Pair(s, 0)} += {KernelEmitter.CombineSets(sets, set => Pair(s, set))};");
                writer.Line($"{Slot(s, pairAt)} = {Vector256}.GetLower({Pair(s, 0)});");
                writer.Line($"{Slot(s, pairAt + 1)} = {Vector256}.GetUpper({Pair(s, 0)});");
            }
            if (single)
            {
                writer.Line($"{Single(s, 0)} += {KernelEmitter.CombineSets(sets, set => Single(s, set))};");
            }
        }
        writer.Close();
    }
}
