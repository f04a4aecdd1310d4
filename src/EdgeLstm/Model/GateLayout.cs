using EdgeLstm.Cells;

namespace EdgeLstm.Model;

/// <summary>
/// The canonical gate order of every weight tensor in a <see cref="RecurrentLayer"/>: LSTM i, f, g, o; GRU z, r, n;
/// RNN one block; LSTM peepholes i, f, o. Importers re-order rows from their format's order into this one; nothing
/// downstream knows any other order. Each cell's definition (<see cref="CellDefinition"/>, Cells/) is the source of
/// these facts; this class keeps the names importers and users already call.
/// </summary>
/// <remarks>Gate <c>k</c> occupies rows <c>[k*H, (k+1)*H)</c> of the input and recurrent weights and of both biases.</remarks>
public static class GateLayout
{
    public const int LstmInput = Cells.LstmCell.Input, LstmForget = Cells.LstmCell.Forget, LstmCell = Cells.LstmCell.Candidate, LstmOutput = Cells.LstmCell.Output;
    public const int GruUpdate = Cells.GruCell.Update, GruReset = Cells.GruCell.Reset, GruNew = Cells.GruCell.New;
    public const int PeepholeInput = Cells.LstmCell.PeepholeInput, PeepholeForget = Cells.LstmCell.PeepholeForget, PeepholeOutput = Cells.LstmCell.PeepholeOutput;

    /// <inheritdoc cref="CellDefinition.GateCount"/>
    public static int GateCount(CellKind cell) => CellDefinition.For(cell).GateCount;

    /// <summary>How many activation functions a direction of this cell carries (ONNX's f, g, h).</summary>
    public static int ActivationCount(CellKind cell) => CellDefinition.For(cell).ActivationCount;

    /// <inheritdoc cref="CellDefinition.DescribeGates"/>
    public static string Describe(CellKind cell) => CellDefinition.For(cell).DescribeGates();
}
