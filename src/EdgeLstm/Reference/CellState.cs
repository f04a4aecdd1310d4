using System;

namespace EdgeLstm.Reference;

/// <summary>The recurrent state of one direction of one layer: the hidden state h and, for LSTM, the cell state c.</summary>
internal sealed class CellState
{
    /// <param name="outputs">Length of h: the hidden size, or an LSTM's projection size.</param>
    /// <param name="cells">Length of c: the hidden size for LSTM, 0 for cells without one.</param>
    public CellState(int outputs, int cells)
    {
        Hidden = new double[outputs];
        Cell = cells == 0 ? Array.Empty<double>() : new double[cells];
    }

    /// <summary>h, also the direction's output at each step.</summary>
    public double[] Hidden { get; }

    /// <summary>c (LSTM only; empty for GRU and RNN).</summary>
    public double[] Cell { get; }

    /// <summary>Returns to the zero state every case and every exporter starts from.</summary>
    public void Clear()
    {
        Array.Clear(Hidden, 0, Hidden.Length);
        Array.Clear(Cell, 0, Cell.Length);
    }
}
