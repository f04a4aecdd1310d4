using EdgeLstm.Model;

namespace EdgeLstm.Import.StateDict;

/// <summary>
/// PyTorch's gate order against the canonical one of <see cref="GateLayout"/>. LSTM (i, f, g, o) and RNN already
/// match; GRU stores r, z, n where the canonical order is z, r, n, so its first two row blocks swap.
/// </summary>
internal static class PyTorchGateOrder
{
    /// <summary>
    /// Returns <paramref name="values"/> (rows of <paramref name="rowLength"/> elements, <paramref name="hidden"/>
    /// rows per gate) in canonical gate order. The same permutation applies to weights and to both biases.
    /// </summary>
    public static float[] ToCanonical(float[] values, CellKind cell, int hidden, int rowLength)
    {
        if (cell != CellKind.Gru) return values;
        int block = hidden * rowLength;
        var reordered = new float[values.Length];
        // Canonical block k comes from PyTorch block source[k]: z from 1, r from 0, n stays at 2.
        int[] source = { 1, 0, 2 };
        for (int k = 0; k < source.Length; k++)
        {
            System.Array.Copy(values, source[k] * block, reordered, k * block, block);
        }
        return reordered;
    }
}
