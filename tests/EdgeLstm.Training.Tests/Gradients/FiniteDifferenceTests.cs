using System;
using System.Collections.Generic;
using System.Linq;
using EdgeLstm.Model;
using EdgeLstm.Training.Data;
using EdgeLstm.Training.Network;
using EdgeLstm.Training.Numerics;
using Xunit;

namespace EdgeLstm.Training.Tests.Gradients;

/// <summary>
/// Backpropagation against the forward pass itself: for a sample of parameter elements, the central difference
/// (L(p + ε) - L(p - ε)) / 2ε of the loss must equal the analytic gradient. Independent of PyTorch, and run on networks
/// larger and deeper than the fixture's (three layers, longer windows), where a missing term in the recurrence would
/// show.
/// </summary>
public sealed class FiniteDifferenceTests
{
    private const double Epsilon = 1e-5;

    // Central differences err by O(ε²)·L''' ≈ 1e-10 and by rounding ≈ 1e-16 / ε ≈ 1e-11, far below the tolerance.
    private const double Tolerance = 1e-6;

    private const int SamplesPerParameter = 6;

    public static TheoryData<string> FixtureCases() => new(GradientFixture.Names().Select(n => (string)n[0]));

    [Theory]
    [MemberData(nameof(FixtureCases))]
    public void PyTorchFixtureNetworks(string name)
    {
        GradientFixture fixture = GradientFixture.Get(name);
        AssertGradientsMatchDifferences(fixture.CreateNetwork(), fixture.CreateBatch(), name);
    }

    [Theory]
    [InlineData(CellKind.Lstm, ActivationKind.Tanh)]
    [InlineData(CellKind.Gru, ActivationKind.Tanh)]
    [InlineData(CellKind.Rnn, ActivationKind.Tanh)]
    [InlineData(CellKind.Rnn, ActivationKind.Relu)]
    public void ThreeLayerNetworksOverLongerWindows(CellKind cell, ActivationKind nonlinearity)
    {
        var shape = new NetworkShape(cell, Inputs: 4, Hidden: 6, Layers: 3, Outputs: 2, nonlinearity);
        ParameterSet parameters = ParameterSet.Create(shape);
        var random = new SplitMix64(42);
        PyTorchInitialization.Initialize(parameters, shape, random);
        var batch = new TrainingBatch(steps: 12, capacity: 3, shape.Inputs, shape.Outputs) { Size = 3 };
        for (int i = 0; i < batch.Inputs.Length; i++) batch.Inputs[i] = random.NextNormal();
        for (int i = 0; i < batch.Targets.Length; i++) batch.Targets[i] = random.NextNormal();

        AssertGradientsMatchDifferences(new RecurrentNetwork(shape, parameters), batch, $"{cell} {nonlinearity} 3 layers");
    }

    private static void AssertGradientsMatchDifferences(RecurrentNetwork network, TrainingBatch batch, string name)
    {
        network.LossAndGradients(batch);
        double scale = network.Parameters.All.Max(p => p.Gradient.Max(Math.Abs));
        var analytic = network.Parameters.All.ToDictionary(p => p.Name, p => (double[])p.Gradient.Clone());
        var random = new SplitMix64(7);
        var failures = new List<string>();
        int checkedElements = 0;
        foreach (Parameter parameter in network.Parameters.All)
        {
            foreach (int index in Sample(parameter.Length, random))
            {
                double original = parameter.Values[index];
                parameter.Values[index] = original + Epsilon;
                double plus = network.Loss(batch);
                parameter.Values[index] = original - Epsilon;
                double minus = network.Loss(batch);
                parameter.Values[index] = original;

                double difference = (plus - minus) / (2 * Epsilon);
                double gradient = analytic[parameter.Name][index];
                if (Math.Abs(difference - gradient) > Tolerance * Math.Max(scale, 1e-3))
                {
                    failures.Add($"{parameter.Name}[{index}]: backprop {gradient:E6}, finite difference {difference:E6}");
                }
                checkedElements++;
            }
        }
        Assert.True(failures.Count == 0, $"{name}: {failures.Count} of {checkedElements} elements differ:\n" + string.Join("\n", failures));
        Assert.True(checkedElements >= network.Parameters.All.Count * 2, $"{name}: only {checkedElements} elements checked");
    }

    // Every element of a small tensor, otherwise a seeded sample of them.
    private static IEnumerable<int> Sample(int length, SplitMix64 random)
        => length <= SamplesPerParameter
            ? Enumerable.Range(0, length)
            : Enumerable.Range(0, SamplesPerParameter).Select(_ => random.NextInt(length)).Distinct();
}
