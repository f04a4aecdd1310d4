using System;
using System.IO;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace EdgeLstm.Generator.Pipeline;

/// <summary>How the compiler sees a model file's content.</summary>
internal enum ModelFileEncoding
{
    /// <summary>The weight file itself reached the compiler, not a form prepared by EdgeLstm.targets.</summary>
    Unprepared,

    /// <summary>A base64 text form of a binary weight file, written by EdgeLstm.targets.</summary>
    Base64,

    /// <summary>A text model (JSON), passed as it is.</summary>
    Text,

    /// <summary>No content: EdgeLstm.targets could not prepare the named file and says why (see <see cref="ModelFileCandidate.Problem"/>).</summary>
    Problem,
}

/// <summary>
/// An AdditionalFile that may hold a model, and which weight file it stands for. Holds the <see cref="AdditionalText"/>
/// unread: the compiler reads a file's content only on request, and only files an attribute names are requested.
/// </summary>
/// <param name="Text">The compiler's handle (compared by reference: the driver keeps the instance while the file is unchanged).</param>
/// <param name="SourceFile">The weight file's normalised full path (the original for base64 forms).</param>
/// <param name="Encoding">How <paramref name="Text"/> encodes the weight file.</param>
internal sealed record ModelFileCandidate(AdditionalText Text, string SourceFile, ModelFileEncoding Encoding)
{
    /// <summary>For <see cref="ModelFileEncoding.Problem"/>: directory, outside, not-listed, not-regular, too-large or unreadable.</summary>
    public string? Problem { get; init; }

    /// <summary>For <see cref="ModelFileEncoding.Problem"/>: the facts behind it (a link target, sizes, the files in a folder).</summary>
    public string? ProblemDetail { get; init; }

    private static readonly string[] BinaryExtensions = { ".onnx", ".safetensors", ".pt", ".pth" };

    /// <summary>The candidate for <paramref name="text"/>, or null when it cannot be a model file.</summary>
    public static ModelFileCandidate? Create(AdditionalText text, AnalyzerConfigOptionsProvider options)
    {
        AnalyzerConfigOptions fileOptions = options.GetOptions(text);
        fileOptions.TryGetValue("build_metadata.AdditionalFiles.EdgeLstmSourceFile", out string? sourceFile);
        fileOptions.TryGetValue("build_metadata.AdditionalFiles.EdgeLstmEncoding", out string? encoding);

        if (!string.IsNullOrEmpty(sourceFile))
        {
            if (string.Equals(encoding, "problem", StringComparison.OrdinalIgnoreCase))
            {
                fileOptions.TryGetValue("build_metadata.AdditionalFiles.EdgeLstmProblem", out string? problem);
                fileOptions.TryGetValue("build_metadata.AdditionalFiles.EdgeLstmProblemDetail", out string? detail);
                return new ModelFileCandidate(text, ProjectPath.Normalize(sourceFile!), ModelFileEncoding.Problem)
                {
                    Problem = problem ?? string.Empty,
                    ProblemDetail = detail ?? string.Empty,
                };
            }
            ModelFileEncoding kind = string.Equals(encoding, "base64", StringComparison.OrdinalIgnoreCase)
                ? ModelFileEncoding.Base64
                : ModelFileEncoding.Text;
            return new ModelFileCandidate(text, ProjectPath.Normalize(sourceFile!), kind);
        }

        // Files added as AdditionalFiles by hand: JSON is text and can be read; a binary weight file cannot (reading
        // it would make the compiler fail with CS2015), so it is remembered only to explain the problem.
        string extension = Path.GetExtension(text.Path);
        if (string.Equals(extension, ".json", StringComparison.OrdinalIgnoreCase))
        {
            return new ModelFileCandidate(text, ProjectPath.Normalize(text.Path), ModelFileEncoding.Text);
        }
        if (Array.Exists(BinaryExtensions, e => string.Equals(e, extension, StringComparison.OrdinalIgnoreCase)))
        {
            return new ModelFileCandidate(text, ProjectPath.Normalize(text.Path), ModelFileEncoding.Unprepared);
        }
        return null;
    }
}
