using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using EdgeLstm.Cli.Infrastructure;
using EdgeLstm.Import;
using EdgeLstm.Model;

namespace EdgeLstm.Cli.Scaffolding;

/// <summary>What to scaffold.</summary>
/// <param name="Directory">The project folder; created, and must be empty if it exists.</param>
/// <param name="ModelPath">The weight file, already loaded successfully.</param>
/// <param name="Model">The loaded model (decides between the streaming and the whole-window Program).</param>
/// <param name="Name">Project name, namespace and model class prefix: a C# identifier.</param>
/// <param name="PackageSource">A local folder of NuGet packages to add to the project's sources, or null.</param>
/// <param name="EdgeLstmVersion">The EdgeLstm package version to reference.</param>
internal sealed record ScaffoldRequest(
    string Directory,
    string ModelPath,
    NetworkModel Model,
    string Name,
    string? PackageSource,
    string EdgeLstmVersion)
{
    /// <summary>The head activation the user stated (--head-activation), written into the attribute; or null.</summary>
    public string? HeadActivation { get; init; }

    /// <summary>The RNN nonlinearity the user stated (--nonlinearity), written into the attribute; or null.</summary>
    public string? Nonlinearity { get; init; }

    /// <summary>The kind of program: <see cref="ProjectScaffolder.ConsoleTemplate"/> or <see cref="ProjectScaffolder.MonitorTemplate"/>.</summary>
    public string Template { get; init; } = ProjectScaffolder.ConsoleTemplate;

    /// <summary>What the importer assumed; the model class says so in a comment, and the build warns (ELSTM009).</summary>
    public IReadOnlyList<ImportAssumption> Assumptions { get; init; } = System.Array.Empty<ImportAssumption>();
}

/// <summary>Writes a firmware project: csproj, NuGet.config, the model under models/, the model class and Program.cs (and, for a monitor, its detector settings and sensor sources).</summary>
internal static class ProjectScaffolder
{
    /// <summary>CSV rows on stdin through the model to CSV rows on stdout.</summary>
    public const string ConsoleTemplate = "console";

    /// <summary>A device program: sensor source, anomaly detector, event log, GPIO alarm (the EdgeLstm.Iot package).</summary>
    public const string MonitorTemplate = "monitor";

    /// <summary>The templates, for the command line.</summary>
    public static readonly string[] Templates = [ConsoleTemplate, MonitorTemplate];

    /// <returns>The files written, relative to the project folder, in the order written.</returns>
    public static IReadOnlyList<string> Create(ScaffoldRequest request)
    {
        string root = request.Directory;
        if (File.Exists(root))
        {
            throw new InputException($"{root}: is a file; expected a folder to create the project in.");
        }
        if (Directory.Exists(root) && Directory.EnumerateFileSystemEntries(root).Any())
        {
            throw new InputException($"{root}: the folder exists and is not empty; give a new or empty folder.");
        }
        bool monitor = request.Template == MonitorTemplate;
        if (monitor && !request.Model.IsStreaming)
        {
            throw new InputException($"{request.ModelPath}: the model has a reverse or bidirectional layer, so it needs a whole window " +
                "before its first output; a monitor feeds it one sample at a time. Use --template console, or a forward-only model.");
        }
        string? packageSource = null;
        if (request.PackageSource is { } source)
        {
            if (!Directory.Exists(source))
            {
                throw new InputException($"{source}: package source folder not found.");
            }
            packageSource = Path.GetFullPath(source);
        }

        string modelFile = Path.GetFileName(request.ModelPath);
        string modelRelative = "models/" + modelFile;
        string className = ProjectNames.ModelClass(request.Name);
        var written = new List<string>();

        Directory.CreateDirectory(Path.Combine(root, "models"));
        File.Copy(request.ModelPath, Path.Combine(root, "models", modelFile));
        written.Add(modelRelative);

        Write(root, request.Name + ".csproj",
            monitor ? MonitorTemplates.ProjectFile(request.EdgeLstmVersion) : ProjectTemplates.ProjectFile(request.EdgeLstmVersion), written);
        if (packageSource is not null)
        {
            Write(root, "NuGet.config", ProjectTemplates.NuGetConfig(packageSource), written);
        }
        Write(root, className + ".cs",
            ProjectTemplates.ModelClass(request.Name, className, modelRelative, request.HeadActivation, request.Nonlinearity, request.Assumptions), written);
        if (monitor)
        {
            Write(root, "Program.cs", MonitorTemplates.Program(request.Name, className), written);
            Write(root, "MonitorDetection.cs", MonitorTemplates.Detection(request.Name, className, request.Model.InputSize, request.Model.OutputSize), written);
            Write(root, "SensorSources.cs", MonitorTemplates.Sources(request.Name), written);
            Write(root, "FleetOptions.cs", MonitorFleetTemplates.Options(request.Name), written);
            Write(root, "FleetReporting.cs", MonitorFleetTemplates.Reporting(request.Name, className), written);
        }
        else
        {
            Write(root, "Program.cs", ProjectTemplates.Program(request.Name, className, request.Model.IsStreaming), written);
        }
        Write(root, ".gitignore", ProjectTemplates.GitIgnore, written);
        return written;
    }

    private static void Write(string root, string relative, string text, List<string> written)
    {
        File.WriteAllText(Path.Combine(root, relative), text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        written.Add(relative);
    }
}
