namespace EdgeLstm.Model;

/// <summary>The recurrent cell of a layer. Gate counts: LSTM 4, GRU 3, RNN 1.</summary>
public enum CellKind
{
    Lstm,
    Gru,
    Rnn,
}

/// <summary>The time direction(s) a recurrent layer runs in.</summary>
public enum Direction
{
    Forward,
    Reverse,

    /// <summary>Forward and reverse; the layer's output concatenates the forward then the reverse hidden state.</summary>
    Bidirectional,
}
