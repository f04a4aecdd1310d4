using System.IO;
using System.Linq;
using EdgeLstm.Cli.Scaffolding;
using EdgeLstm.Cli.Tests.Infrastructure;
using EdgeLstm.Testing;
using Xunit;

namespace EdgeLstm.Cli.Tests;

public sealed class NewCommandTests
{
    [Fact]
    public void ScaffoldsAnAotProjectAroundTheModel()
    {
        GoldenCase golden = GoldenCase.Load("lstm_i3_h16_dense3");
        using var temp = new TempDirectory();
        string dir = temp.File("machine-monitor");
        string packages = Directory.CreateDirectory(temp.File("packages")).FullName;

        CliResult result = Tool.Run("new", dir, "--model", golden.AnyModel, "--package-source", packages);

        Assert.True(result.ExitCode == 0, result.ToString());
        string model = Path.GetFileName(golden.AnyModel);
        Assert.Equal(File.ReadAllBytes(golden.AnyModel), File.ReadAllBytes(Path.Combine(dir, "models", model)));

        string project = File.ReadAllText(Path.Combine(dir, "MachineMonitor.csproj"));
        Assert.Contains("<PublishAot>true</PublishAot>", project);
        Assert.Contains($"<EdgeLstmVersion Condition=\"'$(EdgeLstmVersion)' == ''\">{ToolVersion.Current}</EdgeLstmVersion>", project);
        Assert.Contains("<PackageReference Include=\"EdgeLstm\" Version=\"$(EdgeLstmVersion)\" />", project);
        Assert.Contains("'$(RuntimeIdentifier)' == 'linux-arm64'", project);
        Assert.Contains("<CppCompilerAndLinker>clang</CppCompilerAndLinker>", project);
        Assert.Contains("<LinkerFlavor>lld</LinkerFlavor>", project);

        Assert.Contains($"value=\"{packages}\"", File.ReadAllText(Path.Combine(dir, "NuGet.config")));

        string modelClass = File.ReadAllText(Path.Combine(dir, "MachineMonitorModel.cs"));
        Assert.Contains($"[RecurrentModel(\"models/{model}\")]", modelClass);
        Assert.Contains("public sealed partial class MachineMonitorModel;", modelClass);
        Assert.Contains("namespace MachineMonitor;", modelClass);

        string program = File.ReadAllText(Path.Combine(dir, "Program.cs"));
        Assert.Contains("MachineMonitorModel.SelfTest()", program);
        Assert.Contains("model.Step(input, output);", program);
    }

    [Fact]
    public void WholeWindowModelsGetAProgramThatRunsTheWindow()
    {
        using var temp = new TempDirectory();
        string dir = temp.File("bidir");

        CliResult result = Tool.Run("new", dir, "--model", GoldenCase.Load("lstm_i3_h12_bidir_dense2").AnyModel, "--name", "Classifier");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(File.Exists(Path.Combine(dir, "Classifier.csproj")));
        string program = File.ReadAllText(Path.Combine(dir, "Program.cs"));
        Assert.Contains("model.Run(inputs, outputs);", program);
        Assert.DoesNotContain(".Step(", program);
    }

    [Fact]
    public void RefusesANonEmptyFolder()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("keep.txt"), "mine");

        CliResult result = Tool.Run("new", temp.Path, "--model", GoldenCase.Load("lstm_i3_h16_dense3").AnyModel);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("not empty", result.Error);
        Assert.Single(Directory.GetFileSystemEntries(temp.Path));
    }

    [Fact]
    public void AMissingPackageSourceIsBadInput()
    {
        using var temp = new TempDirectory();

        CliResult result = Tool.Run("new", temp.File("p"), "--model", GoldenCase.Load("lstm_i3_h16_dense3").AnyModel,
            "--package-source", temp.File("nope"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("package source folder not found", result.Error);
    }

    [Theory]
    [InlineData("app", "EdgeLstm")]
    [InlineData("app", "edgelstm")]
    [InlineData("edge-lstm", null)]
    [InlineData("EdgeLSTM", null)]
    public void RefusesAProjectNamedLikeThePackage(string folder, string? name)
    {
        using var temp = new TempDirectory();
        string dir = temp.File(folder);
        string[] args = new[] { "new", dir, "--model", GoldenCase.Load("lstm_i3_h16_dense3").AnyModel, "--package-source", temp.Path };
        if (name is not null) args = args.Concat(new[] { "--name", name }).ToArray();

        CliResult result = Tool.Run(args);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("NU1108", result.Error);
        Assert.Contains("--name EdgeLstmApp", result.Error);
        Assert.False(Directory.Exists(dir));
    }

    [Fact]
    public void ThePackageSourceDefaultsToWhereBuildShPackWrites()
    {
        using var temp = new TempDirectory();
        string repository = temp.File("EdgeLstm");
        string packages = Directory.CreateDirectory(Path.Combine(repository, "artifacts", "packages")).FullName;
        string work = Directory.CreateDirectory(Path.Combine(repository, "samples", "pump")).FullName;
        string elsewhere = Directory.CreateDirectory(temp.File("elsewhere")).FullName;

        // Only the package of the version asked for counts.
        File.WriteAllText(Path.Combine(packages, "EdgeLstm.0.0.9.nupkg"), "");
        Assert.Null(PackageSourceLocator.Find("1.2.3", new[] { work, elsewhere }));

        File.WriteAllText(Path.Combine(packages, "EdgeLstm.1.2.3.nupkg"), "");
        Assert.Equal(packages, PackageSourceLocator.Find("1.2.3", new[] { elsewhere, work }));
        Assert.Equal(packages, PackageSourceLocator.Find("1.2.3", new[] { repository }));
        Assert.Null(PackageSourceLocator.Find("1.2.3", new[] { elsewhere }));
    }

    [Theory]
    [InlineData("machine-monitor", "MachineMonitor")]
    [InlineData("edge_lstm.demo", "EdgeLstmDemo")]
    [InlineData("2024-pump", "Model2024Pump")]
    [InlineData("---", "EdgeModel")]
    public void ProjectNamesComeFromTheFolder(string folder, string expected)
    {
        string name = ProjectNames.FromFolder(folder);

        Assert.Equal(expected, name);
        Assert.True(ProjectNames.IsIdentifier(name));
    }
}
