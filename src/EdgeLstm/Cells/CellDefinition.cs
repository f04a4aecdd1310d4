using System;
using System.Collections.Generic;
using EdgeLstm.Model;
using EdgeLstm.Reference;

namespace EdgeLstm.Cells;

/// <summary>
/// Everything EdgeLstm knows about one kind of recurrent cell, in one place: its gates and activation functions, the
/// options it takes, how the generated kernels lay out its weights and state (<see cref="Packing"/>), its reference
/// equations, and (compiled into the generator only) the code that updates its state. The validator, the planner, the
/// packer, the emitter, the JSON and state_dict mappers and the tools' reports ask the cell instead of switching on
/// <see cref="CellKind"/>, so a new cell is a new folder under Cells/ and one line in <see cref="For"/>.
/// </summary>
/// <remarks>
/// Shared source: compiled into the runtime (net10.0) and the generator (netstandard2.0). Each cell's folder holds
/// <c>XxxCell.cs</c> (this definition), <c>XxxReference.cs</c> (the double-precision equations) and
/// <c>XxxCell.Emit.cs</c> (the generated update code; generator only, see EdgeLstm.csproj).
/// </remarks>
public abstract partial class CellDefinition
{
    private protected CellDefinition()
    {
    }

    /// <summary>The LSTM cell (ONNX's form: peepholes, coupled input-forget gate, clip; PyTorch's projection).</summary>
    public static CellDefinition Lstm { get; } = new LstmCell();

    /// <summary>The GRU cell, either placement of the reset gate (linear_before_reset 0 or 1).</summary>
    public static CellDefinition Gru { get; } = new GruCell();

    /// <summary>The Elman RNN cell.</summary>
    public static CellDefinition Rnn { get; } = new RnnCell();

    /// <summary>Every cell EdgeLstm supports.</summary>
    public static IReadOnlyList<CellDefinition> All { get; } = new[] { Lstm, Gru, Rnn };

    /// <summary>The definition of <paramref name="kind"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value that is not a defined <see cref="CellKind"/>.</exception>
    public static CellDefinition For(CellKind kind) => kind switch
    {
        CellKind.Lstm => Lstm,
        CellKind.Gru => Gru,
        CellKind.Rnn => Rnn,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a cell EdgeLstm defines."),
    };

    /// <summary>The cell whose <see cref="Id"/> is <paramref name="id"/> (ordinal, ignoring case), or null.</summary>
    public static CellDefinition? FromId(string id)
    {
        foreach (CellDefinition cell in All)
        {
            if (string.Equals(cell.Id, id, StringComparison.OrdinalIgnoreCase)) return cell;
        }
        return null;
    }

    public abstract CellKind Kind { get; }

    /// <summary>How reports and messages name the cell: "LSTM", "GRU", "RNN".</summary>
    public abstract string DisplayName { get; }

    /// <summary>The cell's name in files and machine-readable output: EdgeLstm JSON, safetensors metadata, <c>inspect --json</c>.</summary>
    public abstract string Id { get; }

    /// <summary>
    /// The gates in canonical order: gate k occupies rows [k*H, (k+1)*H) of the input and recurrent weights and of both
    /// biases. Every importer re-orders its format's rows into this order; nothing downstream knows any other.
    /// </summary>
    public abstract IReadOnlyList<string> Gates { get; }

    /// <summary>Gates per hidden unit: rows of the weight matrices are <c>GateCount * Hidden</c>.</summary>
    public int GateCount => Gates.Count;

    /// <summary>The gates as one phrase, e.g. "i, f, g, o".</summary>
    public string DescribeGates() => string.Join(", ", Gates);

    /// <summary>What each of a direction's activation functions does, in order (ONNX's f, g, h).</summary>
    public abstract IReadOnlyList<string> ActivationRoles { get; }

    /// <summary>Activation functions per direction.</summary>
    public int ActivationCount => ActivationRoles.Count;

    /// <summary>True when PyTorch lets the user choose the activation (nn.RNN's nonlinearity, tanh or relu).</summary>
    public virtual bool TakesNonlinearity => false;

    /// <summary>True when the cell keeps a cell state c beside h (LSTM).</summary>
    public virtual bool HasCellState => false;

    /// <summary>True when the cell takes peephole weights (LSTM; ONNX's P input).</summary>
    public virtual bool TakesPeepholes => false;

    /// <summary>True when the cell can couple its input and forget gates, f = 1 - i (LSTM; ONNX's input_forget).</summary>
    public virtual bool TakesInputForget => false;

    /// <summary>True when the cell can project h to fewer values, h = W_hr (o ⊙ h(c)) (LSTM; PyTorch's proj_size).</summary>
    public virtual bool TakesProjection => false;

    /// <summary>
    /// The activation functions PyTorch's module (nn.LSTM, nn.GRU, nn.RNN) uses; <paramref name="nonlinearity"/> is an
    /// RNN's, null for the default tanh.
    /// </summary>
    /// <exception cref="ArgumentException">A nonlinearity for a cell that has none to choose.</exception>
    public abstract ActivationFunction[] PyTorchActivations(ActivationFunction? nonlinearity);

    /// <summary>
    /// For each canonical gate, the row block PyTorch stores it in (its gate order). The same permutation applies to
    /// weights and to both biases.
    /// </summary>
    public virtual IReadOnlyList<int> PyTorchGateBlocks => Identity(GateCount);

    /// <summary>The cell's options with their values for <paramref name="layer"/>, as reports show them.</summary>
    public abstract IReadOnlyList<CellOption> Options(RecurrentLayer layer);

    /// <summary>How the generated kernels lay out this cell's weights, biases and state for <paramref name="layer"/>.</summary>
    public abstract CellPacking Packing(RecurrentLayer layer);

    /// <summary>
    /// Checks the options <paramref name="layer"/> sets against what this cell has (peepholes, input_forget, ...).
    /// The tensor lengths are checked by <see cref="ModelValidator"/>.
    /// </summary>
    /// <exception cref="ModelFormatException">An option the cell does not have.</exception>
    public void ValidateOptions(RecurrentLayer layer, string file, string where)
    {
        if (layer.InputForget && !TakesInputForget)
        {
            throw new ModelFormatException(file, where, $"input_forget applies to LSTM layers only; this is a {DisplayName} layer.");
        }
        if (layer.HasPeepholes && !TakesPeepholes)
        {
            throw new ModelFormatException(file, where, $"peepholes apply to LSTM layers only; this is a {DisplayName} layer.");
        }
        if (layer.ProjectionSize != 0 && !TakesProjection)
        {
            throw new ModelFormatException(file, where, $"a projection (proj_size) applies to LSTM layers only; this is a {DisplayName} layer.");
        }
    }

    /// <summary>One direction's reference step (double precision, the equations as written).</summary>
    internal abstract ReferenceCell CreateReference(RecurrentLayer layer, DirectionWeights weights);

    public override string ToString() => DisplayName;

    /// <summary>Refuses a nonlinearity other than tanh for a cell that has none to choose.</summary>
    private protected void RequireNoNonlinearity(ActivationFunction? nonlinearity)
    {
        if (nonlinearity is { Kind: not ActivationKind.Tanh })
        {
            throw new ArgumentException($"A {DisplayName} has no nonlinearity to choose; {nonlinearity} applies to RNN cells only.", nameof(nonlinearity));
        }
    }

    private protected static int[] Identity(int count)
    {
        var order = new int[count];
        for (int i = 0; i < count; i++) order[i] = i;
        return order;
    }
}
