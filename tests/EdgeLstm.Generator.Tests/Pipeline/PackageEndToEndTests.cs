using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;
using Xunit.Abstractions;

namespace EdgeLstm.Generator.Tests.Pipeline;

/// <summary>
/// What a user does, for real: pack EdgeLstm, create a console project outside this repository that references the
/// package from a local folder, drop weight files under it, build, run. Slow (a pack and three builds), so it
/// carries a trait to filter on: <c>dotnet test --filter "Category!=Package"</c> leaves it out.
/// </summary>
[Trait("Category", "Package")]
public sealed class PackageEndToEndTests : IDisposable
{
    private const string EncodedMessage = "EdgeLstm: encoded weight file";

    private readonly ITestOutputHelper _output;
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("edgelstm-package-test-");

    public PackageEndToEndTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void UserProjectBuildsAndRunsWithModelsFromEveryFormatFamily()
    {
        // A version no cache has seen, so the restore cannot pick up an older package from anywhere.
        string version = $"0.0.0-e2e.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";
        string packages = Path.Combine(_work.FullName, "packages");
        var environment = new Dictionary<string, string>
        {
            ["NUGET_PACKAGES"] = Path.Combine(_work.FullName, "nuget-cache"),
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
            ["MSBUILDDISABLENODEREUSE"] = "1",
        };

        ProcessRunner.Result pack = Dotnet(RepositoryFiles.Root, environment,
            "pack", Path.Combine(RepositoryFiles.Root, "src", "EdgeLstm", "EdgeLstm.csproj"),
            "-c", "Release", "-o", packages, $"-p:Version={version}");
        AssertSucceeded(pack);
        string package = Path.Combine(packages, $"EdgeLstm.{version}.nupkg");
        AssertPackageLayout(package);

        string app = CreateUserProject(packages, version);

        ProcessRunner.Result first = Dotnet(app, environment, "build", "-v:n");
        AssertSucceeded(first);
        Assert.Equal(2, Count(first.Output, EncodedMessage)); // the .onnx and the .pt; JSON needs no encoding

        ProcessRunner.Result run = Dotnet(app, environment, "bin/Debug/net10.0/UserApp.dll");
        AssertSucceeded(run);
        Assert.Contains("machine.onnx 3 3", run.Output);   // lstm_i3_h16_dense3
        Assert.Contains("gru.pt 4 1", run.Output);          // gru_i4_h32_l2_dense1
        Assert.Contains("rtneural.json 3 3", run.Output);   // lstm_i3_h16_dense3 as RTNeural JSON
        Assert.Contains("user members softmax 1 2 3", run.Output);
        Assert.Contains("self-test ok ok", run.Output);

        // Nothing changed: the encoding target is skipped as up to date, and the models are still generated.
        ProcessRunner.Result second = Dotnet(app, environment, "build", "-v:d");
        AssertSucceeded(second);
        Assert.Equal(0, Count(second.Output, EncodedMessage));
        Assert.Contains("Skipping target \"EdgeLstmEncodeWeightFiles\" because all output files are up-to-date", second.Output);

        // One weight file changed: only that one is encoded again.
        File.SetLastWriteTimeUtc(Path.Combine(app, "models", "gru.pt"), DateTime.UtcNow);
        ProcessRunner.Result third = Dotnet(app, environment, "build", "-v:n");
        AssertSucceeded(third);
        Assert.Equal(1, Count(third.Output, EncodedMessage));
        Assert.Contains("gru.pt", third.Output.Split('\n').Single(line => line.Contains(EncodedMessage, StringComparison.Ordinal)));
    }

