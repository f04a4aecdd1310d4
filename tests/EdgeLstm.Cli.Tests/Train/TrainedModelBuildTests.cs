using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using EdgeLstm.Cli.Csv;
using EdgeLstm.Cli.Tests.Infrastructure;
using EdgeLstm.Testing;
using Xunit;

namespace EdgeLstm.Cli.Tests.Train;

/// <summary>
/// From a CSV of normal operation to running generated code, without Python: `train`, `new`, `dotnet build` against
/// the packed EdgeLstm package, then the generated model's outputs on later rows against the reference implementation
/// running the same file. Slow (a pack and a build), so it carries the Package trait like the other package builds.
/// One LSTM: the trainer's GRU and RNN files are checked against ReferenceModel in tests/EdgeLstm.Training.Tests, and
/// the generated code of every cell against the reference by the golden-case conformance suites.
/// </summary>
[Trait("Category", "Package")]
public sealed class TrainedModelBuildTests(Xunit.Abstractions.ITestOutputHelper log)
{
    [Fact]
    public void AFreshlyTrainedModelBuildsAndItsGeneratedCodeMatchesTheReference()
    {
        string root = RepositoryFiles.Root;
        using var temp = new TempDirectory();
        string packages = Directory.CreateDirectory(temp.File("packages")).FullName;
        string version = "0.0.0-traintest." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);
        TimeSpan limit = TimeSpan.FromMinutes(5);
        try
        {
            string model = temp.File("machine.safetensors");
            CliResult train = Tool.Run("train", "--input", NabFile.Path, "--rows", "1000", "--hidden", "16", "--layers", "2",
                "--epochs", "40", "--learning-rate", "0.01", "--out", model);
            Assert.True(train.ExitCode == 0, train.ToString());

            var pack = ProcessRunner.Run("dotnet",
                // Its own artifacts folder: a pack under another version must not overwrite the repository's bin/ and obj/.
                new[] { "pack", Path.Combine(root, "src", "EdgeLstm"), "-o", packages, $"-p:Version={version}", "--nologo",
                        "--artifacts-path", temp.File("artifacts") }, root, limit);
            Assert.True(pack.ExitCode == 0, pack.Output);
            string project = temp.File("monitor");
            CliResult scaffold = Tool.Run("new", project, "--model", model, "--package-source", packages);
            Assert.True(scaffold.ExitCode == 0, scaffold.ToString());
            var build = ProcessRunner.Run("dotnet", new[] { "build", project, $"-p:EdgeLstmVersion={version}", "--nologo" }, project, limit);
            Assert.True(build.ExitCode == 0, build.Output);

            // Rows the model never saw, raw as the sensor gives them: the generated code standardises them itself.
            float[] rows = NabFile.Values().Skip(1000).Take(500).Select(v => (float)v).ToArray();
            var input = new StringBuilder("value\n");
            foreach (float v in rows) input.AppendLine(v.ToString("R", CultureInfo.InvariantCulture));
            var run = ProcessRunner.Run("dotnet", new[] { Path.Combine(project, "bin", "Debug", "net10.0", "Monitor.dll") }, project, limit, input.ToString());
            Assert.True(run.ExitCode == 0, run.Output);
            Assert.Contains("self-test:", run.Output);

            string csv = string.Join("\n", run.Output.Split('\n').Where(l => !l.StartsWith("self-test:", StringComparison.Ordinal)));
            CsvMatrix generated = CsvMatrix.Parse(new StringReader(csv), "stdout");
            float[] expected = new float[rows.Length];
            ReferenceModel.Load(model).Run(rows, expected);
            Assert.Equal(rows.Length, generated.Rows);
            double worst = Enumerable.Range(0, rows.Length).Max(i => Math.Abs(generated.Values[i] - expected[i]));
            log.WriteLine($"largest |generated - reference| over {rows.Length} rows: {worst:E2}; largest |output| {expected.Max(Math.Abs):G4}");
            Assert.True(worst <= 1e-5, $"generated code differs from the reference by up to {worst:E2}");
            Assert.True(expected.Max(Math.Abs) > 0.5, "the outputs are all small; the comparison would prove little");
        }
        finally
        {
            string cached = Path.Combine(Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"), "edgelstm", version);
            if (Directory.Exists(cached)) Directory.Delete(cached, recursive: true);
        }
    }
}
