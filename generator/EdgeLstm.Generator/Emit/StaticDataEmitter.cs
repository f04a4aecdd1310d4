using System.Collections.Generic;
using System.Globalization;
using System.Text;
using EdgeLstm.Import;
using EdgeLstm.Plan;

namespace EdgeLstm.Generator.Emit;

/// <summary>
/// Writes float tensors as <c>static ReadOnlySpan&lt;float&gt; Name =&gt; MemoryMarshal.Cast&lt;char, float&gt;("\uLLLL\uHHHH...");</c>:
/// each float's IEEE 754 bits as two UTF-16 code units, low half first (every .NET target EdgeLstm supports is
/// little-endian; <c>SelfTest()</c> reports NaN on any other).
/// </summary>
/// <remarks>
/// Why a string literal and not <c>new float[] { ... }</c> (which the compiler also stores in the image):
/// <list type="bullet">
/// <item>Compile time. Roslyn binds every element of an array initializer: a model of one million parameters took
/// about 25 s to compile as float literals and about 4 s as one string literal on a 2-core machine.</item>
/// <item>Debug builds. Without JIT optimisation, <c>new float[] {...}</c> behind a span property is not turned into a
/// plain span over the image; it allocates on every access (about 144 bytes per layer per step). A string literal is
/// interned once (on the frozen heap under the JIT, in the image under Native AOT) and the span over it never
/// allocates, optimised or not.</item>
/// </list>
/// The data is still read-only and never copied: the span points into the literal itself. String data starts 4-byte
/// aligned, which is all the kernels need (they use unaligned vector loads).
/// </remarks>
internal static class StaticDataEmitter
{
    private const int PreviewValues = 4;

    /// <summary>A packed weight stream, baked in the plan's element type (float32: <see cref="EmitArray"/>).</summary>
    public static void EmitWeights(IndentedWriter w, string name, IReadOnlyList<float> values, WeightElementType type, string summary)
    {
        switch (type)
        {
            case WeightElementType.Float32:
                EmitArray(w, name, values, summary);
                break;
            default:
                throw new System.ArgumentOutOfRangeException(nameof(type), type, "Not a weight element type the emitter bakes.");
        }
    }

    public static void EmitArray(IndentedWriter w, string name, IReadOnlyList<float> values, string summary)
    {
        w.Line($"/// <summary>{summary} {values.Count} floats.</summary>");
        if (values.Count == 0)
        {
            w.Line($"private static {GlobalNames.ReadOnlySpanOfFloat} {name} => default;");
            return;
        }

        var preview = new StringBuilder();
        for (int i = 0; i < values.Count && i < PreviewValues; i++)
        {
            preview.Append(i == 0 ? string.Empty : ", ").Append(FloatLiteral.Format(values[i]));
        }
        w.Line($"// Bits of each float as two UTF-16 code units, low half first; starts {preview}{(values.Count > PreviewValues ? ", ..." : string.Empty)}");

        var literal = new StringBuilder(values.Count * 12 + 64);
        literal.Append("private static ").Append(GlobalNames.ReadOnlySpanOfFloat).Append(' ').Append(name)
            .Append(" => ").Append(GlobalNames.MemoryMarshal).Append(".Cast<char, float>(\"");
        foreach (float value in values)
        {
            uint bits = FloatBits.ToBits(value);
            AppendUnit(literal, bits & 0xFFFF);
            AppendUnit(literal, bits >> 16);
        }
        literal.Append("\");");
        w.Line(literal.ToString());
    }

    private static void AppendUnit(StringBuilder literal, uint unit)
        => literal.Append("\\u").Append(unit.ToString("X4", CultureInfo.InvariantCulture));
}
