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
    public string Load(long delta) => Type switch
    {
        WeightElementType.Float32 => $"{Vector128}.LoadUnsafe(ref {Reference}, {(Offset + delta).ToString(CultureInfo.InvariantCulture)})",
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
        long groupLength = (long)KernelGeometry.Lanes * blocks * gates * KernelGeometry.Lanes;
        if (loopColumns)
        {
            cursor.Advance(writer);
            writer.Line($"// {source}, 4 columns per iteration");
            writer.Open($"for (nuint j = 0; j < {columns}; j += 4)");
            EmitGroup(writer, path, cursor, source, Offset.Variable("j"), blocks, gates, accumulator, _ => false);
            writer.Line($"{cursor.Reference} = ref {Unsafe}.Add(ref {cursor.Reference}, {groupLength});");
            writer.Close();
            return;
        }
        for (int column = 0; column < columns; column += KernelGeometry.Lanes)
        {
            int first = column;
            int[] padding = Enumerable.Range(first, KernelGeometry.Lanes).Where(j => isPadding?.Invoke(j) ?? false).ToArray();
            if (padding.Length < KernelGeometry.Lanes)
            {
                writer.Line($"// {source}[{first}..{first + KernelGeometry.Lanes - 1}]{(padding.Length == 0 ? "" : $" ({string.Join(", ", padding)}: padding, skipped)")}");
                EmitGroup(writer, path, cursor, source, Offset.Constant(column), blocks, gates, accumulator, lane => isPadding?.Invoke(first + lane) ?? false);
            }
            cursor.Offset += groupLength;
        }
    }

    // Four columns: on ARM64 one load of the 4 inputs and a multiply-add by each lane; elsewhere one broadcast per column.
    private static void EmitGroup(IndentedWriter writer, SimdPath path, WeightCursor cursor, string source, Offset column,
        int blocks, int gates, Func<int, int, string> accumulator, Func<int, bool> isPaddingLane)
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
                    string acc = accumulator(p, g);
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
