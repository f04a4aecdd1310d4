using System;

namespace EdgeLstm.Reference;

/// <summary>The recurrent state of one direction of one layer: the hidden state h and, for LSTM, the cell state c.</summary>
internal sealed class CellState
{
    public CellState(int hidden, bool hasCell)
    {
        Hidden = new double[hidden];
        Cell = hasCell ? new double[hidden] : Array.Empty<double>();
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
