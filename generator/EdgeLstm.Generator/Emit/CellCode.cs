using System;
using System.Collections.Generic;
using EdgeLstm.Model;
using EdgeLstm.Plan;

namespace EdgeLstm.Generator.Emit;

/// <summary>
/// A cell's part of a recurrent kernel: the names of its gate accumulators and the code that turns them into the new
/// state. Each cell writes its own, beside its definition and its reference equations (Cells/Lstm/LstmCell.Emit.cs,
/// ...); <see cref="RecurrentLayerEmitter"/> writes everything the cells share (loads, the fused column loops, passes,
/// padding masks) and calls in here for the rest.
/// </summary>
internal abstract class CellCode
{
    protected CellCode(RecurrentLayer layer) => Layer = layer;

    public RecurrentLayer Layer { get; }

    /// <summary>The accumulator of each gate while the x columns are read (one per input gate, canonical order).</summary>
    public abstract IReadOnlyList<string> InputAccumulators { get; }

    /// <summary>The accumulator of each gate while the h columns are read (one per first-phase recurrent gate).</summary>
    public abstract IReadOnlyList<string> RecurrentAccumulators { get; }

    /// <summary>What the bias array holds, slot by slot, for the generated comment.</summary>
    public abstract string DescribeBias(int padded);

    /// <summary>The layer's cell options for the generated comment, each starting with ", " (empty when none).</summary>
    public abstract string DescribeOptions();

    /// <summary>What the second phase multiplies, for the generated comment.</summary>
    public virtual string DescribeSecondPhase() => throw NoSecondPhase();

    /// <summary>
    /// The gate accumulators whose update begins with <c>gate = f(gate)</c> on the accumulator alone (f = activation
    /// index), so that a path with wider vectors may apply f to two blocks' accumulators at once beforehand
    /// (<see cref="CellWriter.Activated"/>). Empty when the cell changes a gate before its activation (peepholes).
    /// </summary>
    public virtual IReadOnlyList<(string Gate, int Activation)> DirectGateActivations => Array.Empty<(string, int)>();

    /// <summary>
    /// True when <see cref="EmitPairedVectorUpdate"/> updates every pair of blocks on 8 lanes (taking each gate as
    /// <see cref="CellWriter.Pair"/>): the 256-bit path may then accumulate a gate of two blocks in one register from the
    /// first column on (<see cref="GatePairColumns"/>).
    /// </summary>
    public virtual bool UpdatesBlockPairs => false;

    /// <summary>One block of the first phase after its columns: activations and the new state, while in registers.</summary>
    public abstract void EmitVectorUpdate(CellWriter w, int block, Offset at);

    /// <summary>
    /// The updates of a pass's <paramref name="blocks"/> blocks for the 256-bit path, with activations of two blocks
    /// at once where the cell can (same functions, same lanes, same floats); false to have
    /// <see cref="EmitVectorUpdate"/> called per block instead.
    /// </summary>
    public virtual bool EmitPairedVectorUpdate(CellWriter w, int blocks, Func<int, Offset> at) => false;

    /// <summary>One unit <c>u</c> of the first phase after its columns, in plain floats.</summary>
    public abstract void EmitScalarUpdate(CellWriter w);

    /// <summary>The second phase's accumulator name.</summary>
    public virtual string SecondPhaseAccumulator => throw NoSecondPhase();

    /// <summary>The state vector the second phase multiplies (one value per hidden unit).</summary>
    public virtual string SecondPhaseSource => throw NoSecondPhase();

    /// <summary>The second phase accumulator's start value for the block at <paramref name="at"/>.</summary>
    public virtual string VectorSecondPhaseStart(CellWriter w, Offset at) => throw NoSecondPhase();

    /// <summary>One block of the second phase after its columns.</summary>
    public virtual void EmitVectorSecondPhaseEnd(CellWriter w, int block, Offset at) => throw NoSecondPhase();

    /// <summary>The second phase accumulator's start value for unit <c>u</c>, in plain floats.</summary>
    public virtual string ScalarSecondPhaseStart(CellWriter w) => throw NoSecondPhase();

    /// <summary>One unit <c>u</c> of the second phase after its columns, in plain floats.</summary>
    public virtual void EmitScalarSecondPhaseEnd(CellWriter w) => throw NoSecondPhase();

    private NotSupportedException NoSecondPhase()
        => new($"A {Layer.Definition.DisplayName} layer with these options has no second phase.");
}

/// <summary>What a <see cref="CellCode"/> writes with: the writer, the layer's activations and clip, and spellings.</summary>
internal sealed class CellWriter
{
    private readonly IndentedWriter _writer;
    private readonly ActivationFunction[] _activations;
    private readonly string _vectorClass;

    public CellWriter(IndentedWriter writer, RecurrentLayer layer, DirectionWeights weights, int paddedUnits, string unitIndex = "u",
        string vectorClass = GlobalNames.Vector128)
    {
        _vectorClass = vectorClass;
        _writer = writer;
        _activations = weights.Activations.AsArray();
        Layer = layer;
        PaddedUnits = paddedUnits;
        UnitIndex = unitIndex;
    }

    /// <summary>The generated variable that indexes the current unit's element of a state vector (scalar updates).</summary>
    public string UnitIndex { get; }

    public RecurrentLayer Layer { get; }

    /// <summary>Hidden units padded to a multiple of 4: the length of each bias slot and of c.</summary>
    public int PaddedUnits { get; }

    public void Line(string line) => _writer.Line(line);

