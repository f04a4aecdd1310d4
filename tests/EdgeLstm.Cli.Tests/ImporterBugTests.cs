using System;
using EdgeLstm.Cli.Tests.Infrastructure;
using EdgeLstm.Import;
using EdgeLstm.Testing;
using Xunit;

namespace EdgeLstm.Cli.Tests;

/// <summary>An exception a bug in an importer throws is reported as a bug (exit 3), never as the user's bad file (exit 2).</summary>
public sealed class ImporterBugTests
{
    [Fact]
    public void EveryCommandReportsAnImporterBugAsABugWithExitCode3()
    {
        GoldenCase golden = GoldenCase.Load("lstm_i3_h16_dense3");
        using var temp = new TempDirectory();
        string input = CaseFiles.WriteCsv(temp.File("in.csv"), new double[] { 1, 2, 3 }, 3);
        string model = golden.AnyModel;
        string[][] commands =
        {
            new[] { "inspect", model },
            new[] { "validate", model, "--input", input },
            new[] { "convert", model, "--to", "json", temp.File("out.json") },
            new[] { "new", temp.File("proj"), "--model", model },
            new[] { "calibrate", model, "--input", input, "--out", temp.File("cal.json") },
        };

        using (ImporterFaultInjection.Inject(_ => new IndexOutOfRangeException("Index was outside the bounds of the array.")))
        {
            foreach (string[] args in commands)
            {
                CliResult result = Tool.Run(args);

                Assert.True(result.ExitCode == 3, $"{string.Join(" ", args)}\n{result}");
                Assert.Contains("IndexOutOfRangeException: Index was outside the bounds of the array.", result.Error);
                Assert.Contains("This is a bug in EdgeLstm", result.Error);
                Assert.DoesNotContain("   at ", result.Error);
            }
        }

        // Without the injected fault the same commands succeed, so it was the fault that made them exit with 3.
        Assert.Equal(0, Tool.Run("inspect", model).ExitCode);
    }
}
