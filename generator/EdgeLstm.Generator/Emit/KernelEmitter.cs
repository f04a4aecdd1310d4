using System;
using System.Globalization;
using System.Linq;
using EdgeLstm.Plan;
using static EdgeLstm.Generator.Emit.GlobalNames;

namespace EdgeLstm.Generator.Emit;

/// <summary>
/// Where the next packed weight vector is: a <c>ref float</c> in the generated code plus a constant element offset.
/// Unrolled kernels keep one base reference and absolute offsets; looped kernels move the reference.
/// </summary>
internal sealed class WeightCursor
{
    public WeightCursor(string reference, long offset, WeightElementType type)
    {
        Reference = reference;
        Offset = offset;
        Type = type;
    }

    public string Reference { get; }

    public long Offset { get; set; }

    /// <summary>How the weights are baked, which decides how a vector of them is loaded.</summary>
    public WeightElementType Type { get; }

    /// <summary>Four consecutive weights <paramref name="delta"/> floats past the cursor, as a <c>Vector128&lt;float&gt;</c>.</summary>
    public string Load(long delta) => Load(delta, Vector128);

    /// <summary>Consecutive weights <paramref name="delta"/> floats past the cursor, as a vector of the class <paramref name="vector"/> names.</summary>
    public string Load(long delta, string vector) => Type switch
    {
        WeightElementType.Float32 => $"{vector}.LoadUnsafe(ref {Reference}, {(Offset + delta).ToString(CultureInfo.InvariantCulture)})",
        _ => throw new ArgumentOutOfRangeException(nameof(Type), Type, "Not a weight element type the emitter loads."),
    };

    /// <summary>Moves the generated reference forward to the current offset, which becomes 0.</summary>
    public void Advance(IndentedWriter writer)
    {
        if (Offset != 0)
        {
            writer.Line($"{Reference} = ref {Unsafe}.Add(ref {Reference}, {Offset.ToString(CultureInfo.InvariantCulture)});");
            Offset = 0;
        }
    }
}

/// <summary>
/// Emits the fused matrix-vector accumulation at the heart of every layer: for a run of input columns, every gate
/// vector of every block of the pass is multiplied by the column's input and added to its accumulator. The weights
/// are read strictly in sequence (see <see cref="KernelGeometry"/>).
/// </summary>
internal static class KernelEmitter
{
    /// <summary>
    /// How many accumulators each slot (a gate vector of a block) uses over a run of columns: column j goes to set
    /// j % sets, set 0 starts from the running value, and the sets are added at the end as s0 + s1 or
    /// s0 + (s1 + (s2 + s3)). One chain per slot would be as deep as the run is long (the h columns lie on the
    /// recurrence's critical path), and a pass of few slots (a dense head has one) would leave the multiply-add units
    /// idle. Every vector path and the multi-stream kernels follow this one rule, so they sum in the same order and
    /// give the same floats.
    /// </summary>
    public static int AccumulatorSets(int slots) => slots < 4 ? 4 : 2;

    /// <summary>
    /// The body of a kernel's dispatcher: the first of its <see cref="SimdPath"/> forms the machine runs (AdvSimd,
    /// Vector512 where the kernel has that form, Vector256, Vector128, then scalar). The tests are JIT-time constants,
    /// so the JIT (or Native AOT) keeps one call.
    /// </summary>
    public static void EmitPathDispatch(IndentedWriter w, string method, string vectorArguments, string scalarArguments, bool hasVector512 = false)
        => EmitPathDispatch(w, path => $"{method}_{path}", vectorArguments, scalarArguments, hasVector512);

