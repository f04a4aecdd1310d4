using System.Collections.Generic;
using EdgeLstm.Model;
using EdgeLstm.Reference;

namespace EdgeLstm.Cells;

/// <summary>The Elman RNN cell, <c>h = f(x Wi' + h Ri' + Wbi + Rbi)</c> (<see cref="RnnReference"/>): one gate.</summary>
public sealed partial class RnnCell : CellDefinition
{
    private static readonly string[] GateNames = { "h" };
    private static readonly string[] Roles = { "nonlinearity (f)" };

    internal RnnCell()
    {
    }

    public override CellKind Kind => CellKind.Rnn;

    public override string DisplayName => "RNN";

    public override string Id => "rnn";

    public override IReadOnlyList<string> Gates => GateNames;

    public override IReadOnlyList<string> ActivationRoles => Roles;

    public override bool TakesNonlinearity => true;

    /// <summary>tanh unless PyTorch's nonlinearity says relu.</summary>
    public override ActivationFunction[] PyTorchActivations(ActivationFunction? nonlinearity)
        => new[] { nonlinearity ?? ActivationFunction.Tanh };

    public override IReadOnlyList<CellOption> Options(RecurrentLayer layer) => System.Array.Empty<CellOption>();

    /// <summary>One gate, so 4 blocks per pass keep 4 accumulators in flight; state h and next h.</summary>
    public override CellPacking Packing(RecurrentLayer layer) => new(
        inputGates: 1,
        recurrentGates: 1,
        gateBiasSlots: new[] { new GateBiasSlots(0, 0) },
        stateVectors: new[]
        {
            new StateVector("h", StateVectorLength.Outputs, false, "h"),
            new StateVector("hNext", StateVectorLength.Outputs, true, "next h"),
        },
        blocksPerPass: 4);

    internal override ReferenceCell CreateReference(RecurrentLayer layer, DirectionWeights weights) => new RnnReference(layer, weights);
}
