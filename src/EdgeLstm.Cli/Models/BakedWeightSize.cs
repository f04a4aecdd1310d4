using EdgeLstm.Model;

namespace EdgeLstm.Cli.Models;

/// <summary>
/// The size of the weights the source generator bakes into a model class, in bytes of float32.
/// </summary>
/// <remarks>
/// The generator pads every hidden size H and every layer input width to a multiple of 4 (one Vector128 of
/// float32) so that the inner loops need no scalar tail; padded rows and columns hold zeros. This computes the
/// same padded shapes:
/// <list type="bullet">
/// <item>recurrent layer, per direction: input weights G*Hp x Ip, recurrent weights G*Hp x Hp, the accumulator
/// start values (input and recurrent bias summed: one Hp vector per gate; a GRU with linear_before_reset keeps the
/// new gate's recurrent bias apart, 4 vectors; an RNN 1), peepholes 3*Hp when present (Hp, Ip = H and input width
/// rounded up to 4) — the generator's <c>WeightPacker.BiasSlots</c>;</item>
/// <item>dense layer: Op x Ip weights and Op biases (Op = outputs rounded up to 4);</item>
/// <item>input normalisation: nothing, it is folded into the first layer's weights and bias.</item>
/// </list>
/// It is the flash/ROM cost of the weights, not of the code or the recurrent state.
/// </remarks>
internal static class BakedWeightSize
{
    /// <summary>The vector width, in floats, that the generator pads to.</summary>
    public const int Padding = 4;

    public static long Bytes(NetworkModel model) => Floats(model) * sizeof(float);

    public static long Floats(NetworkModel model)
    {
        long floats = 0;
        foreach (Layer layer in model.Layers)
        {
            floats += Floats(layer);
        }
        return floats;
    }

    public static long Floats(Layer layer)
    {
        switch (layer)
        {
            case RecurrentLayer recurrent:
            {
                long hidden = Pad(recurrent.Hidden);
                long input = Pad(recurrent.Input);
                long rows = recurrent.GateCount * hidden;
                long perDirection = rows * input + rows * hidden + BiasVectors(recurrent) * hidden + (recurrent.HasPeepholes ? 3 * hidden : 0);
                return perDirection * recurrent.Directions.Count;
            }
            case DenseLayer dense:
                return Pad(dense.Outputs) * Pad(dense.Inputs) + Pad(dense.Outputs);
            default:
                return 0;
        }
    }

    private static int BiasVectors(RecurrentLayer layer) => layer.Definition.Packing(layer).BiasSlots;

    /// <summary>Rounds up to a multiple of <see cref="Padding"/>.</summary>
    public static long Pad(int size) => (size + (long)Padding - 1) / Padding * Padding;
}
