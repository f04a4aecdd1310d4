using EdgeLstm.Generator.Diagnostics;
using EdgeLstm.Generator.Emit;
using EdgeLstm.Model;

namespace EdgeLstm.Generator.Pipeline;

/// <summary>What one [RecurrentModel] class produces: source and diagnostics.</summary>
/// <param name="HintName">The generated file's name.</param>
/// <param name="Spec">The emitter's input, or null when a diagnostic prevents generation.</param>
/// <param name="Placeholder">
/// The public surface with throwing bodies, written when <paramref name="Spec"/> is null or its emission fails; null
/// when no part can be added to the class at all (it is not partial).
/// </param>
/// <param name="Diagnostics">Everything to report for this class.</param>
internal sealed record GenerationResult(string HintName, ModelClassSpec? Spec, PlaceholderClassSpec? Placeholder, EquatableArray<DiagnosticInfo> Diagnostics);
