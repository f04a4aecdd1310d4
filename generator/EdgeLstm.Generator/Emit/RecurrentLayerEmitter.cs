using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using EdgeLstm.Cells;
using EdgeLstm.Model;
using EdgeLstm.Plan;
using static EdgeLstm.Generator.Emit.GlobalNames;

namespace EdgeLstm.Generator.Emit;

/// <summary>
/// Emits one direction of a recurrent layer: its baked arrays, a dispatcher, and the step in the three
/// <see cref="SimdPath"/>s. The cell update of a block (c, h) follows right after the block's accumulation, while the
/// gate values are still in registers; the new h goes to a second buffer because other blocks still read the old one.
/// What is particular to a cell (accumulator names, the update itself, a second phase) comes from its
/// <see cref="CellCode"/>.
/// </summary>
internal static class RecurrentLayerEmitter
{
    public static void Emit(IndentedWriter w, KernelPlan kernel)
    {
        var layer = (RecurrentLayer)kernel.Layer;
        KernelGeometry g = kernel.Geometry;
        DirectionWeights weights = layer.Directions[kernel.Direction];
        CellCode code = layer.Definition.Code(layer);

        w.Line($"// ---- Layer {kernel.LayerIndex}: {layer.Definition.DisplayName}, {layer.Input} inputs -> {layer.Hidden} hidden{(layer.HasProjection ? $" projected to {layer.ProjectionSize}" : "")}, {(kernel.IsReverse ? "reverse" : "forward")} direction ----");
        w.Comment(Describe(kernel, layer, weights, code));
        StaticDataEmitter.EmitWeights(w, $"{kernel.Name}_Weights", kernel.Packed.Weights, kernel.WeightType, "Packed weights, in the order the step reads them (see above).");
        StaticDataEmitter.EmitArray(w, $"{kernel.Name}_Bias", kernel.Packed.Bias, code.DescribeBias(g.PaddedOutputs));
        if (kernel.Packed.Peepholes.Length != 0)
        {
            StaticDataEmitter.EmitArray(w, $"{kernel.Name}_Peepholes", kernel.Packed.Peepholes, $"Peepholes i, f, o, each padded to {g.PaddedOutputs}.");
        }
        bool wide = WideKernelEmitter.Applies(kernel);
        if (wide) WideKernelEmitter.EmitAlignedWeights(w, kernel);
        if (GatePairColumns.AppliesToAnyPass(kernel, code))
        {
            StaticDataEmitter.EmitWeights(w, GatePairWeights(kernel), GatePairColumns.PairedWeights(kernel, code), kernel.WeightType,
                "The same weights for the 256-bit step, each column's gates of blocks 2k and 2k + 1 side by side (8 floats).");
        }
        w.Line();

        w.Line($"/// <summary>One step of layer {kernel.LayerIndex} ({(kernel.IsReverse ? "reverse" : "forward")}): reads x ({g.InputColumns} floats) and the state at <paramref name=\"state\"/>, writes the new h to the start of the state.</summary>");
        w.Line(AggressiveInlining);
        w.Open($"private static void {kernel.Name}_Step(ref float x, ref float state)");
        KernelEmitter.EmitPathDispatch(w, $"{kernel.Name}_Step", "ref x, ref state", "ref x, ref state", hasVector512: wide);
        w.Close();
        w.Line();
        EmitVectorStep(w, kernel, layer, weights, code, SimdPath.AdvSimd);
        w.Line();
        if (wide)
        {
            EmitVectorStep(w, kernel, layer, weights, code, SimdPath.Vector512);
            w.Line();
        }
        EmitVectorStep(w, kernel, layer, weights, code, SimdPath.Vector256);
        w.Line();
        EmitVectorStep(w, kernel, layer, weights, code, SimdPath.Vector128);
        w.Line();
        EmitScalarStep(w, kernel, layer, weights, code);
        w.Line();
    }

