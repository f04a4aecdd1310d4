using System;
using System.Collections.Immutable;
using System.Text;
using System.Threading;
using EdgeLstm.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace EdgeLstm.Generator.Pipeline;

/// <summary>
/// Finds the AdditionalFile that stands for the weight file an attribute names and reads its content. This is the
/// only place that asks the compiler for a file's text, and it asks for one file per requested path.
/// </summary>
internal static class ModelFileReader
{
    public static ModelFileContent Read(ModelRequest request, ImmutableArray<ModelFileCandidate> candidates, GeneratorOptions options, CancellationToken cancellationToken)
    {
        try
        {
            return ReadCore(request, candidates, options, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return ModelFileContent.Failed(request, options.MaxParameters, ModelProblem.Create(
                DiagnosticDescriptors.InternalError, $"reading model file '{request.Path}'", e.GetType().FullName!, e.Message));
        }
    }

    private static ModelFileContent ReadCore(ModelRequest request, ImmutableArray<ModelFileCandidate> candidates, GeneratorOptions options, CancellationToken cancellationToken)
    {
        string modelPath = request.Path;
        if (options.ProjectDirectory is null)
        {
            return Fail(DiagnosticDescriptors.BuildTargetsMissing, modelPath,
                "the EdgeLstm build properties were not imported into this project, so the generator does not know the project folder the path is relative to");
        }

        string fullPath = ProjectPath.Resolve(options.ProjectDirectory, modelPath);
        ModelFileCandidate? match = FindCandidate(candidates, fullPath);
        if (match is null)
        {
            return options.BuildTargetsImported
                ? Fail(DiagnosticDescriptors.ModelFileNotFound, modelPath, ModelFileProblems.NotFound(fullPath, options.ProjectDirectory))
                : Fail(DiagnosticDescriptors.BuildTargetsMissing, modelPath,
                    $"it was looked for at '{fullPath}', but the EdgeLstm build targets were not imported into this project, so no weight file is passed to the generator");
        }
        if (match.Encoding == ModelFileEncoding.Problem)
        {
            (DiagnosticDescriptor descriptor, string explanation) = ModelFileProblems.Explain(match, modelPath, fullPath, options.ProjectDirectory);
            return Fail(descriptor, modelPath, explanation);
        }
        if (match.Encoding == ModelFileEncoding.Unprepared)
        {
            return Fail(DiagnosticDescriptors.BuildTargetsMissing, modelPath,
                $"the binary file '{match.Text.Path}' reached the generator as a plain AdditionalFile, not in the text form the EdgeLstm build targets write");
        }

        SourceText? text = match.Text.GetText(cancellationToken);
        if (text is null)
        {
            return Fail(DiagnosticDescriptors.InvalidModelFile, modelPath, $"the compiler could not read '{match.Text.Path}'");
        }

        if (match.Encoding == ModelFileEncoding.Text)
        {
            return new ModelFileContent(request, Encoding.UTF8.GetBytes(text.ToString()), options.MaxParameters, null);
        }
        byte[]? bytes = Base64Text.TryDecode(text, cancellationToken, out string? problem);
        return bytes is not null
            ? new ModelFileContent(request, bytes, options.MaxParameters, null)
            : Fail(DiagnosticDescriptors.InvalidModelFile, modelPath,
                $"its text form '{match.Text.Path}' (written by the EdgeLstm build targets) {problem}; delete it and build again");

        ModelFileContent Fail(DiagnosticDescriptor descriptor, params string[] args)
            => ModelFileContent.Failed(request, options.MaxParameters, ModelProblem.Create(descriptor, args));
    }

    /// <summary>A prepared candidate when there is one (the user may also have added the raw file by hand).</summary>
    private static ModelFileCandidate? FindCandidate(ImmutableArray<ModelFileCandidate> candidates, string fullPath)
    {
        ModelFileCandidate? unprepared = null;
        foreach (ModelFileCandidate candidate in candidates)
        {
            if (!string.Equals(candidate.SourceFile, fullPath, ProjectPath.Comparison))
            {
                continue;
            }
            if (candidate.Encoding != ModelFileEncoding.Unprepared)
            {
                return candidate;
            }
            unprepared = candidate;
        }
        return unprepared;
    }

}
