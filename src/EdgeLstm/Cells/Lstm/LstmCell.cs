using System.Collections.Generic;
using EdgeLstm.Model;
using EdgeLstm.Reference;

namespace EdgeLstm.Cells;

/// <summary>
/// The LSTM cell in ONNX's form, with optional peepholes, coupled input-forget gate and clip, and PyTorch's projection
/// (equations in <see cref="LstmReference"/> and docs/cell-semantics.md). Gates i, f, g, o: PyTorch's order, Keras' and
/// RTNeural's.
/// </summary>
public sealed partial class LstmCell : CellDefinition
{
    /// <summary>Canonical gate indices.</summary>
    public const int Input = 0, Forget = 1, Candidate = 2, Output = 3;

    /// <summary>Peephole vectors, in the order <see cref="DirectionWeights.Peepholes"/> holds them (ONNX stores i, o, f).</summary>
    public const int PeepholeInput = 0, PeepholeForget = 1, PeepholeOutput = 2;

    private static readonly string[] GateNames = { "i", "f", "g", "o" };
    private static readonly string[] Roles = { "gates (f)", "candidate (g)", "output (h)" };

    internal LstmCell()
    {
    }

    public override CellKind Kind => CellKind.Lstm;

    public override string DisplayName => "LSTM";

    public override string Id => "lstm";

    public override IReadOnlyList<string> Gates => GateNames;

    public override IReadOnlyList<string> ActivationRoles => Roles;

    public override bool HasCellState => true;

    public override bool TakesPeepholes => true;

    public override bool TakesInputForget => true;

    public override bool TakesProjection => true;

    public override ActivationFunction[] PyTorchActivations(ActivationFunction? nonlinearity)
    {
        RequireNoNonlinearity(nonlinearity);
        return new[] { ActivationFunction.Sigmoid, ActivationFunction.Tanh, ActivationFunction.Tanh };
    }

    public override IReadOnlyList<CellOption> Options(RecurrentLayer layer) => new[]
    {
        CellOption.YesNo("peepholes", "peepholes", layer.HasPeepholes),
        CellOption.YesNo("input_forget", "inputForget", layer.InputForget),
        CellOption.Size("projection_size", "projectionSize", layer.ProjectionSize),
    };

    /// <summary>
    /// Every gate in one pass (2 blocks x 4 gates = 8 independent accumulators); the accumulators start from the summed
    /// biases; state h, next h and c. A projection adds m = o ⊙ h(c) to the state and a second phase, W_hr m, whose
    /// P outputs are the next h (4 blocks per pass: one accumulator each, as in a dense layer).
    /// </summary>
    public override CellPacking Packing(RecurrentLayer layer)
    {
        var slots = new[] { new GateBiasSlots(0, 0), new GateBiasSlots(1, 1), new GateBiasSlots(2, 2), new GateBiasSlots(3, 3) };
        var h = new StateVector("h", StateVectorLength.Outputs, false, "h");
        var hNext = new StateVector("hNext", StateVectorLength.Outputs, true, "next h");
        var c = new StateVector("c", StateVectorLength.Units, true, "c");
        if (!layer.HasProjection)
        {
            return new CellPacking(4, 4, slots, new[] { h, hNext, c }, blocksPerPass: 2);
        }
        return new CellPacking(4, 4, slots,
            new[] { h, hNext, c, new StateVector("m", StateVectorLength.Units, false, "o * h(c), before the projection") },
            blocksPerPass: 2,
            new SecondPhase(layer.ProjectionSize, SecondPhaseMatrix.ProjectionWeights, 0, BlocksPerPass: 4));
    }

    internal override ReferenceCell CreateReference(RecurrentLayer layer, DirectionWeights weights) => new LstmReference(layer, weights);
}
