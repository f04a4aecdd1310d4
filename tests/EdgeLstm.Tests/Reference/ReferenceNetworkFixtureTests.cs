using System;
using System.Linq;
using EdgeLstm.Reference;
using Xunit;
using Xunit.Abstractions;

namespace EdgeLstm.Tests.Reference;

/// <summary>ReferenceNetwork against hand-built models whose outputs PyTorch, NumPy or ONNX Runtime computed (no importer involved).</summary>
public sealed class ReferenceNetworkFixtureTests
{
    private readonly ITestOutputHelper _output;

    public ReferenceNetworkFixtureTests(ITestOutputHelper output) => _output = output;

    public static TheoryData<string> AllFixtures => new(ReferenceFixture.Names);

    public static TheoryData<string> StreamingFixtures => new(ReferenceFixture.Names.Where(n => ReferenceFixture.Get(n).Model.IsStreaming));

    public static TheoryData<string> WholeWindowFixtures => new(ReferenceFixture.Names.Where(n => !ReferenceFixture.Get(n).Model.IsStreaming));

    [Theory]
    [MemberData(nameof(AllFixtures))]
    public void Run_MatchesOracle(string name)
    {
        ReferenceFixture fixture = ReferenceFixture.Get(name);
        var network = new ReferenceNetwork(fixture.Model);
        double[] actual = new double[fixture.Output.Length];

        network.Run(fixture.Input, actual, fixture.Steps);

        double error = Tolerance.AssertClose(fixture.Output, actual, fixture.AllowedError, $"{name} ({fixture.Source})", network.OutputSize);
        _output.WriteLine($"{name}: max error {error:E3} against {fixture.Source}");
    }

    [Theory]
    [MemberData(nameof(StreamingFixtures))]
    public void Step_RowByRow_MatchesOracle(string name)
    {
        ReferenceFixture fixture = ReferenceFixture.Get(name);
        var network = new ReferenceNetwork(fixture.Model);
        double[] actual = StepThrough(network, fixture.Input, fixture.Steps);

        Tolerance.AssertClose(fixture.Output, actual, fixture.AllowedError, name + " via Step", network.OutputSize);
    }

    [Theory]
    [MemberData(nameof(StreamingFixtures))]
    public void Run_InTwoHalves_ContinuesTheState(string name)
    {
        ReferenceFixture fixture = ReferenceFixture.Get(name);
        var network = new ReferenceNetwork(fixture.Model);
        int first = fixture.Steps / 2, second = fixture.Steps - first;
        double[] a = new double[first * network.OutputSize], b = new double[second * network.OutputSize];

        network.Run(fixture.Input.Take(first * network.InputSize).ToArray(), a, first);
        network.Run(fixture.Input.Skip(first * network.InputSize).ToArray(), b, second);

        Tolerance.AssertClose(fixture.Output, a.Concat(b).ToArray(), fixture.AllowedError, name + " in two halves", network.OutputSize);
    }

    [Theory]
    [MemberData(nameof(StreamingFixtures))]
    public void Reset_ReturnsToTheZeroState(string name)
    {
        ReferenceFixture fixture = ReferenceFixture.Get(name);
        var network = new ReferenceNetwork(fixture.Model);
        double[] actual = new double[fixture.Output.Length];
        network.Run(fixture.Input, actual, fixture.Steps);

        network.Reset();
        network.Run(fixture.Input, actual, fixture.Steps);

        Tolerance.AssertClose(fixture.Output, actual, fixture.AllowedError, name + " after Reset", network.OutputSize);
    }

    [Theory]
    [MemberData(nameof(WholeWindowFixtures))]
    public void Run_OnWholeWindowModel_StartsEveryCallFromZero(string name)
    {
        ReferenceFixture fixture = ReferenceFixture.Get(name);
        var network = new ReferenceNetwork(fixture.Model);
        double[] actual = new double[fixture.Output.Length];

        network.Run(fixture.Input, actual, fixture.Steps);
        network.Run(fixture.Input, actual, fixture.Steps);

        Tolerance.AssertClose(fixture.Output, actual, fixture.AllowedError, name + " second window", network.OutputSize);
    }

    [Theory]
    [MemberData(nameof(WholeWindowFixtures))]
    public void Step_OnWholeWindowModel_Throws(string name)
    {
        var network = new ReferenceNetwork(ReferenceFixture.Get(name).Model);

        var e = Assert.Throws<InvalidOperationException>(() => network.Step(new double[network.InputSize], new double[network.OutputSize]));
        Assert.Contains("whole window", e.Message, StringComparison.Ordinal);
    }

    internal static double[] StepThrough(ReferenceNetwork network, double[] inputs, int steps)
    {
        double[] outputs = new double[steps * network.OutputSize];
        double[] input = new double[network.InputSize], output = new double[network.OutputSize];
        for (int t = 0; t < steps; t++)
        {
            Array.Copy(inputs, t * input.Length, input, 0, input.Length);
            network.Step(input, output);
            Array.Copy(output, 0, outputs, t * output.Length, output.Length);
        }
        return outputs;
    }
}
