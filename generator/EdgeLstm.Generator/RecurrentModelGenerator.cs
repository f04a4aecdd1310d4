using System;
using System.Collections.Immutable;
using System.Linq;
using EdgeLstm.Generator.Diagnostics;
using EdgeLstm.Generator.Emit;
using EdgeLstm.Generator.Pipeline;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace EdgeLstm.Generator;

/// <summary>
/// Bakes the weight file named by <c>[RecurrentModel("path")]</c> into the attributed partial class.
/// </summary>
/// <remarks>
/// Pipeline (every step's output compares by value, so an edit that changes nothing relevant stops early):
/// <code>
///   [RecurrentModel] classes ──► Targets ──► RequestedModels (distinct) ┐
///   AdditionalFiles + options ──► ModelFileCandidates (unread) ─────────┼─► ModelFileContents ──► BakedModels
///   MSBuild properties ──► Options ─────────────────────────────────────┘     (one file read)     (import, self-test)
///   Targets + BakedModels ──► Results (per class: spec + diagnostics) ──► source
/// </code>
/// Models are keyed by file and import options, not by class, so moving or editing a class never imports its model again.
/// Nothing here throws: every failure becomes an ELSTM diagnostic at the attribute, and the class still gets its public
/// surface (with bodies that throw) so that the diagnostic is the build's only error.
/// </remarks>
[Generator(LanguageNames.CSharp)]
public sealed class RecurrentModelGenerator : IIncrementalGenerator
{
    private const string AttributeMetadataName = "EdgeLstm.RecurrentModelAttribute";

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<ModelTarget> targets = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                AttributeMetadataName,
                static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax,
                static (attributeContext, cancellationToken) => ModelTargetReader.Read(attributeContext, cancellationToken))
            .WithTrackingName(TrackingNames.Targets);

        IncrementalValueProvider<GeneratorOptions> options = context.AnalyzerConfigOptionsProvider
            .Select(static (provider, _) => GeneratorOptions.Read(provider))
            .WithTrackingName(TrackingNames.Options);

        IncrementalValueProvider<ImmutableArray<ModelFileCandidate>> candidates = context.AdditionalTextsProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Select(static (pair, _) => ModelFileCandidate.Create(pair.Left, pair.Right))
            .Where(static candidate => candidate is not null)
            .Select(static (candidate, _) => candidate!)
            .WithTrackingName(TrackingNames.ModelFileCandidates)
            .Collect();

        IncrementalValuesProvider<ModelRequest> requests = targets
            .Select(static (target, _) => target.Model)
            .Collect()
            .SelectMany(static (all, _) => all.Distinct().OrderBy(r => r.Path, StringComparer.Ordinal))
            .WithTrackingName(TrackingNames.RequestedModels);

        IncrementalValuesProvider<BakedModel> models = requests
            .Combine(candidates)
            .Combine(options)
            .Select(static (input, cancellationToken) => ModelFileReader.Read(input.Left.Left, input.Left.Right, input.Right, cancellationToken))
            .WithTrackingName(TrackingNames.ModelFileContents)
            .Select(static (content, cancellationToken) => ModelBaker.Bake(content, cancellationToken))
            .WithTrackingName(TrackingNames.BakedModels);

        IncrementalValuesProvider<GenerationResult> results = targets.Collect()
            .Combine(models.Collect())
            .SelectMany(static (input, _) => ResultJoiner.Join(input.Left, input.Right))
            .WithTrackingName(TrackingNames.Results);

        context.RegisterSourceOutput(results, static (output, result) => Produce(output, result));
    }

    private static void Produce(SourceProductionContext output, GenerationResult result)
    {
        foreach (DiagnosticInfo diagnostic in result.Diagnostics)
        {
            output.ReportDiagnostic(diagnostic.ToDiagnostic());
        }
        if (result.Spec is not null)
        {
            try
            {
                output.AddSource(result.HintName, ModelEmitter.Emit(result.Spec));
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                output.ReportDiagnostic(DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, null,
                    $"writing the code for class '{result.Spec.ClassName}' from '{result.Spec.SourceFile}'", e.GetType().FullName!, e.Message).ToDiagnostic());
            }
        }
        // The class's public surface with bodies that throw, so that the user's code still compiles and the ELSTM
        // error is the build's only one (nothing can be added to a class that is not partial).
        if (result.Placeholder is not null)
        {
            output.AddSource(result.HintName, PlaceholderEmitter.Emit(result.Placeholder));
        }
    }
}
