using EdgeLstm.Model;
using Microsoft.CodeAnalysis;

namespace EdgeLstm.Generator.Diagnostics;

/// <summary>
/// A diagnostic that compares by value (descriptor, location, message arguments), so results carrying it can be
/// cached between runs; <see cref="Diagnostic"/> itself holds a syntax tree and does not.
/// </summary>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, LocationInfo? Location, EquatableArray<string> MessageArgs)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] messageArgs)
        => new(descriptor, location, messageArgs);

    public Diagnostic ToDiagnostic()
        => Diagnostic.Create(Descriptor, Location?.ToLocation(), MessageArgs.AsArray());
}

/// <summary>A problem with a model file, before it is tied to the attribute that named the file.</summary>
internal sealed record ModelProblem(DiagnosticDescriptor Descriptor, EquatableArray<string> MessageArgs)
{
    public static ModelProblem Create(DiagnosticDescriptor descriptor, params string[] messageArgs) => new(descriptor, messageArgs);

    public DiagnosticInfo At(LocationInfo? location) => new(Descriptor, location, MessageArgs);
}
