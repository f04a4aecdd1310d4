using System;
using System.Linq;
using EdgeLstm.Import;
using EdgeLstm.Model;
using Xunit;

namespace EdgeLstm.Tests.Onnx;

/// <summary>
/// Weight placement: every gate block (and every dense row) of the imported model has the first value and sum that the
/// onnx Python package reads from the same file (OnnxWeightFixture, cut by the ONNX spec's gate order). A mixed-up gate,
/// a swapped bias half, an untransposed MatMul weight or a peephole in the wrong slot changes them.
/// </summary>
public sealed class OnnxGateOrderTests
{
    public static TheoryData<int> Entries()
    {
        var data = new TheoryData<int>();
        for (int i = 0; i < OnnxWeightFixture.All.Length; i++) data.Add(i);
        return data;
    }

    [Fact]
    public void TheFixtureCoversEveryTensorKind()
    {
        string[] kinds = OnnxWeightFixture.All.Select(e => e.Tensor).Distinct().ToArray();
        Assert.Equal(new[] { "DenseBias", "DenseWeights", "InputBias", "InputWeights", "Peepholes", "RecurrentBias", "RecurrentWeights" }, kinds.OrderBy(k => k, StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Entries))]
    public void BlocksMatchTheOnnxFile(int index)
    {
        ExpectedBlocks expected = OnnxWeightFixture.All[index];
        NetworkModel model = ModelImporter.Load(OnnxCases.Model(expected.Case), expected.Case);
        float[] tensor = Select(model.Layers[expected.Layer], expected.Direction, expected.Tensor);

        int blocks = expected.First.Length;
        Assert.Equal(0, tensor.Length % blocks);
        int size = tensor.Length / blocks;
        for (int k = 0; k < blocks; k++)
        {
            Assert.Equal(expected.First[k], tensor[k * size]);
            double sum = 0;
            for (int i = 0; i < size; i++) sum += tensor[k * size + i];
            Assert.True(Math.Abs(sum - expected.Sum[k]) <= 1e-9 * (size + Math.Abs(expected.Sum[k])) + 1e-12,
                $"{expected.Case} layer {expected.Layer} {expected.Tensor} block {k}: sum {sum:R}, expected {expected.Sum[k]:R}");
        }
    }

    private static float[] Select(Layer layer, int direction, string tensor) => tensor switch
    {
        "DenseWeights" => ((DenseLayer)layer).Weights.AsArray(),
        "DenseBias" => ((DenseLayer)layer).Bias.AsArray(),
        "InputWeights" => ((RecurrentLayer)layer).Directions[direction].InputWeights.AsArray(),
        "RecurrentWeights" => ((RecurrentLayer)layer).Directions[direction].RecurrentWeights.AsArray(),
        "InputBias" => ((RecurrentLayer)layer).Directions[direction].InputBias.AsArray(),
        "RecurrentBias" => ((RecurrentLayer)layer).Directions[direction].RecurrentBias.AsArray(),
        "Peepholes" => ((RecurrentLayer)layer).Directions[direction].Peepholes.AsArray(),
        _ => throw new ArgumentException(tensor),
    };
}
