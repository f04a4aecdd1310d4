using EdgeLstm.Cli.Infrastructure;
using EdgeLstm.Import;
using EdgeLstm.Model;

namespace EdgeLstm.Cli.Models;

/// <summary>Loads a weight file for a command, with a spinner while a large file is parsed.</summary>
internal static class ModelLoader
{
    /// <summary>
    /// Reads and validates the model. Every failure, including a missing file, is a <see cref="ModelFormatException"/>
    /// whose message names the file; the command runner prints it and exits with <see cref="ExitCodes.BadInput"/>.
    /// </summary>
    public static NetworkModel Load(string path, CliConsole console)
        => ProgressDisplay.Status(console.Progress, $"Loading {path}", () => ModelImporter.Load(path));
}
