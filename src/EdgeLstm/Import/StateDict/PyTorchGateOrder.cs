using EdgeLstm.Cells;
using EdgeLstm.Model;

namespace EdgeLstm.Import.StateDict;

/// <summary>
/// Moves PyTorch's row blocks into the canonical gate order of <see cref="GateLayout"/>, as the cell's
/// <see cref="CellDefinition.PyTorchGateBlocks"/> says (LSTM and RNN already match; GRU swaps r and z).
/// </summary>
internal static class PyTorchGateOrder
{
    /// <summary>
    /// Returns <paramref name="values"/> (rows of <paramref name="rowLength"/> elements, <paramref name="hidden"/>
    /// rows per gate) in canonical gate order. The same permutation applies to weights and to both biases.
    /// </summary>
    public static float[] ToCanonical(float[] values, CellDefinition cell, int hidden, int rowLength)
    {
        var source = cell.PyTorchGateBlocks;
        bool identity = true;
        for (int k = 0; k < source.Count; k++) identity &= source[k] == k;
        if (identity) return values;

        int block = hidden * rowLength;
        var reordered = new float[values.Length];
        for (int k = 0; k < source.Count; k++)
        {
            System.Array.Copy(values, source[k] * block, reordered, k * block, block);
        }
        return reordered;
    }
}
