using EdgeLstm.Model;

namespace EdgeLstm.Generator.Emit;

/// <summary>
/// What the generator writes for a class when an ELSTM error stops the real code: the class's public surface with
/// bodies that throw, naming the error, so that the user's code still compiles and the build's only error is the
/// ELSTM one (the .NET Regex generator does the same for patterns it cannot compile).
/// </summary>
/// <param name="Namespace">The class's namespace, or null for the global namespace.</param>
/// <param name="ContainingTypes">Declarations of enclosing types, outermost first, with their type parameters.</param>
/// <param name="Declaration">The class's own declaration, e.g. "partial class MachineModel", "static partial class Model".</param>
/// <param name="DisplayName">The class as messages name it.</param>
/// <param name="IsStatic">A static class gets its static members only.</param>
/// <param name="ImplementsInterfaces">
/// Whether to implement IStreamingModel / IRecurrentModel: their static abstract members need C# 11, and an older
/// LangVersion must not get a second error from the placeholder.
/// </param>
/// <param name="InputSize">The model's input size when it could be read, else 0.</param>
/// <param name="OutputSize">The model's output size when it could be read, else 0.</param>
/// <param name="IsStreaming">Whether the model streams; true (so Step exists) when it could not be read.</param>
/// <param name="Errors">The ELSTM errors that stopped the real code, e.g. "ELSTM001".</param>
internal sealed record PlaceholderClassSpec(
    string? Namespace,
    EquatableArray<string> ContainingTypes,
    string Declaration,
    string DisplayName,
    bool IsStatic,
    bool ImplementsInterfaces,
    int InputSize,
    int OutputSize,
    bool IsStreaming,
    EquatableArray<string> Errors);