    /// <summary>
    /// The recurrent half of a step for a whole-window Run (<see cref="RunEmitter"/>): the same kernel as the step in
    /// every <see cref="SimdPath"/>, except that each gate's x accumulator starts from the row of the input projection
    /// (bias + W_x · x, computed for a block of steps by <see cref="ProjectionEmitter"/> in the step's summation order)
    /// instead of from the bias and the x columns. From there the floats are the step's, bit for bit.
    /// </summary>
    public static void EmitRecurrence(IndentedWriter w, KernelPlan kernel)
    {
        var layer = (RecurrentLayer)kernel.Layer;
        DirectionWeights weights = layer.Directions[kernel.Direction];
        CellCode code = layer.Definition.Code(layer);
        KernelGeometry g = kernel.Geometry;
        w.Line($"/// <summary>Layer {kernel.LayerIndex}'s step from a projected row (<paramref name=\"projection\"/>: {g.InputGates} x {g.PaddedOutputs} floats, bias + W_x · x by gate): adds W_h · h and updates the state.</summary>");
        w.Line(AggressiveInlining);
        w.Open($"private static void {kernel.Name}_Recur(ref float projection, ref float state)");
        bool wide = WideKernelEmitter.Applies(kernel);
        KernelEmitter.EmitPathDispatch(w, $"{kernel.Name}_Recur", "ref projection, ref state", "ref projection, ref state", hasVector512: wide);
        w.Close();
        w.Line();
        foreach (SimdPath path in new[] { SimdPath.AdvSimd, SimdPath.Vector512, SimdPath.Vector256, SimdPath.Vector128 })
        {
            if (path == SimdPath.Vector512 && !wide) continue;
            EmitVectorStep(w, kernel, layer, weights, code, path, projected: true);
            w.Line();
        }
        EmitScalarStep(w, kernel, layer, weights, code, projected: true);
        w.Line();
        if (!ReversedPasses.Applies(kernel)) return;

        // Every vector path gets a reverse walk (the 512-bit one over its groups of chunks); the scalar path keeps its loop.
        w.Line($"/// <summary>{kernel.Name}_Recur with the passes in reverse order (the same floats): Run alternates the two, so each step starts on the weights the previous one read last, still cached.</summary>");
        w.Line(AggressiveInlining);
        w.Open($"private static void {kernel.Name}_RecurBack(ref float projection, ref float state)");
        KernelEmitter.EmitPathDispatch(
            w,
            path => path is SimdPath.Scalar ? $"{kernel.Name}_Recur_{path}" : $"{kernel.Name}_RecurBack_{path}",
            "ref projection, ref state",
            "ref projection, ref state",
            hasVector512: wide);
        w.Close();
        w.Line();
        foreach (SimdPath path in new[] { SimdPath.AdvSimd, SimdPath.Vector512, SimdPath.Vector256, SimdPath.Vector128 })
        {
            if (path == SimdPath.Vector512 && !wide) continue;
            EmitVectorStep(w, kernel, layer, weights, code, path, projected: true, reverse: true);
            w.Line();
        }
    }

    private static string Describe(KernelPlan kernel, RecurrentLayer layer, DirectionWeights weights, CellCode code)
    {
        KernelGeometry g = kernel.Geometry;
        string acts = string.Join(", ", weights.Activations);
        string extras = code.DescribeOptions()
            + (layer.Clip is { } clip ? $", clip {clip.ToString("R", CultureInfo.InvariantCulture)} on every gate pre-activation" : "");
        string text =
            $"Gates {layer.Definition.DescribeGates()} (canonical order); activations {acts}{extras}.\n" +
            $"Packing: {layer.Hidden} hidden units padded to {g.PaddedOutputs} = {g.Blocks} block(s) of 4, {g.BlocksPerPass} block(s) per pass;\n" +
            $"per pass, for each of the {g.InputColumns} x columns then each of the {g.RecurrentColumns} h columns, the pass's blocks' gate vectors\n" +
            $"({g.InputGates} per x column, {g.RecurrentGates} per h column) lie contiguously, so one sequential read computes every gate of the pass.\n" +
            (g.HasSecondPhase ? code.DescribeSecondPhase() + "\n" : "") +
            $"Code shape: {kernel.Shape}. Padding is exact: padded units and columns have zero weights and bias, and the last\n" +
            "block's padded lanes of h (and c) are masked to zero after every step, so a padded unit whose activation of 0 is not 0\n" +
            "(Affine, HardSigmoid...) can never drift to infinity and turn 0 * inf into NaN.";
        return text;
    }

