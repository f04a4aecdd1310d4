using System;

namespace EdgeLstm.Plan;

/// <summary>
/// How the packed weight streams are baked. Only float32 exists today; 16-bit and 8-bit weights are meant to be added
/// here, with a packer that converts and an emitter that widens on load, without touching the rest of the plan.
/// Biases, peepholes and state stay float32 whatever the weights are.
/// </summary>
internal enum WeightElementType
{
    /// <summary>IEEE 754 single precision: the weights exactly as trained.</summary>
    Float32,
}

internal static class WeightElementTypeExtensions
{
    /// <summary>Bytes per baked weight.</summary>
    public static int Size(this WeightElementType type) => type switch
    {
        WeightElementType.Float32 => 4,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Not a weight element type EdgeLstm bakes."),
    };

    /// <summary>The name the tools show: "float32".</summary>
    public static string DisplayName(this WeightElementType type) => type switch
    {
        WeightElementType.Float32 => "float32",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Not a weight element type EdgeLstm bakes."),
    };
}
