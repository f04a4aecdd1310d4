using System.Collections.Generic;
using System.Text;

namespace EdgeLstm.Generator.Emit;

/// <summary>
/// Writes float arrays as <c>static ReadOnlySpan&lt;float&gt; Name =&gt; new float[] { ... };</c>. The compiler stores
/// such data in the assembly image and hands out a span over it (RuntimeHelpers.CreateSpan): no copy, no allocation,
/// and Native AOT keeps it in read-only memory.
/// </summary>
internal static class StaticDataEmitter
{
    private const int ValuesPerLine = 8;

    public static void EmitArray(IndentedWriter w, string name, IReadOnlyList<float> values, string summary)
    {
        w.Line($"/// <summary>{summary} {values.Count} floats.</summary>");
        if (values.Count == 0)
        {
            w.Line($"private static ReadOnlySpan<float> {name} => default;");
            return;
        }
        w.Line($"private static ReadOnlySpan<float> {name} => new float[]");
        w.Open();
        var line = new StringBuilder();
        for (int i = 0; i < values.Count; i++)
        {
            line.Append(FloatLiteral.Format(values[i])).Append(',');
            if ((i + 1) % ValuesPerLine == 0 || i == values.Count - 1)
            {
                w.Line(line.ToString());
                line.Clear();
            }
            else
            {
                line.Append(' ');
            }
        }
        w.Close(";");
    }
}
