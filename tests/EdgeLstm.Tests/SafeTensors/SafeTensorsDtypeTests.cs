using System.Linq;
using System.Collections.Generic;
using System.Text.Json;
using EdgeLstm.Import.SafeTensors;
using EdgeLstm.Import.StateDict;
using EdgeLstm.Model;
using Xunit;

namespace EdgeLstm.Tests.SafeTensors;

/// <summary>
/// F16, BF16 and F64 files written by make_fixtures.py: the importer must widen (or, for F64, round) every element to
/// exactly the float32 value torch computes, including a float16 subnormal and a negative zero.
/// </summary>
public sealed class SafeTensorsDtypeTests
{
    [Theory]
    [InlineData("f16")]
    [InlineData("bf16")]
    [InlineData("f64")]
    public void ElementsWidenToTorchsFloat32Values(string dtype)
    {
        NetworkModel model = SafeTensorsImporter.Import(StateDictTestData.ReadFixture($"tiny_lstm_{dtype}.safetensors"), $"tiny_lstm_{dtype}.safetensors");

        DtypeExpectations.AssertTinyLstm(model, StateDictTestData.ReadFixtureJson("dtype_expected.json").GetProperty(dtype));
    }

    [Fact]
    public void Float64NormalisationMetadataBecomesInputNormalization()
    {
        NetworkModel model = SafeTensorsImporter.Import(StateDictTestData.ReadFixture("tiny_lstm_f64.safetensors"), "tiny.safetensors");

        Assert.NotNull(model.Normalization);
        Assert.Equal(new[] { 0.5f, -1.25f }, model.Normalization!.Mean.ToArray());
        Assert.Equal(new[] { 2.0f, 0.75f }, model.Normalization.Std.ToArray());
    }

    [Theory]
    [InlineData((ushort)0x0000, 0f)]
    [InlineData((ushort)0x3C00, 1f)]
    [InlineData((ushort)0xC000, -2f)]
    [InlineData((ushort)0x7BFF, 65504f)]
    [InlineData((ushort)0x0001, 5.9604645e-8f)]
    [InlineData((ushort)0x03FF, 6.097555e-5f)]
    [InlineData((ushort)0x0400, 6.1035156e-5f)]
    [InlineData((ushort)0x8001, -5.9604645e-8f)]
    public void HalfConversionMatchesIeee754(ushort bits, float expected)
    {
        Assert.Equal(expected, TensorDecoderProbe.Half(bits));
        Assert.Equal((float)System.BitConverter.UInt16BitsToHalf(bits), TensorDecoderProbe.Half(bits));
    }

    [Fact]
    public void HalfConversionAgreesWithSystemHalfOnEveryFiniteValue()
    {
        for (int bits = 0; bits <= 0xFFFF; bits++)
        {
            float expected = (float)System.BitConverter.UInt16BitsToHalf((ushort)bits);
            if (!float.IsFinite(expected)) continue;
            float actual = TensorDecoderProbe.Half((ushort)bits);
            Assert.True(System.BitConverter.SingleToInt32Bits(expected) == System.BitConverter.SingleToInt32Bits(actual), $"0x{bits:x4}");
        }
    }

    [Fact]
    public void InfiniteHalfIsRefusedAsANonFiniteWeight()
    {
        var e = Assert.ThrowsAny<ModelFormatException>(() => TensorDecoderProbe.Half(0x7C00));
        Assert.Contains("must be finite", e.Message);
    }
}

/// <summary>
/// Reaches the half conversion the way users do: a one-unit RNN whose two weights are the probed float16 value.
/// Only finite values can be probed, since the model validator refuses non-finite weights.
/// </summary>
internal static class TensorDecoderProbe
{
    public static float Half(ushort bits)
    {
        // Both tensors hold the same value, each in bytes of its own (tensors may not share data).
        string header = "{\"rnn.weight_ih_l0\":{\"dtype\":\"F16\",\"shape\":[1,1],\"data_offsets\":[0,2]}," +
                        "\"rnn.weight_hh_l0\":{\"dtype\":\"F16\",\"shape\":[1,1],\"data_offsets\":[2,4]}}";
        byte[] json = System.Text.Encoding.UTF8.GetBytes(header);
        var bytes = new List<byte>(System.BitConverter.GetBytes((ulong)json.Length));
        bytes.AddRange(json);
        bytes.Add((byte)bits);
        bytes.Add((byte)(bits >> 8));
        bytes.Add((byte)bits);
        bytes.Add((byte)(bits >> 8));
        NetworkModel model = SafeTensorsImporter.Import(bytes.ToArray(), "probe.safetensors");
        return ((RecurrentLayer)model.Layers[0]).Directions[0].InputWeights[0];
    }
}

internal static class DtypeExpectations
{
    public static void AssertTinyLstm(NetworkModel model, JsonElement expected)
    {
        RecurrentLayer lstm = Assert.IsType<RecurrentLayer>(model.Layers[0]);
        DenseLayer head = Assert.IsType<DenseLayer>(model.Layers[1]);
        DirectionWeights weights = lstm.Directions[0];
        AssertBits(expected, "rnn.weight_ih_l0", weights.InputWeights.ToArray());
        AssertBits(expected, "rnn.weight_hh_l0", weights.RecurrentWeights.ToArray());
        AssertBits(expected, "rnn.bias_ih_l0", weights.InputBias.ToArray());
        AssertBits(expected, "rnn.bias_hh_l0", weights.RecurrentBias.ToArray());
        AssertBits(expected, "head.weight", head.Weights.ToArray());
        AssertBits(expected, "head.bias", head.Bias.ToArray());
    }

    /// <summary>Bit-exact, so that -0 and subnormals are checked too.</summary>
    private static void AssertBits(JsonElement expected, string tensor, float[] actual)
    {
        float[] values = StateDictTestData.Floats(expected.GetProperty(tensor).GetProperty("values"));
        Assert.Equal(values.Length, actual.Length);
        for (int i = 0; i < values.Length; i++)
        {
            Assert.True(System.BitConverter.SingleToInt32Bits(values[i]) == System.BitConverter.SingleToInt32Bits(actual[i]),
                $"{tensor}[{i}]: expected {values[i]:R}, got {actual[i]:R}");
        }
    }
}
