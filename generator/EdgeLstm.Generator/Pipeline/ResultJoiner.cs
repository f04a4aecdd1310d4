using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using EdgeLstm.Generator.Diagnostics;
using EdgeLstm.Generator.Emit;
using Microsoft.CodeAnalysis.CSharp;

namespace EdgeLstm.Generator.Pipeline;

/// <summary>
/// Pairs each class with the model its attribute names. Models are imported once per <see cref="ModelRequest"/>,
/// apart from the classes, so that editing a class (which moves its location) does not import its model again.
/// </summary>
internal static class ResultJoiner
{
    /// <summary>The most streams a multi-stream class steps together (its state is inline in the instance).</summary>
    private const int MaxStreams = 64;

    public static ImmutableArray<GenerationResult> Join(ImmutableArray<ModelTarget> targets, ImmutableArray<BakedModel> models)
    {
        var byRequest = new Dictionary<ModelRequest, BakedModel>();
        foreach (BakedModel model in models)
        {
            byRequest[model.Request] = model;
        }

        var results = ImmutableArray.CreateBuilder<GenerationResult>(targets.Length);
        foreach (ModelTarget target in targets)
        {
            results.Add(Join(target, byRequest.TryGetValue(target.Model, out BakedModel? model) ? model : null));
        }
        return results.MoveToImmutable();
    }

    private static GenerationResult Join(ModelTarget target, BakedModel? model)
    {
        var diagnostics = new List<DiagnosticInfo>();
        if (!target.IsPartial)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ClassNotPartial, target.Location, target.DisplayName, target.NonPartialType!));
        }
        if (!target.IsSupported)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedClass, target.Location, target.DisplayName, target.UnsupportedReason!));
        }
        if (!target.HasSupportedLanguageVersion)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LanguageVersionTooLow, target.Location, target.DisplayName,
                target.LanguageVersion.ToDisplayString(), ModelTarget.MinimumLanguageVersion.ToDisplayString()));
        }
        if (model is null)
        {
            // Cannot happen (every target's path is requested); reported rather than assumed.
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, target.Location,
                $"matching class '{target.DisplayName}' to its model", nameof(KeyNotFoundException), $"no model was read for '{target.Model.Path}'"));
        }
        else if (model.Problem is not null)
        {
            diagnostics.Add(model.Problem.At(target.Location));
        }

        if (target.Streams != 1 && model is { Network: { } network }
            && (target.Streams is < 1 or > MaxStreams ? $"Streams must be from 1 to {MaxStreams}" : MultiStreamEmitter.Unsupported(network)) is { } streamProblem)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedStreams, target.Location, target.DisplayName, target.Streams.ToString(System.Globalization.CultureInfo.InvariantCulture), streamProblem));
        }

        ModelClassSpec? spec = diagnostics.Count == 0 && model is { Network: not null, SelfTest: not null }
            ? new ModelClassSpec(target.Namespace, target.ContainingTypes, target.ContainingTypeNames, target.ClassName, target.Model.Path, model.Network, model.SelfTest, target.Streams)
            : null;
        // Warnings (what a state_dict did not say) come after the decision: they do not stop the real code.
        PlaceholderClassSpec? placeholder = Placeholder(target, model?.Network, diagnostics);
        if (model is not null)
        {
            foreach (ModelProblem warning in model.Warnings)
            {
                diagnostics.Add(warning.At(target.Location));
            }
        }
        return new GenerationResult(target.HintName, spec, placeholder, diagnostics.ToArray());
    }

    /// <summary>
    /// The public surface with throwing bodies, for when the real code cannot be written (or its writing fails): only
    /// a class that is partial can take another part.
    /// </summary>
    private static PlaceholderClassSpec? Placeholder(ModelTarget target, EdgeLstm.Model.NetworkModel? network, List<DiagnosticInfo> errors)
    {
        if (!target.IsPartial)
        {
            return null;
        }
        string[] ids = errors.Select(d => d.Descriptor.Id).Distinct().ToArray();
        return new PlaceholderClassSpec(
            target.Namespace,
            target.ContainingTypes,
            target.Declaration,
            target.DisplayName,
            target.IsStatic,
            ImplementsInterfaces: !target.IsStatic && target.LanguageVersion >= LanguageVersion.CSharp11,
            InputSize: network?.InputSize ?? 0,
            OutputSize: network?.OutputSize ?? 0,
            IsStreaming: network?.IsStreaming ?? true,
            ids.Length == 0 ? new[] { DiagnosticDescriptors.InternalError.Id } : ids);
    }
}
