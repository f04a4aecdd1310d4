using EdgeLstm.Generator.Diagnostics;
using EdgeLstm.Model;

namespace EdgeLstm.Generator.Pipeline;

/// <summary>
/// One class carrying [RecurrentModel], as plain values: no symbol, syntax node or compilation, so that it compares
/// equal across runs when the declaration did not change and everything downstream stays cached.
/// </summary>
/// <param name="Namespace">The class's namespace, or null for the global namespace.</param>
/// <param name="ContainingTypes">Declarations of enclosing types, outermost first, e.g. "partial class Outer".</param>
/// <param name="ClassName">The class's name.</param>
/// <param name="DisplayName">The class as messages name it, e.g. "Sensors.Outer.MachineModel".</param>
/// <param name="HintName">The generated file's name, unique within the compilation.</param>
/// <param name="Model">The weight file and import options the attribute names.</param>
/// <param name="NonPartialType">The class or containing type that lacks 'partial', or null when all have it.</param>
/// <param name="UnsupportedReason">Why the class cannot hold a model (generic, static, record), or null.</param>
/// <param name="Location">The attribute, where diagnostics are reported.</param>
internal sealed record ModelTarget(
    string? Namespace,
    EquatableArray<string> ContainingTypes,
    string ClassName,
    string DisplayName,
    string HintName,
    ModelRequest Model,
    string? NonPartialType,
    string? UnsupportedReason,
    LocationInfo? Location)
{
    public bool IsPartial => NonPartialType is null;

    public bool IsSupported => UnsupportedReason is null;
}