    private static string GatePairWeights(KernelPlan kernel) => $"{kernel.Name}_GatePairWeights";

    private static void EmitRefs(IndentedWriter w, KernelPlan kernel, RecurrentLayer layer, SimdPath? path = null, bool gatePairs = false)
    {
        w.Line(path == SimdPath.Vector512
            ? $"ref float w = ref {WideKernelEmitter.AlignedWeights(kernel)}; // the 64-byte aligned copy"
            : $"ref float w = ref {MemoryMarshal}.GetReference({(gatePairs ? GatePairWeights(kernel) : kernel.Name + "_Weights")});");
        w.Line($"ref float bias = ref {MemoryMarshal}.GetReference({kernel.Name}_Bias);");
        if (layer.HasPeepholes) w.Line($"ref float peep = ref {MemoryMarshal}.GetReference({kernel.Name}_Peepholes);");
        foreach (StateSlot vector in kernel.StateVectors)
        {
            w.Line(vector.Offset == 0
                ? $"ref float {vector.Name} = ref state; // {vector.Meaning}"
                : $"ref float {vector.Name} = ref {Unsafe}.Add(ref state, {vector.Offset}); // {vector.Meaning}");
        }
    }

    private static void EmitVectorStep(IndentedWriter w, KernelPlan kernel, RecurrentLayer layer, DirectionWeights weights, CellCode code, SimdPath path,
        bool projected = false, bool reverse = false)
    {
        KernelGeometry g = kernel.Geometry;
        var cell = new CellWriter(w, layer, weights, g.PaddedOutputs);
        w.Open(projected
            ? $"private static void {kernel.Name}_{(reverse ? "RecurBack" : "Recur")}_{path}(ref float projection, ref float state)"
            : $"private static void {kernel.Name}_Step_{path}(ref float x, ref float state)");
        EmitRefs(w, kernel, layer, path, gatePairs: path == SimdPath.Vector256 && GatePairColumns.AppliesToAnyPass(kernel, code));
        bool loopColumns = kernel.Shape == LoopShape.FullLoop;
        bool hiddenInLocals = kernel.Shape == LoopShape.Unrolled && g.SecondPhase is null;
        // The 256-bit path's gate-major passes (GatePairColumns): the first block of each pair of blocks it keeps on 8 lanes.
        var pairedBlocks = new HashSet<int>(path == SimdPath.Vector256
            ? g.Passes.Where(pass => GatePairColumns.Applies(kernel, code, pass.Blocks))
                .SelectMany(pass => Enumerable.Range(0, pass.Blocks / 2).Select(k => pass.FirstBlock + 2 * k))
            : Enumerable.Empty<int>());
        if (hiddenInLocals)
        {
            // The new h of every block stays in a local until every pass has read the old h, then is stored once: no
            // second buffer to copy, whose wide reload of narrow stores would stall store forwarding on the
            // recurrence's critical path. A gate-major pair of blocks keeps its 8 lanes in one local and one store,
            // which the next step's 8-lane load of h reads back whole.
            var singles = Enumerable.Range(0, g.Blocks).Where(b => !pairedBlocks.Contains(b) && !pairedBlocks.Contains(b - 1)).ToList();
            if (pairedBlocks.Count != 0)
            {
                w.Line($"{Vector256OfFloat} {string.Join(", ", pairedBlocks.OrderBy(b => b).Select(b => NextHiddenLocal(Offset.Constant(4L * b))))};");
            }
            if (singles.Count != 0)
            {
                w.Line($"{Vector128OfFloat} {string.Join(", ", singles.Select(b => NextHiddenLocal(Offset.Constant(4L * b))))};");
            }
            cell.NextHiddenStore = (value, at) => $"{NextHiddenLocal(at)} = {value};";
            if (pairedBlocks.Count != 0) cell.NextHiddenPairStore = cell.NextHiddenStore;
        }

        // First phase: every gate of the cell (GRU without linear_before_reset: z, r and the input part of n). The
        // 512-bit path (looped kernels only) has its own layout; its second phase (one gate per block) is the 256-bit path's.
        bool wide = path == SimdPath.Vector512;
        SimdPath secondPath = wide ? SimdPath.Vector256 : path;
        if (kernel.Shape == LoopShape.Unrolled)
        {
            foreach (KernelPhase.Pass pass in reverse ? g.Passes.Reverse() : g.Passes)
            {
                w.Open();
                EmitPass(w, path, kernel, layer, code, cell, new WeightCursor("w", pass.Offset, kernel.WeightType), pass.Blocks, Offset.Constant(pass.FirstUnit), loopColumns, projected);
                w.Close();
            }
            if (g.SecondPhase is { } second)
            {
                foreach (KernelPhase.Pass pass in reverse ? second.Passes.Reverse() : second.Passes)
                {
                    w.Open();
                    EmitSecondPhasePass(w, secondPath, second, code, cell, new WeightCursor("w", pass.Offset, kernel.WeightType), pass.Blocks, Offset.Constant(pass.FirstUnit), loopColumns);
                    w.Close();
                }
            }
        }
        else if (reverse)
        {
            // Last pass (512-bit: group of chunks) first, each from its own weight reference (ReversedPasses).
            w.Open();
            if (wide)
            {
                WideKernelEmitter.EmitFirstPhase(w, kernel, layer, weights, code, loopColumns, projected, reverse: true);
            }
            else
            {
                ReversedPasses.Emit(w, g.FirstPhase, kernel.WeightType,
                    (cursor, blocks, unit) => EmitPass(w, path, kernel, layer, code, cell, cursor, blocks, unit, loopColumns, projected));
            }
            w.Close();
            if (g.SecondPhase is { } second)
            {
                w.Open();
                ReversedPasses.Emit(w, second, kernel.WeightType,
                    (cursor, blocks, unit) => EmitSecondPhasePass(w, secondPath, second, code, cell, cursor, blocks, unit, loopColumns));
                w.Close();
            }
        }
        else
        {
            // The weight reference walks the stream: every pass starts where the previous one ended.
            w.Line("ref float wp = ref w;");
            if (wide)
            {
                WideKernelEmitter.EmitFirstPhase(w, kernel, layer, weights, code, loopColumns, projected);
            }
            else
            {
                EmitLoopedPasses(w, g.FirstPhase, kernel.WeightType, (cursor, blocks, unit) => EmitPass(w, path, kernel, layer, code, cell, cursor, blocks, unit, loopColumns, projected));
            }
            if (g.SecondPhase is { } second)
            {
                EmitLoopedPasses(w, second, kernel.WeightType, (cursor, blocks, unit) => EmitSecondPhasePass(w, secondPath, second, code, cell, cursor, blocks, unit, loopColumns));
            }
        }

        if (hiddenInLocals)
        {
            EmitHiddenFromLocals(w, kernel, EmitPaddingMask(w, kernel, skip: "hNext"), pairedBlocks);
        }
        else
        {
            EmitPaddingMask(w, kernel);
            w.Line($"{MemoryMarshal}.CreateReadOnlySpan(ref hNext, {kernel.OutputWidth}).CopyTo({MemoryMarshal}.CreateSpan(ref h, {kernel.OutputWidth}));");
        }
        w.Close();
    }

