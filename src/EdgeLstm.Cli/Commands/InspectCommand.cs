using System.CommandLine;
using System.IO;
using EdgeLstm.Cli.Infrastructure;
using EdgeLstm.Cli.Models;
using EdgeLstm.Import;
using EdgeLstm.Model;

namespace EdgeLstm.Cli.Commands;

/// <summary><c>edgelstm inspect MODEL [--json]</c>: what a weight file holds and what it costs on the device.</summary>
internal static class InspectCommand
{
    public static Command Create(CliConsole console)
    {
        var model = new Argument<string>("MODEL") { Description = "The weight file (.onnx, .safetensors, .pt or .json)." };
        var json = new Option<bool>("--json") { Description = "Print machine-readable JSON instead of text." };
        var command = new Command("inspect",
            "Show a model's format, layers (cell, direction, sizes, options), parameter count, multiply-adds per step, " +
            "baked weight size, and whether it streams (Step) or needs whole windows.")
        {
            model,
            json,
        };
        command.SetAction(parse => CommandGuard.Run(console, () =>
        {
            string path = parse.GetRequiredValue(model);
            NetworkModel network = ModelLoader.Load(path, console);
            // Read as Load read it: a regular file within the size limit, or a ModelFormatException naming it.
            ModelFileFormat format = ModelImporter.DetectFormat(ModelImporter.ReadFile(path), path);
            if (parse.GetValue(json))
            {
                ModelReportJson.Write(console.Out, path, format, network);
            }
            else
            {
                ModelReport.Write(console.Out, path, format, network);
            }
            return ExitCodes.Ok;
        }));
        return command;
    }
}
