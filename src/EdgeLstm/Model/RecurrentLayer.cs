using EdgeLstm.Cells;

namespace EdgeLstm.Model;

/// <summary>
/// The weights of one direction of a recurrent layer, all in the canonical gate order of <see cref="GateLayout"/>,
/// row-major. With G gates, H hidden units, I inputs and O = <see cref="RecurrentLayer.OutputsPerDirection"/> (H, or the
/// projection size P): <see cref="InputWeights"/> is [G*H, I], <see cref="RecurrentWeights"/> is [G*H, O],
/// <see cref="InputBias"/> and <see cref="RecurrentBias"/> are [G*H] (both are added; GRU keeps them apart
/// because the new gate's recurrent bias sits inside the reset product when linear_before_reset is 1),
/// <see cref="Peepholes"/> is empty or [3*H] in the order i, f, o (LSTM only),
/// <see cref="ProjectionWeights"/> is empty or [P, H] (LSTM only: PyTorch's weight_hr, h = W_hr (o ⊙ h(c))).
/// <see cref="Activations"/> holds ONNX's f, g, h: LSTM 3 (gate, candidate, output), GRU 2 (gate, candidate), RNN 1.
/// </summary>
public sealed record DirectionWeights(
    EquatableArray<float> InputWeights,
    EquatableArray<float> RecurrentWeights,
    EquatableArray<float> InputBias,
    EquatableArray<float> RecurrentBias,
    EquatableArray<float> Peepholes,
    EquatableArray<ActivationFunction> Activations,
    EquatableArray<float> ProjectionWeights = default);

/// <summary>An LSTM, GRU or Elman RNN layer.</summary>
/// <param name="Cell">The cell kind.</param>
/// <param name="Input">Features per step.</param>
/// <param name="Hidden">Hidden units per direction.</param>
/// <param name="Direction">Forward, reverse or bidirectional.</param>
/// <param name="Directions">One entry for forward or reverse layers; forward then reverse for bidirectional ones.</param>
/// <param name="Clip">ONNX <c>clip</c>: every activation's input is bounded to [-Clip, Clip]; null for none.</param>
/// <param name="InputForget">LSTM coupled input-forget gate: f = 1 - i (ONNX <c>input_forget</c>).</param>
/// <param name="LinearBeforeReset">GRU: apply the reset gate after the recurrent product (PyTorch's form, ONNX linear_before_reset=1).</param>
/// <param name="ProjectionSize">LSTM projection (PyTorch <c>proj_size</c>): h has this many values, <c>h = W_hr (o ⊙ h(c))</c>; 0 for none.</param>
public sealed record RecurrentLayer(
    CellKind Cell,
    int Input,
    int Hidden,
    Direction Direction,
    EquatableArray<DirectionWeights> Directions,
    float? Clip = null,
    bool InputForget = false,
    bool LinearBeforeReset = true,
    int ProjectionSize = 0) : Layer
{
    public override int InputSize => Input;

    public override int OutputSize => Direction == Direction.Bidirectional ? 2 * OutputsPerDirection : OutputsPerDirection;

    /// <summary>Features each direction writes per step: the length of h (the projection size when there is one).</summary>
    public int OutputsPerDirection => ProjectionSize > 0 ? ProjectionSize : Hidden;

    /// <summary>True for an LSTM with a projection (PyTorch <c>proj_size</c> &gt; 0).</summary>
    public bool HasProjection => ProjectionSize > 0;

    /// <summary>Everything the cell kind means: gates, options, packing, reference equations.</summary>
    public CellDefinition Definition => CellDefinition.For(Cell);

    public int GateCount => Definition.GateCount;

    /// <summary>True when the layer can run one step at a time (no reverse pass).</summary>
    public bool IsStreaming => Direction == Direction.Forward;

    /// <summary>True when the directions carry peepholes (LSTM only; the validator refuses them elsewhere).</summary>
    public bool HasPeepholes => Directions.Count > 0 && !Directions[0].Peepholes.IsEmpty;
}
