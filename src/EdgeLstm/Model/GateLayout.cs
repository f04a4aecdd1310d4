namespace EdgeLstm.Model;

/// <summary>
/// The canonical gate order of every weight tensor in a <see cref="RecurrentLayer"/>. Importers
/// re-order rows from their format's order into this one; nothing downstream knows any other order.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>LSTM: input, forget, cell candidate, output (i, f, g, o): PyTorch's order, and Keras' and RTNeural's.</item>
/// <item>GRU: update, reset, new (z, r, n): ONNX's and Keras' order.</item>
/// <item>RNN: one block.</item>
/// <item>LSTM peepholes: i, f, o (ONNX stores i, o, f).</item>
/// </list>
/// Gate <c>k</c> occupies rows <c>[k*H, (k+1)*H)</c> of the input and recurrent weights and of both biases.
/// </remarks>
public static class GateLayout
{
    public const int LstmInput = 0, LstmForget = 1, LstmCell = 2, LstmOutput = 3;
    public const int GruUpdate = 0, GruReset = 1, GruNew = 2;
    public const int PeepholeInput = 0, PeepholeForget = 1, PeepholeOutput = 2;

    public static int GateCount(CellKind cell) => cell switch
    {
        CellKind.Lstm => 4,
        CellKind.Gru => 3,
        _ => 1,
    };

    /// <summary>How many activation functions a direction of this cell carries (ONNX's f, g, h).</summary>
    public static int ActivationCount(CellKind cell) => cell switch
    {
        CellKind.Lstm => 3,
        CellKind.Gru => 2,
        _ => 1,
    };

    public static string Describe(CellKind cell) => cell switch
    {
        CellKind.Lstm => "i, f, g, o",
        CellKind.Gru => "z, r, n",
        _ => "h",
    };
}
