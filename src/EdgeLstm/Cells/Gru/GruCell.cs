using System.Collections.Generic;
using EdgeLstm.Model;
using EdgeLstm.Reference;

namespace EdgeLstm.Cells;

/// <summary>
/// The GRU cell in ONNX's form, either placement of the reset gate (equations in <see cref="GruReference"/> and
/// docs/cell-semantics.md). Gates z, r, n: ONNX's and Keras' order; PyTorch stores r, z, n.
/// </summary>
public sealed partial class GruCell : CellDefinition
{
    /// <summary>Canonical gate indices.</summary>
    public const int Update = 0, Reset = 1, New = 2;

    private static readonly string[] GateNames = { "z", "r", "n" };
    private static readonly string[] Roles = { "gates (f)", "candidate (g)" };
    private static readonly int[] PyTorchBlocks = { 1, 0, 2 };

    internal GruCell()
    {
    }

    public override CellKind Kind => CellKind.Gru;

    public override string DisplayName => "GRU";

    public override string Id => "gru";

    public override IReadOnlyList<string> Gates => GateNames;

    public override IReadOnlyList<string> ActivationRoles => Roles;

    /// <summary>PyTorch stores r, z, n: canonical z comes from block 1, r from block 0, n stays at 2.</summary>
    public override IReadOnlyList<int> PyTorchGateBlocks => PyTorchBlocks;

    public override ActivationFunction[] PyTorchActivations(ActivationFunction? nonlinearity)
    {
        RequireNoNonlinearity(nonlinearity);
        return new[] { ActivationFunction.Sigmoid, ActivationFunction.Tanh };
    }

    public override IReadOnlyList<CellOption> Options(RecurrentLayer layer) => new[]
    {
        CellOption.ZeroOne("linear_before_reset", "linearBeforeReset", layer.LinearBeforeReset),
    };

    /// <summary>
    /// linear_before_reset = 1 (PyTorch): every gate in one pass; the new gate's input bias (Wbn) and recurrent bias
    /// (Rbn) start two accumulators, because r multiplies only the recurrent part. linear_before_reset = 0: the new
    /// gate's recurrent weights multiply r ⊙ h, which needs every r first, so they are read in a second phase; the
    /// first stores z, the new gate's input part and r ⊙ h in three more state vectors.
    /// </summary>
    public override CellPacking Packing(RecurrentLayer layer)
    {
        var h = new StateVector("h", StateVectorLength.Outputs, false, "h");
        var hNext = new StateVector("hNext", StateVectorLength.Outputs, true, "next h");
        if (layer.LinearBeforeReset)
        {
            return new CellPacking(3, 3,
                new[] { new GateBiasSlots(0, 0), new GateBiasSlots(1, 1), new GateBiasSlots(2, 3) },
                new[] { h, hNext },
                blocksPerPass: 2,
                halvedGate: ResetGoesThroughTanh(layer) ? Reset : -1);
        }
        return new CellPacking(3, 2,
            new[] { new GateBiasSlots(0, 0), new GateBiasSlots(1, 1), new GateBiasSlots(2, 2) },
            new[]
            {
                h, hNext,
                new StateVector("zs", StateVectorLength.Units, false, "z"),
                new StateVector("nxs", StateVectorLength.Units, false, "the new gate's input part"),
                new StateVector("rhs", StateVectorLength.Units, false, "r * h"),
            },
            blocksPerPass: 2,
            new SecondPhase(layer.Hidden, SecondPhaseMatrix.RecurrentWeights, New * layer.Hidden, BlocksPerPass: 2));
    }

    /// <summary>
    /// linear_before_reset = 1 with a sigmoid reset gate in every direction (PyTorch's GRU, ONNX's default): the
    /// generated code computes r nh as (1/2 + tanh(r' / 2) / 2) nh, so r's weights and bias are baked halved
    /// (<see cref="CellPacking.HalvedGate"/>) and its pre-activation arrives as r' / 2.
    /// </summary>
    internal static bool ResetGoesThroughTanh(RecurrentLayer layer)
    {
        if (!layer.LinearBeforeReset) return false;
        foreach (DirectionWeights direction in layer.Directions)
        {
            if (direction.Activations[0].Kind != ActivationKind.Sigmoid) return false;
        }
        return true;
    }

    internal override ReferenceCell CreateReference(RecurrentLayer layer, DirectionWeights weights) => new GruReference(layer, weights);
}
