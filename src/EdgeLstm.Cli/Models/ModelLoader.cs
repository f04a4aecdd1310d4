using System.Collections.Generic;
using System.IO;
using System.Linq;
using EdgeLstm.Cli.Infrastructure;
using EdgeLstm.Import;
using EdgeLstm.Model;

namespace EdgeLstm.Cli.Models;

/// <summary>A model as a command got it: the network, the file's format, and what the importer had to assume.</summary>
/// <param name="Network">The validated network.</param>
/// <param name="Format">The weight file's format (by content).</param>
/// <param name="Assumptions">Architecture facts the file did not state and no option gave (see <see cref="ImportAssumption"/>).</param>
internal sealed record LoadedModel(NetworkModel Network, ModelFileFormat Format, IReadOnlyList<ImportAssumption> Assumptions)
{
    /// <summary>True when <paramref name="key"/> (head_activation, nonlinearity) was assumed rather than stated.</summary>
    public bool IsAssumed(string key) => Assumptions.Any(a => a.Key == key);
}

/// <summary>Loads a weight file for a command, with a spinner while a large file is parsed.</summary>
internal static class ModelLoader
{
    private static readonly string[] WeightFilePatterns = { "*.onnx", "*.safetensors", "*.pt", "*.pth", "*.json" };

    /// <summary>
    /// Reads and validates the model, and warns on stderr about every architecture fact it assumed. A missing or
    /// malformed file is a <see cref="ModelFormatException"/> and a folder an <see cref="InputException"/>, each naming
    /// the path; the command runner prints it and exits with <see cref="ExitCodes.BadInput"/>.
    /// </summary>
    public static LoadedModel Load(string path, ImportOptions options, CliConsole console)
    {
        if (Directory.Exists(path))
        {
            throw new InputException($"{path}: is a directory, not a weight file; {DescribeFolder(path)}");
        }
        NetworkModel network = ProgressDisplay.Status(console.Progress, $"Loading {path}", () => ModelImporter.Load(path, options));
        // Read as Load read it: a regular file within the size limit, or a ModelFormatException naming it.
        ModelFileFormat format = ModelImporter.DetectFormat(ModelImporter.ReadFile(path), path);
        IReadOnlyList<ImportAssumption> assumptions = ImportAssumption.Find(format, network);
        foreach (ImportAssumption assumption in assumptions)
        {
            console.Error.WriteLine(
                $"warning: {path} does not say {assumption.Subject}, so {assumption.Assumed} is assumed: a PyTorch state_dict holds " +
                $"tensors only. If forward() does something else, the model computes a different function; state it with " +
                $"{assumption.CommandLineOption} ({assumption.Choices}), which also silences this warning.");
        }
        return new LoadedModel(network, format, assumptions);
    }

    /// <summary>Names the weight files the folder holds, so the user can pick one.</summary>
    private static string DescribeFolder(string path)
    {
        // Binary weight formats first: a folder's .json files are as often configuration as models.
        string[] inside = WeightFilePatterns
            .SelectMany(pattern => Directory.EnumerateFiles(path, pattern).Select(Path.GetFileName).OfType<string>().OrderBy(name => name, System.StringComparer.Ordinal))
            .Take(6)
            .ToArray();
        return inside.Length == 0
            ? "name the weight file itself (.onnx, .safetensors, .pt, .pth or .json)."
            : $"name the weight file itself, e.g. {Path.Combine(path, inside[0])} (the folder holds {string.Join(", ", inside)}).";
    }
}
