using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using EdgeLstm.Model;
using EdgeLstm.Training.Network;
using EdgeLstm.Training.Optimization;
using EdgeLstm.Training.Tests.Support;
using Xunit;

namespace EdgeLstm.Training.Tests.Training;

/// <summary>Adam and global-norm clipping against torch.optim.Adam and clip_grad_norm_ (Fixtures/optimizer.json).</summary>
public sealed class OptimizerTests
{
    [Fact]
    public void ClippingAndAdamStepsMatchPyTorch()
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(TestFiles.Fixture("optimizer.json")));
        JsonElement root = document.RootElement;
        var shape = new NetworkShape(CellKind.Rnn, 1, 1, 1, 1);
        ParameterSet parameters = ParameterSet.Create(shape);
        foreach (JsonProperty start in root.GetProperty("start").EnumerateObject())
        {
            parameters[start.Name].Values[0] = start.Value[0].GetDouble();
        }
        var adam = new AdamOptimizer(parameters, root.GetProperty("learning_rate").GetDouble());
        double clip = root.GetProperty("clip").GetDouble();

        int step = 0, clipped = 0;
        foreach (JsonElement expected in root.GetProperty("steps").EnumerateArray())
        {
            step++;
            foreach (JsonProperty gradient in expected.GetProperty("gradients").EnumerateObject())
            {
                parameters[gradient.Name].Gradient[0] = gradient.Value[0].GetDouble();
            }

            double norm = GradientClipping.ClipGlobalNorm(parameters, clip);
            adam.Step();

            double torchNorm = expected.GetProperty("norm").GetDouble();
            Assert.True(Math.Abs(norm - torchNorm) <= 1e-12 * torchNorm, $"step {step}: norm {norm:R}, PyTorch {torchNorm:R}");
            if (torchNorm > clip) clipped++;
            foreach (JsonProperty value in expected.GetProperty("values").EnumerateObject())
            {
                double ours = parameters[value.Name].Values[0], torch = value.Value[0].GetDouble();
                Assert.True(Math.Abs(ours - torch) <= 1e-12 * Math.Max(1.0, Math.Abs(torch)), $"step {step}: {value.Name} = {ours:R}, PyTorch {torch:R}");
            }
        }
        Assert.True(clipped >= 2 && clipped < step, $"the fixture should clip some steps and not others; it clipped {clipped} of {step}");
    }
}
