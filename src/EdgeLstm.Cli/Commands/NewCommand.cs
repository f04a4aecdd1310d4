using System.CommandLine;
using System.IO;
using EdgeLstm.Cli.Infrastructure;
using EdgeLstm.Cli.Models;
using EdgeLstm.Cli.Scaffolding;

namespace EdgeLstm.Cli.Commands;

/// <summary>
/// <c>edgelstm new DIR --model MODEL [--template console|monitor] [--name Foo] [--package-source DIR] [--head-activation A] [--nonlinearity N]</c>:
/// scaffold a firmware project.
/// </summary>
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
            Description = "Project name, namespace and model class prefix (a C# identifier, not EdgeLstm). Default: from DIR, in PascalCase.",
        };
        name.Validators.Add(result =>
        {
            string? value = result.GetValueOrDefault<string?>();
            if (value is not null && !ProjectNames.IsIdentifier(value))
            {
                result.AddError($"--name '{value}' is not a C# identifier (letters, digits and '_', not starting with a digit).");
            }
            else if (value is not null && ProjectNames.Collision(value) is { } collision)
            {
                result.AddError($"--name: {collision}.");
            }
        });
        var packageSource = new Option<string?>("--package-source")
        {
            Description = "A local folder of NuGet packages holding the EdgeLstm package, written to the project's NuGet.config. " +
                          "Default: the artifacts/packages folder that ./build.sh pack writes, found above the current folder or above the tool.",
        };
        var template = new Option<string>("--template", "-t")
        {
            Description = "console: CSV rows on stdin through the model to stdout. monitor: a device program around the model " +
                          "(sensor source options: csv, serial, iio, mpu6050, bme280, ads1115, ina219; anomaly detector; event log; GPIO alarm) " +
                          "on the EdgeLstm.Iot package.",
            DefaultValueFactory = _ => ProjectScaffolder.ConsoleTemplate,
        };
        template.AcceptOnlyFromAmong(ProjectScaffolder.Templates);
        var architecture = new ArchitectureOptions();

        var command = new Command("new",
            "Scaffold a Native AOT firmware project for a model: csproj (PublishAot, linux-arm64 cross-link settings, EdgeLstm " +
            "package), the model under models/, a [RecurrentModel] partial class (with --head-activation/--nonlinearity as " +
            "HeadActivation/Nonlinearity) and a Program that runs the self-test, then turns CSV rows on stdin into CSV outputs, " +
            "skipping and reporting rows with the wrong number of fields or a NaN/infinite value.")
        {
            directory,
            model,
            name,
            packageSource,
            template,
        };
        architecture.AddTo(command);
        command.SetAction(parse => CommandGuard.Run(console, () =>
        {
            string dir = parse.GetRequiredValue(directory);
            string modelPath = parse.GetRequiredValue(model);
            string projectName = parse.GetValue(name)
                ?? ProjectNames.FromFolder(Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(dir))));
            if (ProjectNames.Collision(projectName) is { } collision)
            {
                throw new InputException($"{dir}: {collision}.");
            }
            LoadedModel loaded = ModelLoader.Load(modelPath, architecture.Read(parse), console);

            string version = ToolVersion.Current;
            string? source = parse.GetValue(packageSource) ?? PackageSourceLocator.Find(version, PackageSourceLocator.DefaultStartFolders());
            var request = new ScaffoldRequest(dir, modelPath, loaded.Network, projectName, source, version)
            {
                HeadActivation = parse.GetValue(architecture.HeadActivation),
                Nonlinearity = parse.GetValue(architecture.Nonlinearity),
                Assumptions = loaded.Assumptions,
                Template = parse.GetValue(template)!,
            };
            foreach (string file in ProjectScaffolder.Create(request))
            {
                console.Out.WriteLine($"  created {Path.Combine(dir, file)}");
            }
            console.Out.WriteLine();
            if (source is not null)
            {
                console.Out.WriteLine($"EdgeLstm {version} comes from {Path.GetFullPath(source)} (NuGet.config).");
            }
            else if (!PackageSourceLocator.IsCached(version))
            {
                console.Error.WriteLine(
                    $"warning: no EdgeLstm {version} package found, so the project restores from nuget.org, which may not have it " +
                    $"(the build then fails with NU1101). Build the package in the EdgeLstm repository with ./build.sh pack " +
                    $"(it writes {PackageSourceLocator.PackFolder}/{PackageSourceLocator.PackageFile(version)}) and run edgelstm new " +
                    "from inside that repository, or pass --package-source <that folder>.");
            }
            console.Out.WriteLine($"Project {projectName} (EdgeLstm {request.EdgeLstmVersion}). Next:");
            console.Out.WriteLine($"  cd {dir}");
            console.Out.WriteLine(request.Template == ProjectScaffolder.MonitorTemplate
                ? "  dotnet run -- --source csv --input data.csv --events events.jsonl   # on this machine\n" +
                  "  dotnet run -- --source sim --samples 2000 --events events.jsonl --mqtt mqtt://BROKER --device-id pump-1   # simulated, reporting to a broker"
                : "  dotnet run < input.csv                                 # on this machine");
            console.Out.WriteLine("  dotnet publish -c Release -r linux-arm64               # native binary for the board");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