    /// <summary>The vector type, <c>Vector128&lt;float&gt;</c> (or <c>Vector256&lt;float&gt;</c> in 8-lane multi-stream kernels).</summary>
    public string Vector => _vectorClass + "<float>";

    /// <summary>A vector load from state or baked data.</summary>
    public string Load(string vector, Offset at) => $"{_vectorClass}.LoadUnsafe(ref {vector}, {at})";

    /// <summary>
    /// Where a block's new h goes instead of the <c>hNext</c> buffer: a statement for (value, offset), or null to store
    /// it to <c>hNext</c>. Unrolled kernels keep it in a local until every pass has read the old h.
    /// </summary>
    public Func<string, Offset, string>? NextHiddenStore { get; set; }

    /// <summary>A statement handing over a block's new h (a vector expression) for the unit at <paramref name="at"/>.</summary>
    public string StoreNextHidden(string value, Offset at) => NextHiddenStore?.Invoke(value, at) ?? Store(value, "hNext", at);

    /// <summary>
    /// Where the 256-bit path's new h of two blocks (an 8-lane expression for the units at at, at + 4) goes as one
    /// value: a statement, or null to hand over its halves through <see cref="StoreNextHidden"/>.
    /// </summary>
    public Func<string, Offset, string>? NextHiddenPairStore { get; set; }

    /// <summary>Hands over the new h of the blocks at <paramref name="at"/> and at + 4 (an 8-lane local).</summary>
    public void StoreNextHiddenPair(string pair, Offset at)
    {
        if (NextHiddenPairStore is { } store)
        {
            Line(store(pair, at));
            return;
        }
        Line(StoreNextHidden($"{GlobalNames.Vector256}.GetLower({pair})", at));
        Line(StoreNextHidden($"{GlobalNames.Vector256}.GetUpper({pair})", at + KernelGeometry.Lanes));
    }

    /// <summary>A statement storing <paramref name="value"/> (a vector expression) into state.</summary>
    public string Store(string value, string vector, Offset at) => $"{_vectorClass}.StoreUnsafe({value}, ref {vector}, {at});";

    /// <summary>a * b + c, fused where the hardware can.</summary>
    public string MultiplyAdd(string a, string b, string c) => $"{_vectorClass}.MultiplyAddEstimate({a}, {b}, {c})";

    /// <summary>Element <c>u</c> (or <paramref name="index"/>) of a state vector or baked array, as a <c>ref float</c>.</summary>
    public string Element(string vector, string? index = null) => $"{GlobalNames.Unsafe}.Add(ref {vector}, {index ?? UnitIndex})";

    /// <summary>
    /// Accumulators whose activation has already been applied (two blocks at a time on wider vectors):
    /// <see cref="Activate"/> returns them as they are. Same function, same lanes, so the same floats.
    /// </summary>
    public ISet<string> Activated { get; } = new HashSet<string>();

    /// <summary>
    /// The 256-bit path: 8-lane locals holding a gate's activation of blocks p and p + 1, by gate name + p (e.g. "r0").
    /// A cell that updates on 8 lanes takes them as they are (<see cref="ActivatedPair"/>) instead of joining the
    /// 4-lane halves again, which the JIT does not see through (an extract and an insert, 6 cycles on the critical path).
    /// </summary>
    public IDictionary<string, string> ActivatedPairs { get; } = new Dictionary<string, string>();

    /// <summary>
    /// The 256-bit path's gate-major accumulators, by gate name + p (e.g. "nh0"): 8-lane locals that hold gate
    /// accumulator of blocks p and p + 1 from the first column on (<see cref="GatePairColumns"/>), so that no 4-lane
    /// halves exist to join.
    /// </summary>
    public IDictionary<string, string> Pairs { get; } = new Dictionary<string, string>();

    /// <summary>Gate accumulator <paramref name="gate"/> of blocks <paramref name="p"/> and p + 1 on 8 lanes, before activation.</summary>
    public string Pair(string gate, int p)
        => Pairs.TryGetValue(gate + p, out string? pair) ? pair : $"{GlobalNames.Vector256}.Create({gate}{p}, {gate}{p + 1})";

    /// <summary>Gate <paramref name="gate"/> of blocks <paramref name="p"/> and p + 1 on 8 lanes, after activation <paramref name="index"/>.</summary>
    public string ActivatedPair(int index, string gate, int p)
    {
        if (ActivatedPairs.TryGetValue(gate + p, out string? pair)) return pair;
        string a = gate + p, b = gate + (p + 1), joined = Pair(gate, p);
        return Activated.Contains(a) && Activated.Contains(b) ? joined : ActivationEmitter.Apply(_activations[index], joined, Layer.Clip);
    }

    /// <summary>Activation function <paramref name="index"/> (ONNX's f, g, h) of the clipped pre-activation.</summary>
    public string Activate(int index, string operand)
        => Activated.Contains(operand) ? operand : ActivationEmitter.Apply(_activations[index], operand, Layer.Clip);

    /// <summary>The statement <c>name = f(name)</c>, or nothing when <paramref name="name"/> is already <see cref="Activated"/>.</summary>
    public void ActivateInPlace(int index, string name)
    {
        if (!Activated.Contains(name))
        {
            _writer.Line($"{name} = {Activate(index, name)};");
        }
    }

    /// <summary>Activation function <paramref name="index"/> without clip (ONNX Runtime does not clip the cell state fed to h).</summary>
    public string ActivateUnclipped(int index, string operand) => ActivationEmitter.Apply(_activations[index], operand);
}
