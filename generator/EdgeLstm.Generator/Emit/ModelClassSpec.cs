using System.Linq;
using EdgeLstm.Model;

namespace EdgeLstm.Generator.Emit;

/// <summary>
/// Everything the emitter needs to write one model class, and nothing from Roslyn: the pipeline compares these
/// between runs, so an unrelated edit that leaves them equal leaves the generated source cached.
/// </summary>
/// <param name="Namespace">The class's namespace, or null for the global namespace.</param>
/// <param name="ContainingTypes">Declarations of enclosing types, outermost first, e.g. "partial class Outer".</param>
/// <param name="ContainingTypeNames">The enclosing types' names, outermost first, e.g. "Outer".</param>
/// <param name="ClassName">The partial class the user declared.</param>
/// <param name="SourceFile">The weight file as the attribute names it (relative to the project folder).</param>
/// <param name="Network">The imported, validated network.</param>
/// <param name="SelfTest">A deterministic input and the reference implementation's output for it.</param>
/// <param name="Streams">Independent states stepped together (1: the single-stream class).</param>
internal sealed record ModelClassSpec(
    string? Namespace,
    EquatableArray<string> ContainingTypes,
    EquatableArray<string> ContainingTypeNames,
    string ClassName,
    string SourceFile,
    NetworkModel Network,
    SelfTestData SelfTest,
    int Streams = 1)
{
    /// <summary>The class as generated code names it: <c>global::Namespace.Outer.ClassName</c>.</summary>
    public string GlobalName => "global::" + string.Join(".", Parts());

    /// <summary>
    /// The generated file-local class beside the user's class that holds the kernels, weights and helpers: the class's
    /// name (with its enclosing types') and "Kernels", e.g. <c>Outer_MachineModelKernels</c>.
    /// </summary>
    public string KernelsName => string.Join("_", ContainingTypeNames.Concat(new[] { ClassName })) + "Kernels";

    private System.Collections.Generic.IEnumerable<string> Parts()
    {
        if (Namespace is { Length: > 0 } ns) yield return ns;
        foreach (string name in ContainingTypeNames) yield return name;
        yield return ClassName;
    }
}

/// <summary>
/// The boot-time self-test: <paramref name="Steps"/> rows of input (row-major [Steps, InputSize]) and the outputs the
/// double-precision reference implementation computed for them at generation time (row-major [Steps, OutputSize]).
/// </summary>
internal sealed record SelfTestData(int Steps, EquatableArray<float> Inputs, EquatableArray<float> ExpectedOutputs);
