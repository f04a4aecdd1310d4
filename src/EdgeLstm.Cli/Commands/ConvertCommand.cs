using System.CommandLine;
using System.IO;
using System.Text;
using EdgeLstm.Cli.Infrastructure;
using EdgeLstm.Cli.Models;
using EdgeLstm.Import.Json;
using EdgeLstm.Model;

namespace EdgeLstm.Cli.Commands;

/// <summary><c>edgelstm convert MODEL --to json OUT</c>: any supported format to the lossless EdgeLstm JSON text format.</summary>
internal static class ConvertCommand
{
    public static Command Create(CliConsole console)
    {
        var model = new Argument<string>("MODEL") { Description = "The weight file to convert (.onnx, .safetensors, .pt or .json)." };
        var output = new Argument<string>("OUT") { Description = "The file to write." };
        var to = new Option<string>("--to")
        {
            Description = "The target format. json: the EdgeLstm JSON text format (lossless: every float32 round-trips exactly).",
            Required = true,
        };
        to.AcceptOnlyFromAmong("json");
        var architecture = new ArchitectureOptions();

        var command = new Command("convert", "Convert a model to the EdgeLstm JSON text format, losslessly.")
        {
            model,
            output,
            to,
        };
        architecture.AddTo(command);
        command.SetAction(parse => CommandGuard.Run(console, () =>
        {
            string modelPath = parse.GetRequiredValue(model);
            string outPath = parse.GetRequiredValue(output);
            NetworkModel network = ModelLoader.Load(modelPath, architecture.Read(parse), console).Network;
            string text = EdgeLstmJsonFormat.Write(network);
            File.WriteAllText(outPath, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            console.Out.WriteLine($"Wrote {outPath} (EdgeLstm JSON, {LayerText.Number(network.ParameterCount)} parameters).");
            return ExitCodes.Ok;
        }));
        return command;
    }
}

