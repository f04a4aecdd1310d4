using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using EdgeLstm.Testing;
using Xunit;
using Xunit.Abstractions;

namespace EdgeLstm.Generator.Tests.Pipeline;

/// <summary>
/// What a user does, for real: pack EdgeLstm, create a console project outside this repository that references the
/// package from a local folder, drop weight files under it, build, run; then replace, touch and misname weight files
/// the ways users do and build again. Slow (a pack and several builds), so it carries a trait to filter on:
/// <c>dotnet test --filter "Category!=Package"</c> leaves it out.
/// </summary>
[Trait("Category", "Package")]
public sealed class PackageEndToEndTests : IClassFixture<PackageEndToEndTests.PackedPackage>
{
    private const string EncodedMessage = "EdgeLstm: encoded weight file";
    private const string CoreCompileSkipped = "Skipping target \"CoreCompile\" because all output files are up-to-date";

    private static readonly string ReplacedData = Path.Combine(RepositoryFiles.Root, "tests", "EdgeLstm.Generator.Tests", "TestData", "Replaced");

    private readonly PackedPackage _package;
    private readonly ITestOutputHelper _output;

    public PackageEndToEndTests(PackedPackage package, ITestOutputHelper output)
    {
        _package = package;
        _output = output;
    }

    [Fact]
    public void UserProjectBuildsAndRunsWithModelsFromEveryFormatFamily_AndRebuildsByContent()
    {
        string app = CreateUserProject("UserApp");
        // A large file no attribute names: the build must not read, copy or hash it (sparse, so it costs no disk).
        string dataset = Path.Combine(app, "training", "dataset.pt");
        Directory.CreateDirectory(Path.GetDirectoryName(dataset)!);
        using (FileStream sparse = File.Create(dataset))
        {
            sparse.SetLength(300L << 20);
        }

        ProcessRunner.Result first = Build(app, "-v:n");
        Assert.Equal(3, Count(first.Output, EncodedMessage)); // machine.onnx, gru.pt and replaced.pt, not dataset.pt
        Assert.Equal(1, Count(first.Output, "EdgeLstm: copied JSON model"));
        AssertNothingFor(app, "dataset", first.Output);
        AssertNothingFor(app, "unused", first.Output);
        Assert.Equal(
            new[] { "gru.pt", "machine.onnx", "replaced.pt", "rtneural.json" },
            Directory.GetFiles(TextFolder(app), "*.stamp").Select(f => Path.GetFileName(f).Split('.')[0] + "." + Path.GetFileName(f).Split('.')[1]).OrderBy(n => n, StringComparer.Ordinal));

        RunOutput run = Run(app);
        Assert.Equal("3 3", run["machine.onnx"]);   // lstm_i3_h16_dense3
        Assert.Equal("4 1", run["gru.pt"]);         // gru_i4_h32_l2_dense1
        Assert.Equal("3 3", run["rtneural.json"]);  // lstm_i3_h16_dense3 as RTNeural JSON
        AssertOutput(Expected("a"), run["replaced.pt"]);
        Assert.Equal("softmax 1 2 3", run["user members"]);
        Assert.Equal("ok ok", run["self-test"]);

        // Nothing changed: nothing is encoded or written, so the compiler does not run again.
        ProcessRunner.Result unchanged = Build(app, "-v:d");
        Assert.Equal(0, Count(unchanged.Output, EncodedMessage));
        Assert.Contains(CoreCompileSkipped, unchanged.Output);

        // A newer timestamp on the same content is no change either.
        File.SetLastWriteTimeUtc(Path.Combine(app, "models", "gru.pt"), DateTime.UtcNow);
        ProcessRunner.Result touched = Build(app, "-v:d");
        Assert.Equal(0, Count(touched.Output, EncodedMessage));
        Assert.Contains(CoreCompileSkipped, touched.Output);

        // Replaced by another model with an older time, as cp -p, rsync -a, tar, unzip or git checkout leave it:
        // encoded again, and the new model runs.
        string gru = Path.Combine(app, "models", "gru.pt");
        File.Copy(RepositoryFiles.CaseFile("lstm_i3_h16_dense3", "model.pt"), gru, overwrite: true);
        File.SetLastWriteTimeUtc(gru, new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        // The same for a JSON model, passed as text.
        string json = Path.Combine(app, "models", "rtneural.json");
        File.Copy(Path.Combine(RepositoryFiles.Root, "tests", "EdgeLstm.Tests", "TestData", "RtNeural", "gru_i4_h32_l2_dense1.rtneural.json"), json, overwrite: true);
        File.SetLastWriteTimeUtc(json, new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        // And the hardest case: a different model of exactly the same size, with exactly the old file's time.
        string replaced = Path.Combine(app, "models", "replaced.pt");
        DateTime before = File.GetLastWriteTimeUtc(replaced);
        File.Copy(Path.Combine(ReplacedData, "b", "model.pt"), replaced, overwrite: true);
        File.SetLastWriteTimeUtc(replaced, before);
        Assert.Equal(new FileInfo(Path.Combine(ReplacedData, "a", "model.pt")).Length, new FileInfo(replaced).Length);

        ProcessRunner.Result replacedBuild = Build(app, "-v:n");
        string[] encoded = Lines(replacedBuild.Output, EncodedMessage);
        Assert.Equal(2, encoded.Length);
        Assert.Contains(encoded, line => line.Contains("gru.pt", StringComparison.Ordinal));
        Assert.Contains(encoded, line => line.Contains("replaced.pt", StringComparison.Ordinal));
        Assert.Equal(1, Count(replacedBuild.Output, "EdgeLstm: copied JSON model"));

        RunOutput rerun = Run(app);
        Assert.Equal("3 3", rerun["gru.pt"]);
        Assert.Equal("4 1", rerun["rtneural.json"]);
        AssertOutput(Expected("b"), rerun["replaced.pt"]);
        Assert.Equal("3 3", rerun["machine.onnx"]);
    }

    [Fact]
    public void NamedFilesThatAreNoModelFilesGiveDiagnosticsWithoutBeingOpened()
    {
        string app = CreateUserProject("BadApp");
        string models = Path.Combine(app, "models");
        Assert.Equal(0, ProcessRunner.Run("mkfifo", new[] { Path.Combine(models, "pipe.pt") }, app).ExitCode);
        File.CreateSymbolicLink(Path.Combine(models, "zero.onnx"), "/dev/zero");
        string outside = Path.Combine(Path.GetDirectoryName(app)!, "outside.onnx");
        File.Copy(RepositoryFiles.CaseFile("lstm_i3_h16_dense3", "model.onnx"), outside, overwrite: true);
        File.Copy(RepositoryFiles.CaseFile("gru_i4_h32_l2_dense1", "model.onnx"), Path.Combine(models, "big.onnx"));
        File.WriteAllText(Path.Combine(app, "BadModels.cs"), """
            using EdgeLstm;

            [RecurrentModel("models/pipe.pt")] public sealed partial class PipeModel;
            [RecurrentModel("models/zero.onnx")] public sealed partial class ZeroModel;
            [RecurrentModel("models")] public sealed partial class FolderModel;
            [RecurrentModel("../outside.onnx")] public sealed partial class OutsideModel;
            [RecurrentModel("models/big.onnx")] public sealed partial class BigModel;
            """);
        long limit = new FileInfo(Path.Combine(models, "big.onnx")).Length - 1;

        // A FIFO or /dev/zero that were opened would hang the build or fill the disk: it must end, and fail, quickly.
        ProcessRunner.Result build = Build(app, $"-p:EdgeLstmMaxWeightFileBytes={limit}", expectSuccess: false, timeout: TimeSpan.FromMinutes(3));

        Assert.NotEqual(0, build.ExitCode);
        AssertError(build.Output, "BadModels.cs(3,", "ELSTM010", $"'{Path.Combine(models, "pipe.pt")}' reports no length");
        AssertError(build.Output, "BadModels.cs(4,", "ELSTM010", "is a symbolic link to '/dev/zero', which reports no length");
        AssertError(build.Output, "BadModels.cs(5,", "ELSTM001", $"is a directory ('{models}'), not a weight file");
        AssertError(build.Output, "BadModels.cs(6,", "ELSTM001", $"exists ('{outside}') but lies outside the project folder");
        AssertError(build.Output, "BadModels.cs(7,", "ELSTM010", $"more than the {limit.ToString("N0", CultureInfo.InvariantCulture)} that the build step converts");
        // Nothing was streamed into obj/: only small files (markers, and the models that fit).
        Assert.All(Directory.GetFiles(Path.Combine(app, "obj"), "*", SearchOption.AllDirectories), f => Assert.True(new FileInfo(f).Length < 20 << 20, f));
    }

    [Fact]
    public void AnELSTMErrorIsTheBuildsOnlyErrorAndTheUsersCodeStillCompiles()
    {
        // A missing weight file and an abstract model class, used the ways user code uses models: the build must say
        // ELSTM001 and ELSTM005 at the two attributes and nothing else, neither in generated files (CS errors inside a
        // .g.cs) nor in the user's code (the CS0117/CS1061 cascade of members that were never generated).
        string app = CreateUserProject("ErrorApp");
        File.WriteAllText(Path.Combine(app, "Program.cs"), """
            using EdgeLstm;

            var missing = new MissingModel();
            float[] input = new float[MissingModel.InputSize], output = new float[MissingModel.OutputSize];
            missing.Step(input, output);
            missing.Run(input, output);
            missing.Reset();
            var derived = new DerivedModel();
            derived.Run(new float[AbstractModel.InputSize], new float[AbstractModel.OutputSize]);
            System.Console.WriteLine($"{MissingModel.SelfTest()} {AbstractModel.SelfTest()} {Sizes<MissingModel>()}");

            static int Sizes<TModel>() where TModel : IStreamingModel, new() => TModel.InputSize + TModel.OutputSize;

            [RecurrentModel("models/missing.onnx")]
            public sealed partial class MissingModel;

            [RecurrentModel("models/machine.onnx")]
            public abstract partial class AbstractModel;

            public sealed class DerivedModel : AbstractModel;
            """);

        ProcessRunner.Result build = Build(app, "-v:q", expectSuccess: false);

        Assert.NotEqual(0, build.ExitCode);
        AssertError(build.Output, "Program.cs(14,", "ELSTM001", "'models/missing.onnx'");
        AssertError(build.Output, "Program.cs(17,", "ELSTM005", "abstract");
        string[] errors = Lines(build.Output, " error ").Select(line => line.Trim()).Distinct().ToArray();
        Assert.True(errors.All(line => line.Contains("error ELSTM001:", StringComparison.Ordinal) || line.Contains("error ELSTM005:", StringComparison.Ordinal)),
            "errors other than the two ELSTM ones:\n" + string.Join('\n', errors));
    }

    private string CreateUserProject(string name)
    {
        string app = Path.Combine(_package.Work, name);
        Directory.CreateDirectory(Path.Combine(app, "models"));
        Directory.CreateDirectory(Path.Combine(app, "Properties"));

        File.WriteAllText(Path.Combine(app, name + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="EdgeLstm" Version="{_package.Version}" />
              </ItemGroup>
            </Project>
            """);
        // HeadActivation = "none" states what the .pt files cannot say; without it ELSTM009 would fail this build
        // (TreatWarningsAsErrors).
        File.WriteAllText(Path.Combine(app, "Program.cs"), """
            using System.Globalization;
            using EdgeLstm;

            System.Console.WriteLine($"machine.onnx: {MachineModel.InputSize} {MachineModel.OutputSize}");
            System.Console.WriteLine($"gru.pt: {GruModel.InputSize} {GruModel.OutputSize}");
            System.Console.WriteLine($"rtneural.json: {JsonModel.InputSize} {JsonModel.OutputSize}");
            float[] output = new float[ReplacedModel.OutputSize];
            new ReplacedModel().Step(new[] { 0.5f, -0.25f }, output);
            System.Console.WriteLine($"replaced.pt: {output[0].ToString("R", CultureInfo.InvariantCulture)}");
            var machine = new MachineModel();
            machine.Step(new float[MachineModel.InputSize], new float[MachineModel.OutputSize]);
            System.Console.WriteLine($"user members: {MachineModel.Softmax()} {machine.CheckRows} {MachineModel.ThrowLength(2)} {MachineModel.VectorMath}");
            System.Console.WriteLine($"self-test: {(MachineModel.SelfTest() < 1e-4f ? "ok" : "FAILED")} {(GruModel.SelfTest() < 1e-4f ? "ok" : "FAILED")}");

            // Members named like the helpers generated code used to put into the class: they must neither clash with
            // the generated code nor change what it computes.
            [RecurrentModel("models/machine.onnx")]
            public sealed partial class MachineModel
            {
                public static string Softmax() => "softmax";
                public int CheckRows { get; } = 1;
                public static int ThrowLength(int value) => value;
                public static int VectorMath => 3;
            }

            [RecurrentModel("models/gru.pt", HeadActivation = "none")]
            public sealed partial class GruModel;

            [RecurrentModel("models/rtneural.json")]
            public sealed partial class JsonModel;

            [EdgeLstm.RecurrentModelAttribute(path: @"models/replaced.pt", HeadActivation = "none")]
            public sealed partial class ReplacedModel;
            """);
        File.Copy(RepositoryFiles.CaseFile("lstm_i3_h16_dense3", "model.onnx"), Path.Combine(app, "models", "machine.onnx"));
        File.Copy(RepositoryFiles.CaseFile("gru_i4_h32_l2_dense1", "model.pt"), Path.Combine(app, "models", "gru.pt"));
        File.Copy(Path.Combine(RepositoryFiles.Root, "tests", "EdgeLstm.Tests", "TestData", "RtNeural", "lstm_i3_h16_dense3.rtneural.json"),
            Path.Combine(app, "models", "rtneural.json"));
        File.Copy(Path.Combine(ReplacedData, "a", "model.pt"), Path.Combine(app, "models", "replaced.pt"));
        // Weight and JSON files that no attribute names sit in most projects; they must not disturb (or cost) the build.
        File.Copy(RepositoryFiles.CaseFile("lstm_i6_h64_l2", "model.onnx"), Path.Combine(app, "models", "unused.onnx"));
        File.WriteAllText(Path.Combine(app, "appsettings.json"), "{ \"Logging\": { } }");
        File.WriteAllText(Path.Combine(app, "Properties", "launchSettings.json"), "{ \"profiles\": { } }");
        return app;
    }

    private static string TextFolder(string app) => Path.Combine(app, "obj", "Debug", "net10.0", "edgelstm");

    /// <summary>No file under obj/ is named after <paramref name="name"/>, and the build step never mentioned it.</summary>
    private static void AssertNothingFor(string app, string name, string buildOutput)
    {
        Assert.DoesNotContain(Directory.GetFiles(Path.Combine(app, "obj"), "*", SearchOption.AllDirectories),
            f => Path.GetFileName(f).Contains(name, StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(Lines(buildOutput, "EdgeLstm:"), line => line.Contains(name, StringComparison.OrdinalIgnoreCase));
        long total = Directory.GetFiles(TextFolder(app)).Sum(f => new FileInfo(f).Length);
        Assert.True(total < 1 << 20, $"obj/edgelstm holds {total} bytes");
    }

    private static void AssertError(string output, string where, string id, string text)
        => Assert.Contains(Lines(output, $"error {id}:"), line => line.Contains(where, StringComparison.Ordinal) && line.Contains(text, StringComparison.Ordinal));

    private static double Expected(string which)
    {
        using JsonDocument expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(ReplacedData, "expected.json")));
        return expected.RootElement.GetProperty(which).GetDouble();
    }

    /// <summary>float32 kernels against PyTorch's float32: the repository's tolerance for generated code.</summary>
    private static void AssertOutput(double expected, string printed)
    {
        double actual = double.Parse(printed, CultureInfo.InvariantCulture);
        Assert.True(Math.Abs(actual - expected) <= 1e-5, $"{actual} vs PyTorch's {expected}");
    }

    private ProcessRunner.Result Build(string app, string verbosity, bool expectSuccess = true, TimeSpan? timeout = null)
    {
        ProcessRunner.Result result = Dotnet(app, timeout ?? TimeSpan.FromMinutes(10), "build", verbosity);
        if (expectSuccess) AssertSucceeded(result);
        return result;
    }

    private RunOutput Run(string app)
    {
        ProcessRunner.Result run = Dotnet(app, TimeSpan.FromMinutes(2), Path.Combine("bin", "Debug", "net10.0", Path.GetFileName(app) + ".dll"));
        AssertSucceeded(run);
        return new RunOutput(run.Output);
    }

    private ProcessRunner.Result Dotnet(string directory, TimeSpan timeout, params string[] arguments)
    {
        ProcessRunner.Result result = ProcessRunner.Run("dotnet", arguments, directory, timeout, environment: _package.Environment);
        _output.WriteLine($"dotnet {string.Join(' ', arguments)}: exit {result.ExitCode} in {result.Elapsed.TotalSeconds:F1} s");
        return result;
    }

    private static void AssertSucceeded(ProcessRunner.Result result)
        => Assert.True(result.ExitCode == 0, $"exit code {result.ExitCode}:\n{Tail(result.Output)}");

    private static string Tail(string output) => string.Join('\n', output.Split('\n').TakeLast(80));

    private static int Count(string text, string value) => Regex.Matches(text, Regex.Escape(value)).Count;

    private static string[] Lines(string text, string containing)
        => text.Split('\n').Where(line => line.Contains(containing, StringComparison.Ordinal)).ToArray();

    /// <summary>The "name: value" lines the user app prints.</summary>
    private sealed class RunOutput
    {
        private readonly Dictionary<string, string> _values;

        public RunOutput(string output)
            => _values = output.Split('\n').Select(l => l.Trim()).Where(l => l.Contains(": ", StringComparison.Ordinal))
                .ToDictionary(l => l[..l.IndexOf(": ", StringComparison.Ordinal)], l => l[(l.IndexOf(": ", StringComparison.Ordinal) + 2)..]);

        public string this[string name] => _values[name];
    }

    /// <summary>The EdgeLstm package, packed once for the class under a version no cache has seen, in a folder of its own.</summary>
    public sealed class PackedPackage : IDisposable
    {
        private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("edgelstm-package-test-");

        public PackedPackage()
        {
            Version = $"0.0.0-e2e.{DateTime.UtcNow:yyyyMMddHHmmss}.{System.Environment.ProcessId}";
            string packages = Path.Combine(Work, "packages");
            Environment = new Dictionary<string, string>
            {
                ["NUGET_PACKAGES"] = Path.Combine(Work, "nuget-cache"),
                ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
                ["DOTNET_NOLOGO"] = "1",
                ["MSBUILDDISABLENODEREUSE"] = "1",
            };

            ProcessRunner.Result pack = ProcessRunner.Run("dotnet",
                // --artifacts-path keeps this build's bin/ and obj/ (a generator of version 0.0.0.0) out of the repository's,
                // which the other tests and the next incremental build use.
                new[] { "pack", Path.Combine(RepositoryFiles.Root, "src", "EdgeLstm", "EdgeLstm.csproj"), "-c", "Release", "-o", packages, $"-p:Version={Version}",
                        "--artifacts-path", Path.Combine(Work, "artifacts") },
                RepositoryFiles.Root, TimeSpan.FromMinutes(10), environment: Environment);
            Assert.True(pack.ExitCode == 0, pack.Output);
            AssertLayout(Path.Combine(packages, $"EdgeLstm.{Version}.nupkg"));

            File.WriteAllText(Path.Combine(Work, "nuget.config"), $"""
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
            File.WriteAllText(Path.Combine(Work, "Directory.Build.props"), "<Project />");
            File.WriteAllText(Path.Combine(Work, "Directory.Build.targets"), "<Project />");
        }

        public string Version { get; }

        public string Work => _work.FullName;

        public IReadOnlyDictionary<string, string> Environment { get; }

        private static void AssertLayout(string package)
        {
            using ZipArchive zip = ZipFile.OpenRead(package);
            string[] entries = zip.Entries.Select(e => e.FullName).ToArray();
            Assert.Contains("lib/net10.0/EdgeLstm.dll", entries);
            Assert.Contains("analyzers/dotnet/cs/EdgeLstm.Generator.dll", entries);
            foreach (string folder in new[] { "build", "buildTransitive" })
            {
                Assert.Contains($"{folder}/EdgeLstm.props", entries);
                Assert.Contains($"{folder}/EdgeLstm.targets", entries);
                Assert.Contains($"{folder}/EdgeLstmPrepareModelFiles.cs", entries);
            }
            // The generator is an analyzer, not a library the user's code could reference.
            Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal) && e.EndsWith("EdgeLstm.Generator.dll", StringComparison.Ordinal));
        }

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
}