    /// <summary>
    /// The same ladder where the method a path calls is not simply <c>{method}_{path}</c>: Run's reverse recurrence
    /// falls back to the forward kernel on the paths that have no reverse form.
    /// </summary>
    public static void EmitPathDispatch(IndentedWriter w, Func<SimdPath, string> methodOf, string vectorArguments, string scalarArguments, bool hasVector512 = false)
    {
        w.Line($"if ({AdvSimdArm64}.IsSupported)");
        w.Line($"    {methodOf(SimdPath.AdvSimd)}({vectorArguments});");
        if (hasVector512)
        {
            w.Line($"else if ({Vector512}.IsHardwareAccelerated)");
            w.Line($"    {methodOf(SimdPath.Vector512)}({vectorArguments});");
        }
        w.Line($"else if ({Vector256}.IsHardwareAccelerated)");
        w.Line($"    {methodOf(SimdPath.Vector256)}({vectorArguments});");
        w.Line($"else if ({Vector128}.IsHardwareAccelerated)");
        w.Line($"    {methodOf(SimdPath.Vector128)}({vectorArguments});");
        w.Line("else");
        w.Line($"    {methodOf(SimdPath.Scalar)}({scalarArguments});");
    }

    /// <summary>The expression adding sets 1.. of a slot whose set-k accumulator is <paramref name="set"/>(k).</summary>
    public static string CombineSets(int sets, Func<int, string> set) => sets switch
    {
        2 => set(1),
        4 => $"{set(1)} + ({set(2)} + {set(3)})",
        _ => throw new ArgumentOutOfRangeException(nameof(sets), sets, "Accumulator sets are 2 or 4."),
    };

    /// <param name="writer">Output.</param>
    /// <param name="path">AdvSimd (multiply-add by lane) or Vector128 (broadcast + multiply-add).</param>
    /// <param name="cursor">The weight position; advanced past the columns.</param>
    /// <param name="source">The <c>ref float</c> holding the input vector (x, h, ...).</param>
    /// <param name="columns">Columns to accumulate, a multiple of 4.</param>
    /// <param name="blocks">Blocks in the pass.</param>
    /// <param name="gates">Gate vectors per block per column.</param>
    /// <param name="accumulator">Name of the accumulator of block p, gate g.</param>
    /// <param name="loopColumns">Emit a loop over groups of 4 columns instead of straight-line code.</param>
    /// <param name="isPadding">Columns known to be padding (all weights zero): straight-line code skips them.</param>
    public static void EmitColumns(IndentedWriter writer, SimdPath path, WeightCursor cursor, string source, int columns,
        int blocks, int gates, Func<int, int, string> accumulator, bool loopColumns, Func<int, bool>? isPadding = null)
    {
        if (path == SimdPath.Scalar) throw new ArgumentException("The scalar path has its own loops.", nameof(path));
        if (path == SimdPath.Vector256)
        {
            EmitWideColumns(writer, cursor, source, columns, blocks, gates, accumulator, loopColumns, isPadding);
            return;
        }
        long groupLength = (long)KernelGeometry.Lanes * blocks * gates * KernelGeometry.Lanes;
        int slots = blocks * gates, sets = AccumulatorSets(slots);
        Func<int, int, int, string> target = (p, g, lane) => lane % sets == 0 ? accumulator(p, g) : $"{accumulator(p, g)}_{lane % sets}";
        {
            writer.Open();
            for (int p = 0; p < blocks; p++)
            {
                for (int g = 0; g < gates; g++)
                {
                    for (int set = 1; set < sets; set++) writer.Line($"{Vector128OfFloat} {target(p, g, set)} = {Vector128OfFloat}.Zero;");
                }
            }
        }
        if (loopColumns)
        {
            cursor.Advance(writer);
            writer.Line($"// {source}, 4 columns per iteration");
            writer.Open($"for (nuint j = 0; j < {columns}; j += 4)");
            EmitGroup(writer, path, cursor, source, Offset.Variable("j"), blocks, gates, target, _ => false);
            writer.Line($"{cursor.Reference} = ref {Unsafe}.Add(ref {cursor.Reference}, {groupLength});");
            writer.Close();
        }
        else
        {
            for (int column = 0; column < columns; column += KernelGeometry.Lanes)
            {
                int first = column;
                int[] padding = Enumerable.Range(first, KernelGeometry.Lanes).Where(j => isPadding?.Invoke(j) ?? false).ToArray();
                if (padding.Length < KernelGeometry.Lanes)
                {
                    writer.Line($"// {source}[{first}..{first + KernelGeometry.Lanes - 1}]{(padding.Length == 0 ? "" : $" ({string.Join(", ", padding)}: padding, skipped)")}");
                    EmitGroup(writer, path, cursor, source, Offset.Constant(column), blocks, gates, target, lane => isPadding?.Invoke(first + lane) ?? false);
                }
                cursor.Offset += groupLength;
            }
        }
        {
            for (int p = 0; p < blocks; p++)
            {
                for (int g = 0; g < gates; g++)
                {
                    writer.Line($"{accumulator(p, g)} += {CombineSets(sets, set => target(p, g, set))};");
                }
            }
            writer.Close();
        }
    }