    private static string NextHiddenLocal(Offset at) => "hNew" + at;

    // Every block's new h from its local into h (8 lanes for a gate-major pair of blocks); the last block's padded
    // lanes masked to zero on the way.
    private static void EmitHiddenFromLocals(IndentedWriter w, KernelPlan kernel, Dictionary<int, string> masks, ISet<int> pairedBlocks)
    {
        int width = kernel.Geometry.PaddedOutputs, real = kernel.Geometry.Outputs % KernelGeometry.Lanes;
        for (int at = 0; at < width; at += KernelGeometry.Lanes)
        {
            string value = NextHiddenLocal(Offset.Constant(at));
            bool pair = pairedBlocks.Contains(at / KernelGeometry.Lanes);
            int last = at + (pair ? KernelGeometry.Lanes : 0);
            if (real != 0 && last == width - KernelGeometry.Lanes)
            {
                string mask = Mask(w, masks, real);
                value = pair ? $"{value} & {Vector256}.Create({Vector128OfFloat}.AllBitsSet, {mask})" : $"{value} & {mask}";
            }
            w.Line($"{(pair ? Vector256 : Vector128)}.StoreUnsafe({value}, ref h, {at});");
            at = last;
        }
    }

    /// <summary>A loop over the full passes of a phase, then the shorter last pass if any.</summary>
    internal static void EmitLoopedPasses(IndentedWriter w, KernelPhase phase, WeightElementType weightType, Action<WeightCursor, int, Offset> emitPass)
    {
        int unitsPerPass = phase.BlocksPerPass * KernelGeometry.Lanes;
        w.Open($"for (nuint u = 0; u < {phase.FullPasses * unitsPerPass}; u += {unitsPerPass})");
        var cursor = new WeightCursor("wp", 0, weightType);
        emitPass(cursor, phase.BlocksPerPass, Offset.Variable("u"));
        cursor.Advance(w);
        w.Close();
        int tail = phase.Blocks - phase.FullPasses * phase.BlocksPerPass;
        if (tail != 0)
        {
            w.Open();
            cursor = new WeightCursor("wp", 0, weightType);
            emitPass(cursor, tail, Offset.Constant(phase.FullPasses * unitsPerPass));
            cursor.Advance(w);
            w.Close();
        }
    }

