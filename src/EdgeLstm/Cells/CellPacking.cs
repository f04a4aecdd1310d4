using System.Collections.Generic;

namespace EdgeLstm.Cells;

/// <summary>Whether a state vector holds one value per hidden unit or one per output of the direction (h).</summary>
public enum StateVectorLength
{
    /// <summary>One value per output of the direction: the length of h (the projection size when there is one).</summary>
    Outputs,

    /// <summary>One value per hidden unit.</summary>
    Units,
}

/// <summary>A vector of a generated kernel's working memory, padded to a multiple of 4 floats.</summary>
/// <param name="Name">Its name in the generated code (h, hNext, c, ...).</param>
/// <param name="Length">What it holds one value of.</param>
/// <param name="MaskPadding">Whether the padded lanes are set to zero after every step (see <see cref="CellPacking.StateVectors"/>).</param>
/// <param name="Meaning">What it holds, for the generated comments.</param>
public sealed record StateVector(string Name, StateVectorLength Length, bool MaskPadding, string Meaning);

/// <summary>Where a gate's two biases start its accumulators: the same slot (summed) or two slots kept apart.</summary>
public readonly record struct GateBiasSlots(int Input, int Recurrent)
{
    /// <summary>True when the input and the recurrent bias are kept apart (GRU's new gate with linear_before_reset).</summary>
    public bool IsSplit => Input != Recurrent;
}

/// <summary>
/// A second matrix-vector product of a step, read after every unit of the first is known: GRU's new gate without
/// linear_before_reset (its recurrent weights multiply r ⊙ h) and LSTM's projection (W_hr multiplies o ⊙ h(c)).
/// It multiplies a matrix [<see cref="Outputs"/>, hidden] by a vector of one value per hidden unit.
/// </summary>
/// <param name="Outputs">Rows: the outputs the phase computes.</param>
/// <param name="Matrix">Where its rows come from in the direction's weights.</param>
/// <param name="FirstRow">The first row of <paramref name="Matrix"/> it reads (the new gate's block for GRU).</param>
/// <param name="BlocksPerPass">Blocks of 4 outputs accumulated together.</param>
public sealed record SecondPhase(int Outputs, SecondPhaseMatrix Matrix, int FirstRow, int BlocksPerPass);

/// <summary>Which tensor of a direction a <see cref="SecondPhase"/> reads.</summary>
public enum SecondPhaseMatrix
{
    /// <summary><see cref="Model.DirectionWeights.RecurrentWeights"/>, whose rows are one value per output of the direction.</summary>
    RecurrentWeights,

    /// <summary><see cref="Model.DirectionWeights.ProjectionWeights"/> [projection size, hidden].</summary>
    ProjectionWeights,
}

/// <summary>
/// How the generated kernels lay out one recurrent layer's weights, biases and working memory: a fact of the cell
/// (and its options), read by the planner, the packer, the emitter and the tools' size reports alike.
/// </summary>
/// <remarks>
/// First phase: for each x column every one of the <see cref="InputGates"/> gates, then for each h column the first
/// <see cref="RecurrentGates"/> gates (canonical order), accumulated from the bias slots of <see cref="GateBiasSlots"/>.
/// Then an optional <see cref="SecondPhase"/>. State: the <see cref="StateVectors"/>, h and the next h first.
/// </remarks>
public sealed class CellPacking
{
    public CellPacking(int inputGates, int recurrentGates, IReadOnlyList<GateBiasSlots> gateBiasSlots,
        IReadOnlyList<StateVector> stateVectors, int blocksPerPass, SecondPhase? secondPhase = null, int halvedGate = -1)
    {
        HalvedGate = halvedGate;
        InputGates = inputGates;
        RecurrentGates = recurrentGates;
        GateBiasSlots = gateBiasSlots;
        StateVectors = stateVectors;
        BlocksPerPass = blocksPerPass;
        SecondPhase = secondPhase;
        int slots = 0;
        foreach (GateBiasSlots gate in gateBiasSlots)
        {
            slots = System.Math.Max(slots, System.Math.Max(gate.Input, gate.Recurrent) + 1);
        }
        BiasSlots = slots;
    }

    /// <summary>Gate vectors per block per x column (every gate).</summary>
    public int InputGates { get; }

    /// <summary>Gate vectors per block per h column in the first phase: gates 0 .. RecurrentGates-1.</summary>
    public int RecurrentGates { get; }

    /// <summary>For each gate, the bias slot its x accumulator starts from and the slot its h accumulator starts from.</summary>
    public IReadOnlyList<GateBiasSlots> GateBiasSlots { get; }

    /// <summary>Accumulator start vectors baked per direction (each padded to the units).</summary>
    public int BiasSlots { get; }

    /// <summary>
    /// The working memory of one direction, in order: h and the next h first (the next h is written while other
    /// blocks still read h). Vectors with <see cref="StateVector.MaskPadding"/> get their padded lanes set to zero after
    /// every step, so that a padded unit whose activation of 0 is not 0 (Affine, HardSigmoid...) can never drift to
    /// infinity and turn 0 * inf into NaN.
    /// </summary>
    public IReadOnlyList<StateVector> StateVectors { get; }

    /// <summary>Blocks of 4 units accumulated together in the first phase (independent FMA chains in flight).</summary>
    public int BlocksPerPass { get; }

    /// <summary>The second matrix-vector product, or null.</summary>
    public SecondPhase? SecondPhase { get; }

    /// <summary>
    /// A gate whose weights and biases are baked multiplied by 1/2 (exact: a power of two), because the cell's code
    /// needs its pre-activation halved on the critical path (GRU's sigmoid reset gate, evaluated as tanh of x / 2), or
    /// -1 for none. The generated code reads that gate as x / 2, so its floats are those of x, halved.
    /// </summary>
    public int HalvedGate { get; }
}