    /// <summary>
    /// Walks <paramref name="columns"/> four at a time for the 256- and 512-bit column kernels: a loop whose weight
    /// reference moves <paramref name="groupLength"/> floats per group, or straight-line groups that skip any group
    /// made of padding columns only. <paramref name="group"/> writes one group's multiply-adds from its first column
    /// and which of its lanes are padding.
    /// </summary>
    internal static void EmitColumnGroups(IndentedWriter writer, WeightCursor cursor, int columns, long groupLength,
        bool loopColumns, Func<int, bool>? isPadding, Action<Offset, Func<int, bool>> group)
    {
        if (loopColumns)
        {
            cursor.Advance(writer);
            writer.Open($"for (nuint j = 0; j < {columns}; j += 4)");
            group(Offset.Variable("j"), _ => false);
            writer.Line($"{cursor.Reference} = ref {Unsafe}.Add(ref {cursor.Reference}, {groupLength});");
            writer.Close();
        }
        else
        {
            for (int column = 0; column < columns; column += KernelGeometry.Lanes)
            {
                int first = column;
                if (Enumerable.Range(first, KernelGeometry.Lanes).Any(j => !(isPadding?.Invoke(j) ?? false)))
                {
                    group(Offset.Constant(column), lane => isPadding?.Invoke(first + lane) ?? false);
                }
                cursor.Offset += groupLength;
            }
        }
    }