    private static string Load(string reference, Offset offset) => $"{Vector128}.LoadUnsafe(ref {reference}, {offset})";

    // One pass of the 128-bit, 256-bit or AdvSimd path.
    private static void EmitPass(IndentedWriter w, SimdPath path, KernelPlan kernel, RecurrentLayer layer, CellCode code, CellWriter cell,
        WeightCursor cursor, int blocks, Offset unit, bool loopColumns, bool projected)
    {
        if (path == SimdPath.Vector256 && GatePairColumns.Applies(kernel, code, blocks))
        {
            EmitGatePairPass(w, kernel, layer, code, cell, cursor, blocks, unit, projected);
            return;
        }
        KernelGeometry g = kernel.Geometry;
        int hp = g.PaddedOutputs;
        IReadOnlyList<GateBiasSlots> slots = BiasSlots(layer);
        IReadOnlyList<string> xNames = code.InputAccumulators, hNames = code.RecurrentAccumulators;
        void Columns(string source, int columns, int gates, Func<int, int, string> accumulator, Func<int, bool> isPadding)
            => KernelEmitter.EmitColumns(w, path, cursor, source, columns, blocks, gates, accumulator, loopColumns, isPadding);
        for (int p = 0; p < blocks; p++)
        {
            Offset at = unit + 4 * p;
            for (int s = 0; s < xNames.Count; s++)
            {
                w.Line(projected
                    ? $"{Vector128OfFloat} {xNames[s]}{p} = {Load("projection", at + (long)s * hp)};"
                    : $"{Vector128OfFloat} {xNames[s]}{p} = {Load("bias", at + (long)slots[s].Input * hp)};");
            }
        }
        if (projected)
        {
            cursor.Offset += (long)g.InputColumns * blocks * g.InputGates * KernelGeometry.Lanes; // the x columns' weights: already applied
        }
        else
        {
            Columns("x", g.InputColumns, g.InputGates, (p, gate) => xNames[gate] + p, j => kernel.InputSources[j] < 0);
        }
        for (int p = 0; p < blocks; p++)
        {
            for (int s = 0; s < hNames.Count; s++)
            {
                if (slots[s].IsSplit)
                {
                    w.Line($"{Vector128OfFloat} {hNames[s]}{p} = {Load("bias", unit + 4 * p + (long)slots[s].Recurrent * hp)};");
                }
            }
        }
        Columns("h", g.RecurrentColumns, g.RecurrentGates, (p, gate) => hNames[gate] + p, j => j >= layer.OutputsPerDirection);

        bool paired = false;
        if (path == SimdPath.Vector256)
        {
            EmitPairedActivations(w, code, cell, blocks);
            paired = code.EmitPairedVectorUpdate(cell, blocks, p => unit + 4 * p);
        }
        for (int p = 0; p < blocks && !paired; p++)
        {
            code.EmitVectorUpdate(cell, p, unit + 4 * p);
        }
        cell.Activated.Clear();
        cell.ActivatedPairs.Clear();
    }

