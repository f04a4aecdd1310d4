using EdgeLstm.Generator.Diagnostics;
using EdgeLstm.Model;
using Microsoft.CodeAnalysis.CSharp;

namespace EdgeLstm.Generator.Pipeline;

/// <summary>
/// One class carrying [RecurrentModel], as plain values: no symbol, syntax node or compilation, so that it compares
/// equal across runs when the declaration did not change and everything downstream stays cached.
/// </summary>
/// <param name="Namespace">The class's namespace, or null for the global namespace.</param>
/// <param name="ContainingTypes">Declarations of enclosing types, outermost first, e.g. "partial class Outer&lt;T&gt;".</param>
/// <param name="ContainingTypeNames">The enclosing types' names, outermost first, e.g. "Outer".</param>
/// <param name="ClassName">The class's name.</param>
/// <param name="Declaration">The class's own declaration as another part of it repeats it, e.g. "partial class MachineModel".</param>
/// <param name="IsStatic">True for a static class (refused; its placeholder has static members only).</param>
/// <param name="DisplayName">The class as messages name it, e.g. "Sensors.Outer.MachineModel".</param>
/// <param name="HintName">The generated file's name, unique within the compilation.</param>
/// <param name="Model">The weight file and import options the attribute names.</param>
/// <param name="NonPartialType">The class or containing type that lacks 'partial', or null when all have it.</param>
/// <param name="UnsupportedReason">Why the class cannot hold a model (generic, static, record, abstract, no constructor), or null.</param>
/// <param name="LanguageVersion">The C# version the class is compiled with.</param>
/// <param name="Location">The attribute, where diagnostics are reported.</param>
/// <param name="Streams">The attribute's Streams (1 when not given).</param>
internal sealed record ModelTarget(
    string? Namespace,
    EquatableArray<string> ContainingTypes,
    EquatableArray<string> ContainingTypeNames,
    string ClassName,
    string Declaration,
    bool IsStatic,
    string DisplayName,
    string HintName,
    ModelRequest Model,
    string? NonPartialType,
    string? UnsupportedReason,
    LanguageVersion LanguageVersion,
    LocationInfo? Location,
    int Streams = 1)
{
    /// <summary>The oldest C# the generated code compiles with: inline arrays (12) for the state, file-local types (11).</summary>
    public const LanguageVersion MinimumLanguageVersion = LanguageVersion.CSharp12;

    public bool IsPartial => NonPartialType is null;

    public bool IsSupported => UnsupportedReason is null;

    public bool HasSupportedLanguageVersion => LanguageVersion >= MinimumLanguageVersion;
}
