using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using EdgeLstm.Plan;
using static EdgeLstm.Generator.Emit.GlobalNames;

namespace EdgeLstm.Generator.Emit;

/// <summary>
/// Consecutive hidden units that the 512-bit kernels hold one gate per register of: <see cref="Width"/> units (16, 8 or
/// 4) starting at <see cref="FirstUnit"/>, all from passes of <see cref="PassBlocks"/> blocks in the shared packing,
/// so that every unit sums its columns in the same <see cref="KernelEmitter.AccumulatorSets"/> as on every other path.
/// </summary>
internal readonly record struct WideChunk(int FirstUnit, int Width, int PassBlocks)
{
    public int FirstBlock => FirstUnit / KernelGeometry.Lanes;

    public int Blocks => Width / KernelGeometry.Lanes;
}

/// <summary>
/// The layout of the 512-bit kernels' aligned weight copy: the first phase re-laid gate-major by chunk of 16 units
/// (for each x column then each h column, each gate's weights of the chunk's units in a row), the rest as packed.
/// </summary>
/// <remarks>
/// The shared packing puts a pass's blocks of 4 units gate by gate, so a 16-lane load mixes gates and units, which
/// had to be split before the activations and the cell update. Here one 16-lane load is one gate of 16 units: the
/// accumulators are the gate pre-activations, and the activations and the cell update run on whole registers. The
/// copy is made once, when the first 512-bit step runs (its class initializer), into the array the 64-byte aligned
/// copy needed anyway: no memory beyond it, and no second baked array.
/// </remarks>
internal sealed class WideLayout
{
    private WideLayout(KernelGeometry geometry, IReadOnlyList<WideChunk> chunks)
    {
        Geometry = geometry;
        Chunks = chunks;
    }

    public KernelGeometry Geometry { get; }

    /// <summary>The first phase's units in order: 16 at a time, then 8, then 4, never across passes of different sizes.</summary>
    public IReadOnlyList<WideChunk> Chunks { get; }

    public static WideLayout For(KernelGeometry geometry)
    {
        KernelPhase phase = geometry.FirstPhase;
        var chunks = new List<WideChunk>();
        int fullUnits = phase.FullPasses * phase.BlocksPerPass * KernelGeometry.Lanes;
        Split(chunks, 0, fullUnits, phase.BlocksPerPass);
        Split(chunks, fullUnits, phase.PaddedOutputs, phase.Blocks - phase.FullPasses * phase.BlocksPerPass);
        return new WideLayout(geometry, chunks);
    }

    private static void Split(List<WideChunk> chunks, int from, int to, int passBlocks)
    {
        foreach (int width in new[] { 16, 8, 4 })
        {
            for (; to - from >= width; from += width) chunks.Add(new WideChunk(from, width, passBlocks));
        }
    }

    /// <summary>Floats one chunk of <paramref name="width"/> units reads: every x and h column, every gate.</summary>
    public long ChunkLength(int width) => width * UnitLength;

    /// <summary>
    /// Where the chunk that starts at <paramref name="firstUnit"/> starts in the copy: every unit before it takes
    /// <see cref="UnitLength"/> floats, whatever the width of its chunk.
    /// </summary>
    public long ChunkStart(long firstUnit) => firstUnit * UnitLength;

    /// <summary>Floats per unit of the first phase: its x columns then its h columns, every gate.</summary>
    public long UnitLength => InputLength + RecurrentLength;

    /// <summary>Floats per unit of the x columns (columns x gates); the h columns follow them in every chunk.</summary>
    public long InputLength => (long)Geometry.InputColumns * Geometry.InputGates;

    private long RecurrentLength => (long)Geometry.RecurrentColumns * Geometry.RecurrentGates;