    /// <summary>
    /// One pass of the 256-bit path in gate-major form (<see cref="GatePairColumns"/>): every gate accumulator of blocks
    /// 2k and 2k + 1 is one 8-lane local from its start value (bias slots and projection rows are unit-major, so one
    /// 8-float load) to its activation; an odd last block keeps 4-lane locals and the 4-lane update.
    /// </summary>
    private static void EmitGatePairPass(IndentedWriter w, KernelPlan kernel, RecurrentLayer layer, CellCode code, CellWriter cell,
        WeightCursor cursor, int blocks, Offset unit, bool projected)
    {
        KernelGeometry g = kernel.Geometry;
        int hp = g.PaddedOutputs;
        IReadOnlyList<GateBiasSlots> slots = BiasSlots(layer);
        IReadOnlyList<string> xNames = code.InputAccumulators, hNames = code.RecurrentAccumulators;
        void Start(string gate, int p, string source, Offset at)
        {
            if (p % 2 == 0 && p + 1 < blocks)
            {
                string pair = GatePairColumns.Name(gate, p);
                w.Line($"{Vector256OfFloat} {pair} = {Vector256}.LoadUnsafe(ref {source}, {at});");
                cell.Pairs[gate + p] = pair;
            }
            else if (p % 2 == 0)
            {
                w.Line($"{Vector128OfFloat} {gate}{p} = {Load(source, at)};");
            }
        }
        for (int p = 0; p < blocks; p++)
        {
            for (int s = 0; s < xNames.Count; s++)
            {
                Start(xNames[s], p, projected ? "projection" : "bias", unit + 4 * p + (long)(projected ? s : slots[s].Input) * hp);
            }
        }
        if (projected)
        {
            cursor.Offset += (long)g.InputColumns * blocks * g.InputGates * KernelGeometry.Lanes; // the x columns' weights: already applied
        }
        else
        {
            GatePairColumns.Emit(w, cursor, "x", g.InputColumns, blocks, xNames, j => kernel.InputSources[j] < 0);
        }
        for (int p = 0; p < blocks; p++)
        {
            for (int s = 0; s < hNames.Count; s++)
            {
                if (slots[s].IsSplit) Start(hNames[s], p, "bias", unit + 4 * p + (long)slots[s].Recurrent * hp);
            }
        }
        GatePairColumns.Emit(w, cursor, "h", g.RecurrentColumns, blocks, hNames, j => j >= layer.OutputsPerDirection);
        EmitPairedActivations(w, code, cell, blocks);
        if (!code.EmitPairedVectorUpdate(cell, blocks, p => unit + 4 * p))
        {
            throw new InvalidOperationException($"{layer.Definition.DisplayName}: UpdatesBlockPairs without a paired update.");
        }
        cell.Activated.Clear();
        cell.ActivatedPairs.Clear();
        cell.Pairs.Clear();
    }

