extern alias hostile;

using System;
using System.Diagnostics;
using System.Linq;
using System.Text;
using hostile::EdgeLstm.HostileFiles;
using Microsoft.CodeAnalysis;
using Xunit;
using Xunit.Abstractions;

namespace EdgeLstm.Generator.Tests.Pipeline;

/// <summary>
/// Every hostile weight file of issue 13, named by an attribute, ends in an ELSTM error at the attribute: no exception
/// (CS8785), no internal error (ELSTM008), a message under 4,000 characters, and the generator's allocations bounded
/// by the same budget as the importers' (everything the generator allocates while it runs, which bounds its peak).
/// </summary>
[Trait("Category", "Hostile")]
public sealed class HostileFileGeneratorTests
{
    private readonly ITestOutputHelper _output;

    public HostileFileGeneratorTests(ITestOutputHelper output) => _output = output;

    public static TheoryData<string> Names() => new(HostileCatalog.All.Where(f => f.Special == SpecialFile.None).Select(f => f.Name));

    [Theory]
    [MemberData(nameof(Names))]
    public void EndsInAnErrorAtTheAttributeWithinTheBudget(string name)
    {
        HostileFile file = HostileCatalog.Get(name);
        byte[] content = file.Build!();
        string relative = "models/" + name;
        var harness = new GeneratorHarness();
        if (name.EndsWith(".json", StringComparison.Ordinal))
        {
            harness.AddJsonModel(relative, Encoding.UTF8.GetString(content));
        }
        else
        {
            harness.AddWeightFile(relative, content);
        }
        string source = $"using EdgeLstm;\n[RecurrentModel(\"{relative}\")]\npublic sealed partial class HostileModel;\n";
        harness.Compilation(source); // the framework references load once, outside the measurement

        long before = GC.GetAllocatedBytesForCurrentThread();
        var stopwatch = Stopwatch.StartNew();
        GeneratorRun run = harness.Run(source);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Diagnostic diagnostic = Assert.Single(run.Diagnostics);
        string message = diagnostic.GetMessage();
        _output.WriteLine($"{name}: {diagnostic.Id} in {stopwatch.Elapsed.TotalSeconds:F2} s, {allocated / 1048576.0:F0} MiB allocated: {(message.Length <= 600 ? message : message.Substring(0, 600) + "…")}");
        Assert.Null(run.Result.Exception);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.True(diagnostic.Id is "ELSTM002" or "ELSTM003", $"{diagnostic.Id}: {message}");
        Assert.True(file.IsRefusedBy(message), $"{name}: expected the refusal to say \"{file.Refusal}\"");
        Assert.True(message.Length < 4000, $"a message of {message.Length} characters");
        // 8·A for the import (README's bound) plus the file itself decoded from base64, counted generously as
        // everything allocated rather than what is live at once: A = max(file, 16,000,000 bytes).
        long allowance = Math.Max(content.Length, 16_000_000);
        Assert.True(allocated < 16 * allowance, $"{allocated:N0} bytes allocated; A = {allowance:N0}");
    }
}