    /// <summary>
    /// Runs of consecutive chunks of one width and pass size, split into groups of at most <paramref name="perGroup"/>
    /// chunks: (first chunk, chunks in the group, groups).
    /// </summary>
    public IEnumerable<(WideChunk First, int Chunks, int Groups)> Runs(Func<WideChunk, int> perGroup)
    {
        for (int i = 0; i < Chunks.Count;)
        {
            WideChunk first = Chunks[i];
            int count = 1;
            while (i + count < Chunks.Count && Chunks[i + count].Width == first.Width && Chunks[i + count].PassBlocks == first.PassBlocks) count++;
            int size = Math.Min(perGroup(first), count);
            if (count / size > 0) yield return (first, size, count / size);
            int rest = count % size;
            if (rest != 0) yield return (Chunks[i + count - rest], rest, 1);
            i += count;
        }
    }

    /// <summary>
    /// The generated members that re-lay the packed stream into this layout, in the aligned-copy class: a method
    /// <c>Relay(packed, wide)</c> and its helpers.
    /// </summary>
    public void EmitRelay(IndentedWriter w)
    {
        KernelPhase phase = Geometry.FirstPhase;
        string I(long value) => value.ToString(CultureInfo.InvariantCulture);
        int tail = phase.Blocks - phase.FullPasses * phase.BlocksPerPass;
        w.Line("// The first phase gate-major by chunk of units, the rest of the stream as packed.");
        w.Open($"private static void Relay({ReadOnlySpanOfFloat} packed, {SpanOfFloat} wide)");
        w.Line("int to = 0;");
        foreach (IGrouping<(int, int), WideChunk> run in Chunks.GroupBy(c => (c.Width, c.PassBlocks)))
        {
            WideChunk first = run.First();
            int count = run.Count();
            w.Line(count == 1
                ? $"to = Chunk(packed, wide, to, {I(first.FirstBlock)}, {I(first.Blocks)});"
                : $"for (int block = {I(first.FirstBlock)}; block < {I(first.FirstBlock + count * first.Blocks)}; block += {I(first.Blocks)}) to = Chunk(packed, wide, to, block, {I(first.Blocks)});");
        }
        w.Line("packed.Slice(to).CopyTo(wide.Slice(to));");
        w.Close();
        w.Line();
        w.Line("// Blocks first .. first + blocks - 1: for each x column then each h column, each gate's vectors of 4 of those blocks in a row.");
        w.Open($"private static int Chunk({ReadOnlySpanOfFloat} packed, {SpanOfFloat} wide, int to, int first, int blocks)");
        foreach ((int group, int columns, int gates) in new[] { (0, Geometry.InputColumns, Geometry.InputGates), (1, Geometry.RecurrentColumns, Geometry.RecurrentGates) })
        {
            w.Line($"for (int j = 0; j < {I(columns)}; j++)");
            w.Line($"    for (int g = 0; g < {I(gates)}; g++)");
            w.Line("        for (int b = first; b < first + blocks; b++, to += 4)");
            w.Line($"            packed.Slice(From(b, {I(group)}, j, g), 4).CopyTo(wide.Slice(to, 4));");
        }
        w.Line("return to;");
        w.Close();
        w.Line();
        w.Line("// Where the packed stream holds the gate vector of 4 of block b, gate g, column j of the x (0) or h (1) columns.");
        w.Open("private static int From(int b, int group, int j, int g)");
        w.Line($"int pass = b / {I(phase.BlocksPerPass)}, p = b - pass * {I(phase.BlocksPerPass)};");
        w.Line(tail == 0 ? $"int blocks = {I(phase.BlocksPerPass)};" : $"int blocks = pass < {I(phase.FullPasses)} ? {I(phase.BlocksPerPass)} : {I(tail)};");
        w.Line($"int start = pass * {I(phase.FullPassLength)} + (group == 0 ? 0 : {I(Geometry.InputColumns * Geometry.InputGates * KernelGeometry.Lanes)} * blocks);");
        string gateCount = Geometry.InputGates == Geometry.RecurrentGates ? I(Geometry.InputGates) : $"(group == 0 ? {I(Geometry.InputGates)} : {I(Geometry.RecurrentGates)})";
        w.Line($"return start + ((j * blocks + p) * {gateCount} + g) * 4;");
        w.Close();
    }
}
