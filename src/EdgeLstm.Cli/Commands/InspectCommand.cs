using System.CommandLine;
using EdgeLstm.Cli.Infrastructure;
using EdgeLstm.Cli.Models;

namespace EdgeLstm.Cli.Commands;

/// <summary><c>edgelstm inspect MODEL [--json]</c>: what a weight file holds and what it costs on the device.</summary>
internal static class InspectCommand
{
    public static Command Create(CliConsole console)
    {
        var model = new Argument<string>("MODEL") { Description = "The weight file (.onnx, .safetensors, .pt or .json)." };
        var json = new Option<bool>("--json") { Description = "Print machine-readable JSON instead of text." };
        var architecture = new ArchitectureOptions();
        var command = new Command("inspect",
            "Show a model's format, layers (cell, direction, sizes, options), parameter count, multiply-adds per step, " +
            "baked weight size, and whether it streams (Step) or needs whole windows. What a .pt state_dict cannot say is " +
            "marked as assumed.")
        {
            model,
            json,
        };
        architecture.AddTo(command);
        command.SetAction(parse => CommandGuard.Run(console, () =>
        {
            string path = parse.GetRequiredValue(model);
            LoadedModel loaded = ModelLoader.Load(path, architecture.Read(parse), console);
            if (parse.GetValue(json))
            {
                ModelReportJson.Write(console.Out, path, loaded);
            }
            else
            {
                ModelReport.Write(console.Out, path, loaded);
            }
            return ExitCodes.Ok;
        }));
        return command;
    }
}