    /// <summary>
    /// The 256-bit path: each gate's activation of blocks 2k and 2k + 1 as one 8-lane call (half the activation
    /// instructions, which dominate small layers); an odd last block keeps its 4-lane calls. The cell's update then
    /// finds those gates activated, as 4-lane halves and as the 8-lane local (<see cref="CellWriter.ActivatedPairs"/>);
    /// the JIT drops whichever it does not use.
    /// </summary>
    private static void EmitPairedActivations(IndentedWriter w, CellCode code, CellWriter cell, int blocks)
    {
        foreach ((string gate, int activation) in code.DirectGateActivations)
        {
            for (int p = 0; p + 1 < blocks; p += 2)
            {
                string a = gate + p, b = gate + (p + 1), pair = $"{gate}Pair{p}";
                w.Line($"{Vector256OfFloat} {pair} = {cell.Activate(activation, cell.Pair(gate, p))};");
                if (!cell.Pairs.ContainsKey(a))
                {
                    // 4-lane halves exist (KernelEmitter's slot pairs): hand them over activated as well.
                    w.Line($"{a} = {Vector256}.GetLower({pair});");
                    w.Line($"{b} = {Vector256}.GetUpper({pair});");
                    cell.Activated.Add(a);
                    cell.Activated.Add(b);
                }
                cell.ActivatedPairs.Add(a, pair);
            }
        }
    }

    // A cell's second phase: one accumulator per block over the columns of a vector of one value per hidden unit.
    private static void EmitSecondPhasePass(IndentedWriter w, SimdPath path, KernelPhase phase, CellCode code, CellWriter cell,
        WeightCursor cursor, int blocks, Offset unit, bool loopColumns)
    {
        string accumulator = code.SecondPhaseAccumulator;
        int hidden = cell.Layer.Hidden;
        for (int p = 0; p < blocks; p++)
        {
            w.Line($"{Vector128OfFloat} {accumulator}{p} = {code.VectorSecondPhaseStart(cell, unit + 4 * p)};");
        }
        KernelEmitter.EmitColumns(w, path, cursor, code.SecondPhaseSource, phase.Groups[0].Columns, blocks, 1, (p, _) => accumulator + p, loopColumns, j => j >= hidden);
        for (int p = 0; p < blocks; p++)
        {
            code.EmitVectorSecondPhaseEnd(cell, p, unit + 4 * p);
        }
    }

    // The last block's padded lanes of every vector the cell asks for (h next, c...) but skip; returns the masks declared.
    private static Dictionary<int, string> EmitPaddingMask(IndentedWriter w, KernelPlan kernel, string? skip = null)
    {
        var masks = new Dictionary<int, string>();
        foreach (StateSlot vector in kernel.StateVectors)
        {
            int real = vector.RealLength % KernelGeometry.Lanes;
            if (!vector.MaskPadding || real == 0 || vector.Name == skip) continue;
            int last = vector.Length - KernelGeometry.Lanes;
            w.Line($"{Vector128}.StoreUnsafe({Load(vector.Name, Offset.Constant(last))} & {Mask(w, masks, real)}, ref {vector.Name}, {last});");
        }
        return masks;
    }

    // The mask keeping the first `real` lanes, declared on first use (one per real lane count).
    private static string Mask(IndentedWriter w, Dictionary<int, string> masks, int real)
    {
        if (!masks.TryGetValue(real, out string? name))
        {
            name = masks.Count == 0 ? "padding" : "padding" + masks.Count.ToString(CultureInfo.InvariantCulture);
            masks.Add(real, name);
            string lanes = string.Join(", ", new[] { 0, 1, 2, 3 }.Select(l => l < real ? "uint.MaxValue" : "0u"));
            w.Line($"{Vector128OfFloat} {name} = {Vector128}.AsSingle({Vector128}.Create({lanes}));");
        }
        return name;
    }