    /// <summary>
    /// The 256-bit form of <see cref="EmitColumns"/>. In the stream, a column's gate vectors of 4 for every block of the
    /// pass lie contiguously (slot k = block * gates + gate), so slots 2m and 2m + 1 load as one 8-lane vector and
    /// accumulate in one 8-lane register, with the columns spread over <see cref="AccumulatorSets"/> sets of such
    /// registers exactly as the 4-lane paths spread them. The 4-lane accumulators are joined before and split after,
    /// so the cell update is the same code on every path. An odd last slot stays on 4 lanes.
    /// </summary>
    private static void EmitWideColumns(IndentedWriter writer, WeightCursor cursor, string source, int columns, int blocks, int gates,
        Func<int, int, string> accumulator, bool loopColumns, Func<int, bool>? isPadding)
    {
        int slots = blocks * gates, pairs = slots / 2, sets = AccumulatorSets(slots);
        bool oddSlot = slots % 2 != 0;
        string Slot(int k) => accumulator(k / gates, k % gates);
        string Pair(int m, int set) => $"pair{m}_{set}";
        string Last(int set) => set == 0 ? Slot(slots - 1) : $"last_{set}";
        long groupLength = (long)KernelGeometry.Lanes * slots * KernelGeometry.Lanes;
        writer.Open();
        writer.Line($"// {source}: slots in pairs on 8 lanes, column j in accumulator set j % {sets}");
        for (int m = 0; m < pairs; m++)
        {
            writer.Line($"{Vector256OfFloat} {Pair(m, 0)} = {Vector256}.Create({Slot(2 * m)}, {Slot(2 * m + 1)});");
            for (int set = 1; set < sets; set++) writer.Line($"{Vector256OfFloat} {Pair(m, set)} = {Vector256OfFloat}.Zero;");
        }
        if (oddSlot)
        {
            for (int set = 1; set < sets; set++) writer.Line($"{Vector128OfFloat} {Last(set)} = {Vector128OfFloat}.Zero;");
        }
        void Group(Offset column, Func<int, bool> isPaddingLane)
        {
            writer.Open();
            for (int lane = 0; lane < KernelGeometry.Lanes; lane++)
            {
                if (isPaddingLane(lane)) continue;
                int set = lane % sets;
                writer.Line($"{Vector256OfFloat} x{lane} = {Vector256}.Create({Unsafe}.Add(ref {source}, {column + lane}));");
                for (int m = 0; m < pairs; m++)
                {
                    string weight = cursor.Load(((long)lane * slots + 2 * m) * KernelGeometry.Lanes, Vector256);
                    writer.Line($"{Pair(m, set)} = {Vector256}.MultiplyAddEstimate({weight}, x{lane}, {Pair(m, set)});");
                }
                if (oddSlot)
                {
                    string weight = cursor.Load(((long)lane * slots + slots - 1) * KernelGeometry.Lanes);
                    writer.Line($"{Last(set)} = {Vector128}.MultiplyAddEstimate({weight}, {Vector256}.GetLower(x{lane}), {Last(set)});");
                }
            }
            writer.Close();
        }
        EmitColumnGroups(writer, cursor, columns, groupLength, loopColumns, isPadding, Group);
        for (int m = 0; m < pairs; m++)
        {
            writer.Line($"{Pair(m, 0)} += {CombineSets(sets, set => Pair(m, set))};");
            writer.Line($"{Slot(2 * m)} = {Vector256}.GetLower({Pair(m, 0)});");
            writer.Line($"{Slot(2 * m + 1)} = {Vector256}.GetUpper({Pair(m, 0)});");
        }
        if (oddSlot)
        {
            writer.Line($"{Slot(slots - 1)} += {CombineSets(sets, Last)};");
        }
        writer.Close();
    }

    // Four columns: on ARM64 one load of the 4 inputs and a multiply-add by each lane; elsewhere one broadcast per column.
    private static void EmitGroup(IndentedWriter writer, SimdPath path, WeightCursor cursor, string source, Offset column,
        int blocks, int gates, Func<int, int, int, string> accumulator, Func<int, bool> isPaddingLane)
    {
        writer.Open();
        if (path == SimdPath.AdvSimd)
        {
            writer.Line($"{Vector128OfFloat} xv = {Vector128}.LoadUnsafe(ref {source}, {column});");
        }
        for (int lane = 0; lane < KernelGeometry.Lanes; lane++)
        {
            if (isPaddingLane(lane))
            {
                continue; // zero weights times zero input: nothing to add
            }
            if (path == SimdPath.Vector128)
            {
                writer.Line($"{Vector128OfFloat} x{lane} = {Vector128}.Create({Unsafe}.Add(ref {source}, {column + lane}));");
            }
            for (int p = 0; p < blocks; p++)
            {
                for (int g = 0; g < gates; g++)
                {
                    string acc = accumulator(p, g, lane);
                    string weight = cursor.Load(((long)lane * blocks * gates + p * gates + g) * KernelGeometry.Lanes);
                    writer.Line(path == SimdPath.AdvSimd
                        ? $"{acc} = {AdvSimdArm64}.FusedMultiplyAddBySelectedScalar({acc}, {weight}, xv, {lane});"
                        : $"{acc} = {Vector128}.MultiplyAddEstimate({weight}, x{lane}, {acc});");
                }
            }
        }
        writer.Close();
    }
}
