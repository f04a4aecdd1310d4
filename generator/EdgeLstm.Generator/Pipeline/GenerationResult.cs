using EdgeLstm.Generator.Diagnostics;
using EdgeLstm.Generator.Model;
using EdgeLstm.Model;

namespace EdgeLstm.Generator.Pipeline;

/// <summary>What one [RecurrentModel] class produces: source (when everything is in order) and diagnostics.</summary>
/// <param name="HintName">The generated file's name.</param>
/// <param name="Spec">The emitter's input, or null when a diagnostic prevents generation.</param>
/// <param name="Diagnostics">Everything to report for this class.</param>
internal sealed record GenerationResult(string HintName, ModelClassSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics);
