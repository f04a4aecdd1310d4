using System;
using System.IO;
using System.Linq;
using EdgeLstm.HostileFiles;
using Xunit;

namespace EdgeLstm.Tests.Hostile;

/// <summary>
/// The other half of the memory bound: legitimate files of a model at the default size limit (3,925,600 parameters)
/// in every format load within 8·A of managed heap, A = max(file, 16,000,000 bytes). Budgets that refused these would
/// be useless; budgets that needed more memory for them would not be a bound.
/// </summary>
[Trait("Category", "Hostile")]
[Collection(HostileFileCollection.Name)]
public sealed class LargeModelBoundTests
{
    private readonly HostileFileDirectory _files;

    public LargeModelBoundTests(HostileFileDirectory files) => _files = files;

    public static TheoryData<string> Names() => new(LargeModelFiles.All.Select(f => f.Name));

    [Theory]
    [MemberData(nameof(Names))]
    public void LoadsWithinEightTimesTheAllowance(string name)
    {
        string path = _files.PathOf(name, LargeModelFiles.All.Single(f => f.Name == name).Build);
        long allowance = Math.Max(new FileInfo(path).Length, 16_000_000);

        LoadProbeProcess.Result result = LoadProbeProcess.Load(path, 8 * allowance, TimeSpan.FromSeconds(60));

        Assert.True(result.Outcome == "loaded", result.ToString());
        Assert.Equal($"{LargeModelFiles.Input} inputs, {LargeModelFiles.Hidden} outputs", result.Message);
    }
}