    private static void EmitScalarStep(IndentedWriter w, KernelPlan kernel, RecurrentLayer layer, DirectionWeights weights, CellCode code,
        bool projected = false)
    {
        KernelGeometry g = kernel.Geometry;
        int hp = g.PaddedOutputs, xg = g.InputGates * 4, hg = g.RecurrentGates * 4;
        var cell = new CellWriter(w, layer, weights, hp);
        IReadOnlyList<GateBiasSlots> slots = BiasSlots(layer);
        IReadOnlyList<string> xNames = code.InputAccumulators, hNames = code.RecurrentAccumulators;

        w.Line("// Plain float loops over the same packed layout, for targets without SIMD; only real units are computed, padding stays 0.");
        w.Open(projected
            ? $"private static void {kernel.Name}_Recur_Scalar(ref float projection, ref float state)"
            : $"private static void {kernel.Name}_Step_Scalar(ref float x, ref float state)");
        EmitRefs(w, kernel, layer);
        w.Open($"for (int u = 0; u < {layer.Hidden}; u++)");
        EmitScalarPassPosition(w, g.FirstPhase);
        w.Line($"int xAt = pass * {g.FullPassLength} + p * {xg} + lane, xStride = blocks * {xg};");
        w.Line($"int hAt = xAt - p * {xg} + {g.InputColumns} * xStride + p * {hg}, hStride = blocks * {hg};");
        for (int s = 0; s < xNames.Count; s++)
        {
            w.Line(projected
                ? $"float {xNames[s]} = {Unsafe}.Add(ref projection, {s * hp} + u);"
                : $"float {xNames[s]} = {Unsafe}.Add(ref bias, {slots[s].Input * hp} + u);");
        }
        for (int s = 0; s < hNames.Count; s++)
        {
            if (slots[s].IsSplit) w.Line($"float {hNames[s]} = {Unsafe}.Add(ref bias, {slots[s].Recurrent * hp} + u);");
        }
        if (!projected) EmitScalarColumns(w, "x", g.InputColumns, "xAt", "xStride", xNames);
        EmitScalarColumns(w, "h", layer.OutputsPerDirection, "hAt", "hStride", hNames);
        code.EmitScalarUpdate(cell);
        w.Close();
        if (g.SecondPhase is { } second)
        {
            string n = code.SecondPhaseAccumulator;
            w.Open($"for (int u = 0; u < {second.Outputs}; u++)");
            EmitScalarPassPosition(w, second);
            w.Line($"int at = {second.Offset} + pass * {second.FullPassLength} + p * 4 + lane, stride = blocks * 4;");
            w.Line($"float {n} = {code.ScalarSecondPhaseStart(cell)};");
            w.Line($"for (int j = 0; j < {layer.Hidden}; j++) {n} += {Unsafe}.Add(ref w, at + j * stride) * {Unsafe}.Add(ref {code.SecondPhaseSource}, j);");
            code.EmitScalarSecondPhaseEnd(cell);
            w.Close();
        }
        w.Line($"{MemoryMarshal}.CreateReadOnlySpan(ref hNext, {kernel.OutputWidth}).CopyTo({MemoryMarshal}.CreateSpan(ref h, {kernel.OutputWidth}));");
        w.Close();
    }

    /// <summary>Locates output u in a phase's stream: its pass, its block p within the pass, the pass's block count, its lane.</summary>
    internal static void EmitScalarPassPosition(IndentedWriter w, KernelPhase phase)
    {
        int tail = phase.Blocks - phase.FullPasses * phase.BlocksPerPass;
        w.Line($"int block = u >> 2, lane = u & 3, pass = block / {phase.BlocksPerPass}, p = block - pass * {phase.BlocksPerPass};");
        w.Line(tail == 0 ? $"int blocks = {phase.BlocksPerPass};" : $"int blocks = pass < {phase.FullPasses} ? {phase.BlocksPerPass} : {tail};");
    }

    internal static void EmitScalarColumns(IndentedWriter w, string source, int columns, string at, string stride, IReadOnlyList<string> names)
    {
        w.Open($"for (int j = 0; j < {columns}; j++)");
        w.Line($"float v = {Unsafe}.Add(ref {source}, j);");
        w.Line($"ref float wj = ref {Unsafe}.Add(ref w, {at} + j * {stride});");
        for (int s = 0; s < names.Count; s++)
        {
            w.Line(s == 0 ? $"{names[s]} += wj * v;" : $"{names[s]} += {Unsafe}.Add(ref wj, {4 * s}) * v;");
        }
        w.Close();
    }

    private static IReadOnlyList<GateBiasSlots> BiasSlots(RecurrentLayer layer) => layer.Definition.Packing(layer).GateBiasSlots;
}
