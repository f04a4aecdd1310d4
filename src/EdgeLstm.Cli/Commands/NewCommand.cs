using System.CommandLine;
using System.IO;
using EdgeLstm.Cli.Infrastructure;
using EdgeLstm.Cli.Models;
using EdgeLstm.Cli.Scaffolding;
using EdgeLstm.Model;

namespace EdgeLstm.Cli.Commands;

/// <summary><c>edgelstm new DIR --model MODEL [--name Foo] [--package-source DIR]</c>: scaffold a firmware project.</summary>
internal static class NewCommand
{
    public static Command Create(CliConsole console)
    {
        var directory = new Argument<string>("DIR") { Description = "The project folder to create (must be new or empty)." };
        var model = new Option<string>("--model", "-m")
        {
            Description = "The weight file to build in; it is copied to models/ in the project.",
            Required = true,
        };
        var name = new Option<string?>("--name", "-n")
        {
            Description = "Project name, namespace and model class prefix (a C# identifier). Default: from DIR, in PascalCase.",
        };
        name.Validators.Add(result =>
        {
            string? value = result.GetValueOrDefault<string?>();
            if (value is not null && !ProjectNames.IsIdentifier(value))
            {
                result.AddError($"--name '{value}' is not a C# identifier (letters, digits and '_', not starting with a digit).");
            }
        });
        var packageSource = new Option<string?>("--package-source")
        {
            Description = "A local folder of NuGet packages (e.g. artifacts/packages) to add in a NuGet.config. Default: none (nuget.org).",
        };

        var command = new Command("new",
            "Scaffold a Native AOT firmware project for a model: csproj (PublishAot, linux-arm64 cross-link settings, EdgeLstm " +
            "package), the model under models/, a [RecurrentModel] partial class and a Program that runs the self-test then " +
            "turns CSV rows on stdin into CSV outputs.")
        {
            directory,
            model,
            name,
            packageSource,
        };
        command.SetAction(parse => CommandGuard.Run(console, () =>
        {
            string dir = parse.GetRequiredValue(directory);
            string modelPath = parse.GetRequiredValue(model);
            NetworkModel network = ModelLoader.Load(modelPath, console);
            string projectName = parse.GetValue(name)
                ?? ProjectNames.FromFolder(Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(dir))));

            var request = new ScaffoldRequest(dir, modelPath, network, projectName, parse.GetValue(packageSource), ToolVersion.Current);
            foreach (string file in ProjectScaffolder.Create(request))
            {
                console.Out.WriteLine($"  created {Path.Combine(dir, file)}");
            }
            console.Out.WriteLine();
            console.Out.WriteLine($"Project {projectName} (EdgeLstm {request.EdgeLstmVersion}). Next:");
            console.Out.WriteLine($"  cd {dir}");
            console.Out.WriteLine("  dotnet run < input.csv                                 # on this machine");
            console.Out.WriteLine("  dotnet publish -c Release -r linux-arm64               # native binary for the board");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