    private string CreateUserProject(string packages, string version)
    {
        string app = Path.Combine(_work.FullName, "UserApp");
        Directory.CreateDirectory(Path.Combine(app, "models"));
        Directory.CreateDirectory(Path.Combine(app, "Properties"));

        File.WriteAllText(Path.Combine(_work.FullName, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{packages}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """);
        // Keeps the repository's Directory.Build.props and the like out, should the temp folder sit inside it.
        File.WriteAllText(Path.Combine(_work.FullName, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(_work.FullName, "Directory.Build.targets"), "<Project />");

        File.WriteAllText(Path.Combine(app, "UserApp.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="EdgeLstm" Version="{version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(app, "Program.cs"), """
            using EdgeLstm;

            System.Console.WriteLine($"machine.onnx {MachineModel.InputSize} {MachineModel.OutputSize}");
            System.Console.WriteLine($"gru.pt {GruModel.InputSize} {GruModel.OutputSize}");
            System.Console.WriteLine($"rtneural.json {JsonModel.InputSize} {JsonModel.OutputSize}");
            var machine = new MachineModel();
            float[] output = new float[MachineModel.OutputSize];
            machine.Step(new float[MachineModel.InputSize], output);
            System.Console.WriteLine($"user members {MachineModel.Softmax()} {machine.CheckRows} {MachineModel.ThrowLength(2)} {MachineModel.VectorMath}");
            System.Console.WriteLine($"self-test {(MachineModel.SelfTest() < 1e-4f ? "ok" : "FAILED")} {(GruModel.SelfTest() < 1e-4f ? "ok" : "FAILED")}");

            // Members named like the helpers generated code used to put into the class: they must neither clash with the
            // generated code nor change what it computes.
            [RecurrentModel("models/machine.onnx")]
            public sealed partial class MachineModel
            {
                public static string Softmax() => "softmax";
                public int CheckRows { get; } = 1;
                public static int ThrowLength(int value) => value;
                public static int VectorMath => 3;
            }

            [RecurrentModel("models/gru.pt")]
            public sealed partial class GruModel;

            [RecurrentModel("models/rtneural.json")]
            public sealed partial class JsonModel;
            """);
        File.Copy(RepositoryFiles.CaseFile("lstm_i3_h16_dense3", "model.onnx"), Path.Combine(app, "models", "machine.onnx"));
        File.Copy(RepositoryFiles.CaseFile("gru_i4_h32_l2_dense1", "model.pt"), Path.Combine(app, "models", "gru.pt"));
        File.Copy(Path.Combine(RepositoryFiles.Root, "tests", "EdgeLstm.Tests", "TestData", "RtNeural", "lstm_i3_h16_dense3.rtneural.json"),
            Path.Combine(app, "models", "rtneural.json"));
        // JSON files that are not models sit in most projects; they must not disturb the build.
        File.WriteAllText(Path.Combine(app, "appsettings.json"), "{ \"Logging\": { } }");
        File.WriteAllText(Path.Combine(app, "Properties", "launchSettings.json"), "{ \"profiles\": { } }");
        return app;
    }

    private static void AssertPackageLayout(string package)
    {
        using ZipArchive zip = ZipFile.OpenRead(package);
        string[] entries = zip.Entries.Select(e => e.FullName).ToArray();
        Assert.Contains("lib/net10.0/EdgeLstm.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/EdgeLstm.Generator.dll", entries);
        foreach (string folder in new[] { "build", "buildTransitive" })
        {
            Assert.Contains($"{folder}/EdgeLstm.props", entries);
            Assert.Contains($"{folder}/EdgeLstm.targets", entries);
        }
        // The generator is an analyzer, not a library the user's code could reference.
        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal) && e.EndsWith("EdgeLstm.Generator.dll", StringComparison.Ordinal));
    }

    private ProcessRunner.Result Dotnet(string directory, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        ProcessRunner.Result result = ProcessRunner.Run("dotnet", arguments, directory, environment, TimeSpan.FromMinutes(10));
        _output.WriteLine($"dotnet {string.Join(' ', arguments)}: exit {result.ExitCode} in {result.Elapsed.TotalSeconds:F1} s");
        return result;
    }

    private static void AssertSucceeded(ProcessRunner.Result result)
        => Assert.True(result.ExitCode == 0, $"exit code {result.ExitCode}:\n{Tail(result.Output)}");

    private static string Tail(string output) => string.Join('\n', output.Split('\n').TakeLast(80));

    private static int Count(string text, string value) => Regex.Matches(text, Regex.Escape(value)).Count;

    public void Dispose()
    {
        try
        {
            _work.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A build server may still hold a file for a moment; the folder is under the temp directory anyway.
        }
    }
}
