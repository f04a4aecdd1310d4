using System;
using System.Globalization;
using EdgeLstm.Generator.Diagnostics;
using Microsoft.CodeAnalysis;

namespace EdgeLstm.Generator.Pipeline;

/// <summary>
/// What ELSTM001 and ELSTM010 say about a named file that reached the generator without content: what is at the path
/// and what to do. The build step (build/EdgeLstm.targets) found the facts, since the generator must not touch the file
/// system; they arrive as the marker's <see cref="ModelFileCandidate.Problem"/> and <see cref="ModelFileCandidate.ProblemDetail"/>.
/// </summary>
internal static class ModelFileProblems
{
    private const string Listing =
        "The EdgeLstm build step prepares the weight files that a [RecurrentModel(\"...\")] attribute names with a string literal, " +
        "among the .onnx, .safetensors, .pt, .pth and .json files under the project folder; a file elsewhere or with another name " +
        "can be added as <EdgeLstmWeightFile Include=\"...\" /> (binary) or <EdgeLstmJsonModelFile Include=\"...\" /> (JSON), " +
        "which is also the way for a path the attribute does not give as a literal.";

    /// <summary>ELSTM001's text when nothing at all reached the generator for the path.</summary>
    public static string NotFound(string fullPath, string projectDirectory)
        => $"was not found: looked for '{fullPath}'. The path is relative to the project folder '{projectDirectory}'. {Listing}";

    /// <summary>The diagnostic and its text for a marker the build step left.</summary>
    public static (DiagnosticDescriptor Descriptor, string Explanation) Explain(ModelFileCandidate marker, string modelPath, string fullPath, string projectDirectory)
    {
        string detail = marker.ProblemDetail ?? string.Empty;
        switch (marker.Problem)
        {
            case "directory":
                string inside = detail.Length == 0
                    ? "it holds no .onnx, .safetensors, .pt, .pth or .json file"
                    : $"e.g. [RecurrentModel(\"{modelPath.TrimEnd('/', '\\')}/{detail.Split(',')[0].Trim()}\")]; it holds {detail}";
                return (DiagnosticDescriptors.ModelFileNotFound,
                    $"is a directory ('{fullPath}'), not a weight file: name the weight file in it ({inside}).");

            case "outside":
                return (DiagnosticDescriptors.ModelFileNotFound,
                    $"exists ('{fullPath}') but lies outside the project folder '{projectDirectory}', and the project does not list it. " +
                    $"Move it under the project folder, or add it to the project file as {ItemFor(modelPath)} (the attribute's path stays relative to the project folder).");

            case "not-listed":
                return (DiagnosticDescriptors.ModelFileNotFound,
                    $"exists ('{fullPath}') but is not one of the project's model files: {detail}. Add it to the project file as {ItemFor(modelPath)}.");

            case "not-regular":
                string what = detail.Length == 0 ? $"'{fullPath}'" : $"'{fullPath}' is a symbolic link to '{detail}', which";
                return (DiagnosticDescriptors.ModelFileNotRead,
                    $"{what} reports no length: it is empty, or it is not a regular file but a device, FIFO or socket, which the build step " +
                    "never opens (reading one can block the build or never end). Name a regular weight file.");

            case "too-large":
                string[] sizes = detail.Split(' ');
                string limit = sizes.Length > 1 ? Number(sizes[1]) : "the limit";
                string size = sizes[0] == "more-than" ? $"more than {limit}" : Number(sizes[0]);
                return (DiagnosticDescriptors.ModelFileNotRead,
                    $"it holds {size} bytes, more than the {limit} that the build step converts for the generator. If it really is the model, " +
                    "raise the limit in the project file: <PropertyGroup><EdgeLstmMaxWeightFileBytes>...</EdgeLstmMaxWeightFileBytes></PropertyGroup>.");

            default:
                return (DiagnosticDescriptors.ModelFileNotRead,
                    $"the build step could not read '{fullPath}': {(detail.Length == 0 ? marker.Problem : detail)}.");
        }
    }

    private static string ItemFor(string modelPath)
        => modelPath.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
            ? $"<EdgeLstmJsonModelFile Include=\"{modelPath}\" />"
            : $"<EdgeLstmWeightFile Include=\"{modelPath}\" />";

    private static string Number(string digits)
        => long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out long value)
            ? value.ToString("N0", CultureInfo.InvariantCulture)
            : digits;
}
