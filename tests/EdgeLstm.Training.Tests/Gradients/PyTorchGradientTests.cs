using System;
using System.Linq;
using EdgeLstm.Training.Network;
using Xunit;

namespace EdgeLstm.Training.Tests.Gradients;

/// <summary>
/// Backpropagation through time against PyTorch's autograd: the same parameters, inputs and targets give the same
/// MSE loss and the same gradient for every element of every parameter (both in float64).
/// </summary>
public sealed class PyTorchGradientTests
{
    // Both sides compute in float64 with the same equations; what is left is summation order (about 1e-15 relative).
    private const double Tolerance = 1e-9;

    public static TheoryData<string> Cases() => new(GradientFixture.Names().Select(n => (string)n[0]));

    [Theory]
    [MemberData(nameof(Cases))]
    public void LossMatchesPyTorch(string name)
    {
        GradientFixture fixture = GradientFixture.Get(name);
        RecurrentNetwork network = fixture.CreateNetwork();

        double loss = network.Loss(fixture.CreateBatch());

        Assert.True(Math.Abs(loss - fixture.Loss) <= Tolerance * Math.Abs(fixture.Loss), $"{name}: loss {loss:R}, PyTorch {fixture.Loss:R}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void EveryGradientMatchesPyTorch(string name)
    {
        GradientFixture fixture = GradientFixture.Get(name);
        RecurrentNetwork network = fixture.CreateNetwork();

        double loss = network.LossAndGradients(fixture.CreateBatch());

        Assert.True(Math.Abs(loss - fixture.Loss) <= Tolerance * Math.Abs(fixture.Loss), $"{name}: loss {loss:R}, PyTorch {fixture.Loss:R}");
        Assert.Equal(fixture.Gradients.Keys.OrderBy(k => k), network.Parameters.All.Select(p => p.Name).OrderBy(k => k));
        foreach (Parameter parameter in network.Parameters.All)
        {
            double[] expected = fixture.Gradients[parameter.Name];
            // Relative to the tensor's largest gradient, so that an element that is nearly zero is judged on the tensor's scale.
            double scale = expected.Max(Math.Abs);
            Assert.True(scale > 0, $"{name}: PyTorch's gradient of {parameter.Name} is all zeros; the case checks nothing there");
            for (int i = 0; i < expected.Length; i++)
            {
                double error = Math.Abs(parameter.Gradient[i] - expected[i]);
                Assert.True(error <= Tolerance * scale,
                    $"{name}: {parameter.Name}[{i}] = {parameter.Gradient[i]:R}, PyTorch {expected[i]:R} (error {error:E2}, tensor scale {scale:E2})");
            }
        }
    }
}
