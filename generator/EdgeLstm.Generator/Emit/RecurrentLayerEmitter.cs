using System;
using System.Globalization;
using System.Linq;
using EdgeLstm.Model;

namespace EdgeLstm.Generator.Emit;

/// <summary>
/// Emits one direction of a recurrent layer: its baked arrays, a dispatcher, and the step in the three
/// <see cref="SimdPath"/>s. The cell update of a block (c, h) follows right after the block's accumulation, while the
/// gate values are still in registers; the new h goes to a second buffer because other blocks still read the old one.
/// </summary>
internal static class RecurrentLayerEmitter
{
    public static void Emit(IndentedWriter w, KernelPlan kernel)
    {
        var layer = (RecurrentLayer)kernel.Layer;
        KernelGeometry g = kernel.Geometry;
        DirectionWeights weights = layer.Directions[kernel.Direction];

        w.Line($"// ---- Layer {kernel.LayerIndex}: {layer.Cell}, {layer.Input} inputs -> {layer.Hidden} hidden, {(kernel.IsReverse ? "reverse" : "forward")} direction ----");
        w.Comment(Describe(kernel, layer, weights));
        StaticDataEmitter.EmitArray(w, $"{kernel.Name}_Weights", kernel.Packed.Weights, "Packed weights, in the order the step reads them (see above).");
        StaticDataEmitter.EmitArray(w, $"{kernel.Name}_Bias", kernel.Packed.Bias, BiasDescription(layer, g.PaddedOutputs));
        if (kernel.Packed.Peepholes.Length != 0)
        {
            StaticDataEmitter.EmitArray(w, $"{kernel.Name}_Peepholes", kernel.Packed.Peepholes, $"Peepholes i, f, o, each padded to {g.PaddedOutputs}.");
        }
        w.Line();

        w.Line($"/// <summary>One step of layer {kernel.LayerIndex} ({(kernel.IsReverse ? "reverse" : "forward")}): reads x ({g.InputColumns} floats) and the state at <paramref name=\"state\"/>, writes the new h to the start of the state.</summary>");
        w.Line("[MethodImpl(MethodImplOptions.AggressiveInlining)]");
        w.Open($"private static void {kernel.Name}_Step(ref float x, ref float state)");
        w.Line("if (AdvSimd.Arm64.IsSupported)");
        w.Line($"    {kernel.Name}_Step_AdvSimd(ref x, ref state);");
        w.Line("else if (Vector128.IsHardwareAccelerated)");
        w.Line($"    {kernel.Name}_Step_Vector128(ref x, ref state);");
        w.Line("else");
        w.Line($"    {kernel.Name}_Step_Scalar(ref x, ref state);");
        w.Close();
        w.Line();
        EmitVectorStep(w, kernel, layer, weights, SimdPath.AdvSimd);
        w.Line();
        EmitVectorStep(w, kernel, layer, weights, SimdPath.Vector128);
        w.Line();
        EmitScalarStep(w, kernel, layer, weights);
        w.Line();
    }

    private static string Describe(KernelPlan kernel, RecurrentLayer layer, DirectionWeights weights)
    {
        KernelGeometry g = kernel.Geometry;
        string acts = string.Join(", ", weights.Activations);
        string extras = (layer.HasPeepholes ? ", peepholes" : "") + (layer.InputForget ? ", input_forget (f = 1 - i)" : "")
            + (layer.Clip is { } clip ? $", clip {clip.ToString("R", CultureInfo.InvariantCulture)} on every gate pre-activation" : "")
            + (layer.Cell == CellKind.Gru ? $", linear_before_reset = {(layer.LinearBeforeReset ? 1 : 0)}" : "");
        string text =
            $"Gates {GateLayout.Describe(layer.Cell)} (canonical order); activations {acts}{extras}.\n" +
            $"Packing: {layer.Hidden} hidden units padded to {g.PaddedOutputs} = {g.Blocks} block(s) of 4, {g.BlocksPerPass} block(s) per pass;\n" +
            $"per pass, for each of the {g.InputColumns} x columns then each of the {g.RecurrentColumns} h columns, the pass's blocks' gate vectors\n" +
            $"({g.InputGates} per x column, {g.RecurrentGates} per h column) lie contiguously, so one sequential read computes every gate of the pass.\n" +
            (g.HasSecondPhase ? "Second section: the new gate's recurrent weights, read after every r is known (they multiply r * h).\n" : "") +
            $"Code shape: {kernel.Shape}. Padding is exact: padded units and columns have zero weights and bias, and the last\n" +
            "block's padded lanes of h (and c) are masked to zero after every step, so a padded unit whose activation of 0 is not 0\n" +
            "(Affine, HardSigmoid...) can never drift to infinity and turn 0 * inf into NaN.";
        return text;
    }

    private static string BiasDescription(RecurrentLayer layer, int padded) => layer.Cell switch
    {
        CellKind.Lstm => $"Accumulator start values i, f, g, o (input + recurrent bias), each padded to {padded}.",
        CellKind.Gru when layer.LinearBeforeReset => $"Accumulator start values z, r (input + recurrent bias), n input part (Wbn), n recurrent part (Rbn, inside the reset product), each padded to {padded}.",
        CellKind.Gru => $"Accumulator start values z, r, n (input + recurrent bias), each padded to {padded}.",
        _ => $"Accumulator start values (input + recurrent bias), padded to {padded}.",
    };

    // Accumulator names of the x columns, of the h columns, and their bias slots.
    private static string[] InputGateNames(RecurrentLayer layer) => layer.Cell switch
    {
        CellKind.Lstm => new[] { "i", "f", "g", "o" },
        CellKind.Gru => new[] { "z", "r", "nx" },
        _ => new[] { "a" },
    };

    private static string[] RecurrentGateNames(RecurrentLayer layer) => layer.Cell switch
    {
        CellKind.Lstm => new[] { "i", "f", "g", "o" },
        CellKind.Gru => layer.LinearBeforeReset ? new[] { "z", "r", "nh" } : new[] { "z", "r" },
        _ => new[] { "a" },
    };

    private static void EmitRefs(IndentedWriter w, KernelPlan kernel, RecurrentLayer layer)
    {
        int hp = kernel.Geometry.PaddedOutputs;
        w.Line($"ref float w = ref MemoryMarshal.GetReference({kernel.Name}_Weights);");
        w.Line($"ref float bias = ref MemoryMarshal.GetReference({kernel.Name}_Bias);");
        if (layer.HasPeepholes) w.Line($"ref float peep = ref MemoryMarshal.GetReference({kernel.Name}_Peepholes);");
        w.Line("ref float h = ref state;");
        w.Line($"ref float hNext = ref Unsafe.Add(ref state, {hp});");
        if (layer.Cell == CellKind.Lstm) w.Line($"ref float c = ref Unsafe.Add(ref state, {2 * hp});");
        if (kernel.Geometry.HasSecondPhase)
        {
            w.Line($"ref float zs = ref Unsafe.Add(ref state, {2 * hp});");
            w.Line($"ref float nxs = ref Unsafe.Add(ref state, {3 * hp});");
            w.Line($"ref float rhs = ref Unsafe.Add(ref state, {4 * hp});");
        }
    }

    private static void EmitVectorStep(IndentedWriter w, KernelPlan kernel, RecurrentLayer layer, DirectionWeights weights, SimdPath path)
    {
        KernelGeometry g = kernel.Geometry;
        w.Open($"private static void {kernel.Name}_Step_{path}(ref float x, ref float state)");
        EmitRefs(w, kernel, layer);
        bool loopColumns = kernel.Shape == LoopShape.FullLoop;

        // First phase: all gates (GRU without linear_before_reset: z, r and the input part of n).
        if (kernel.Shape == LoopShape.Unrolled)
        {
            foreach (KernelGeometry.Pass pass in g.Passes)
            {
                w.Open();
                EmitPass(w, path, kernel, layer, weights, new WeightCursor("w", pass.Offset), pass.Blocks, Offset.Constant(pass.FirstUnit), loopColumns);
                w.Close();
            }
            if (g.HasSecondPhase)
            {
                foreach (KernelGeometry.Pass pass in g.Passes)
                {
                    w.Open();
                    EmitSecondPhasePass(w, path, kernel, weights, new WeightCursor("w", pass.SecondPhaseOffset), pass.Blocks, Offset.Constant(pass.FirstUnit), loopColumns);
                    w.Close();
                }
            }
        }
        else
        {
            // The weight reference walks the stream: every pass starts where the previous one ended.
            w.Line("ref float wp = ref w;");
            EmitLoopedPasses(w, g, (cursor, blocks, unit) => EmitPass(w, path, kernel, layer, weights, cursor, blocks, unit, loopColumns));
            if (g.HasSecondPhase)
            {
                EmitLoopedPasses(w, g, (cursor, blocks, unit) => EmitSecondPhasePass(w, path, kernel, weights, cursor, blocks, unit, loopColumns));
            }
        }

        EmitPaddingMask(w, layer, g);
        w.Line($"MemoryMarshal.CreateReadOnlySpan(ref hNext, {g.PaddedOutputs}).CopyTo(MemoryMarshal.CreateSpan(ref h, {g.PaddedOutputs}));");
        w.Close();
    }

    /// <summary>A loop over the full passes, then the shorter last pass if any.</summary>
    internal static void EmitLoopedPasses(IndentedWriter w, KernelGeometry g, Action<WeightCursor, int, Offset> emitPass)
    {
        int unitsPerPass = g.BlocksPerPass * KernelGeometry.Lanes;
        w.Open($"for (nuint u = 0; u < {g.FullPasses * unitsPerPass}; u += {unitsPerPass})");
        var cursor = new WeightCursor("wp", 0);
        emitPass(cursor, g.BlocksPerPass, Offset.Variable("u"));
        cursor.Advance(w);
        w.Close();
        int tail = g.Blocks - g.FullPasses * g.BlocksPerPass;
        if (tail != 0)
        {
            w.Open();
            cursor = new WeightCursor("wp", 0);
            emitPass(cursor, tail, Offset.Constant(g.FullPasses * unitsPerPass));
            cursor.Advance(w);
            w.Close();
        }
    }

    private static string Load(string reference, Offset offset) => $"Vector128.LoadUnsafe(ref {reference}, {offset})";

    private static void EmitPass(IndentedWriter w, SimdPath path, KernelPlan kernel, RecurrentLayer layer, DirectionWeights weights,
        WeightCursor cursor, int blocks, Offset unit, bool loopColumns)
    {
        KernelGeometry g = kernel.Geometry;
        int hp = g.PaddedOutputs;
        string[] xNames = InputGateNames(layer), hNames = RecurrentGateNames(layer);
        for (int p = 0; p < blocks; p++)
        {
            Offset at = unit + 4 * p;
            for (int s = 0; s < xNames.Length; s++)
            {
                w.Line($"Vector128<float> {xNames[s]}{p} = {Load("bias", at + (long)s * hp)};");
            }
        }
        KernelEmitter.EmitColumns(w, path, cursor, "x", g.InputColumns, blocks, g.InputGates, (p, gate) => xNames[gate] + p, loopColumns, j => kernel.InputSources[j] < 0);
        if (layer.Cell == CellKind.Gru && layer.LinearBeforeReset)
        {
            for (int p = 0; p < blocks; p++)
            {
                w.Line($"Vector128<float> nh{p} = {Load("bias", unit + 4 * p + 3L * hp)};");
            }
        }
        KernelEmitter.EmitColumns(w, path, cursor, "h", g.RecurrentColumns, blocks, g.RecurrentGates, (p, gate) => hNames[gate] + p, loopColumns, j => j >= layer.Hidden);

        ActivationFunction[] acts = weights.Activations.AsArray();
        float? clip = layer.Clip;
        for (int p = 0; p < blocks; p++)
        {
            Offset at = unit + 4 * p;
            string q = p.ToString(CultureInfo.InvariantCulture);
            switch (layer.Cell)
            {
                case CellKind.Lstm:
                    w.Line($"Vector128<float> cPrev{q} = {Load("c", at)};");
                    if (layer.HasPeepholes)
                    {
                        w.Line($"i{q} = Vector128.MultiplyAddEstimate({Load("peep", at)}, cPrev{q}, i{q});");
                        w.Line($"f{q} = Vector128.MultiplyAddEstimate({Load("peep", at + hp)}, cPrev{q}, f{q});");
                    }
                    w.Line($"i{q} = {ActivationEmitter.Apply(acts[0], "i" + q, clip)};");
                    w.Line(layer.InputForget ? $"f{q} = Vector128<float>.One - i{q};" : $"f{q} = {ActivationEmitter.Apply(acts[0], "f" + q, clip)};");
                    w.Line($"Vector128<float> cNew{q} = f{q} * cPrev{q} + i{q} * {ActivationEmitter.Apply(acts[1], "g" + q, clip)};");
                    w.Line($"cNew{q}.StoreUnsafe(ref c, {at});");
                    if (layer.HasPeepholes)
                    {
                        w.Line($"o{q} = Vector128.MultiplyAddEstimate({Load("peep", at + 2L * hp)}, cNew{q}, o{q});");
                    }
                    // ONNX Runtime clips gate pre-activations only, not the cell state fed to h(c).
                    w.Line($"({ActivationEmitter.Apply(acts[0], "o" + q, clip)} * {ActivationEmitter.Apply(acts[2], "cNew" + q)}).StoreUnsafe(ref hNext, {at});");
                    break;
                case CellKind.Gru when layer.LinearBeforeReset:
                    w.Line($"z{q} = {ActivationEmitter.Apply(acts[0], "z" + q, clip)};");
                    w.Line($"r{q} = {ActivationEmitter.Apply(acts[0], "r" + q, clip)};");
                    w.Line($"Vector128<float> n{q} = {ActivationEmitter.Apply(acts[1], $"nx{q} + r{q} * nh{q}", clip)};");
                    // (1 - z) n + z h = n + z (h - n)
                    w.Line($"Vector128.MultiplyAddEstimate(z{q}, {Load("h", at)} - n{q}, n{q}).StoreUnsafe(ref hNext, {at});");
                    break;
                case CellKind.Gru:
                    w.Line($"{ActivationEmitter.Apply(acts[0], "z" + q, clip)}.StoreUnsafe(ref zs, {at});");
                    w.Line($"({ActivationEmitter.Apply(acts[0], "r" + q, clip)} * {Load("h", at)}).StoreUnsafe(ref rhs, {at});");
                    w.Line($"nx{q}.StoreUnsafe(ref nxs, {at});");
                    break;
                default:
                    w.Line($"{ActivationEmitter.Apply(acts[0], "a" + q, clip)}.StoreUnsafe(ref hNext, {at});");
                    break;
            }
        }
    }

    // GRU without linear_before_reset: n = g(x Wn + Rn (r * h) + biases), h = (1 - z) n + z h.
    private static void EmitSecondPhasePass(IndentedWriter w, SimdPath path, KernelPlan kernel, DirectionWeights weights,
        WeightCursor cursor, int blocks, Offset unit, bool loopColumns)
    {
        var layer = (RecurrentLayer)kernel.Layer;
        for (int p = 0; p < blocks; p++)
        {
            w.Line($"Vector128<float> n{p} = {Load("nxs", unit + 4 * p)};");
        }
        KernelEmitter.EmitColumns(w, path, cursor, "rhs", kernel.Geometry.RecurrentColumns, blocks, 1, (p, _) => "n" + p, loopColumns, j => j >= layer.Hidden);
        for (int p = 0; p < blocks; p++)
        {
            Offset at = unit + 4 * p;
            w.Line($"n{p} = {ActivationEmitter.Apply(weights.Activations[1], "n" + p, layer.Clip)};");
            w.Line($"Vector128.MultiplyAddEstimate({Load("zs", at)}, {Load("h", at)} - n{p}, n{p}).StoreUnsafe(ref hNext, {at});");
        }
    }

    private static void EmitPaddingMask(IndentedWriter w, RecurrentLayer layer, KernelGeometry g)
    {
        int real = layer.Hidden % KernelGeometry.Lanes;
        if (real == 0) return;
        int last = g.PaddedOutputs - KernelGeometry.Lanes;
        string mask = "Vector128.Create(" + string.Join(", ", new[] { 0, 1, 2, 3 }.Select(l => l < real ? "uint.MaxValue" : "0u")) + ").AsSingle()";
        w.Line($"Vector128<float> padding = {mask};");
        w.Line($"({Load("hNext", Offset.Constant(last))} & padding).StoreUnsafe(ref hNext, {last});");
        if (layer.Cell == CellKind.Lstm)
        {
            w.Line($"({Load("c", Offset.Constant(last))} & padding).StoreUnsafe(ref c, {last});");
        }
    }

    private static void EmitScalarStep(IndentedWriter w, KernelPlan kernel, RecurrentLayer layer, DirectionWeights weights)
    {
        KernelGeometry g = kernel.Geometry;
        int hp = g.PaddedOutputs, xg = g.InputGates * 4, hg = g.RecurrentGates * 4;
        ActivationFunction[] acts = weights.Activations.AsArray();
        float? clip = layer.Clip;
        string[] xNames = InputGateNames(layer), hNames = RecurrentGateNames(layer);

        w.Line("// Plain float loops over the same packed layout, for targets without SIMD; only real units are computed, padding stays 0.");
        w.Open($"private static void {kernel.Name}_Step_Scalar(ref float x, ref float state)");
        EmitRefs(w, kernel, layer);
        w.Open($"for (int u = 0; u < {layer.Hidden}; u++)");
        EmitScalarPassPosition(w, g);
        w.Line($"int xAt = pass * {g.FullPassLength} + p * {xg} + lane, xStride = blocks * {xg};");
        w.Line($"int hAt = xAt - p * {xg} + {g.InputColumns} * xStride + p * {hg}, hStride = blocks * {hg};");
        for (int s = 0; s < xNames.Length; s++)
        {
            w.Line($"float {xNames[s]} = Unsafe.Add(ref bias, {s * hp} + u);");
        }
        if (layer.Cell == CellKind.Gru && layer.LinearBeforeReset) w.Line($"float nh = Unsafe.Add(ref bias, {3 * hp} + u);");
        EmitScalarColumns(w, "x", g.InputColumns, "xAt", "xStride", xNames);
        EmitScalarColumns(w, "h", layer.Hidden, "hAt", "hStride", hNames);
        switch (layer.Cell)
        {
            case CellKind.Lstm:
                w.Line("float cPrev = Unsafe.Add(ref c, u);");
                if (layer.HasPeepholes)
                {
                    w.Line("i += Unsafe.Add(ref peep, u) * cPrev;");
                    w.Line($"f += Unsafe.Add(ref peep, {hp} + u) * cPrev;");
                }
                w.Line($"i = {ActivationEmitter.Apply(acts[0], "i", clip)};");
                w.Line(layer.InputForget ? "f = 1f - i;" : $"f = {ActivationEmitter.Apply(acts[0], "f", clip)};");
                w.Line($"float cNew = f * cPrev + i * {ActivationEmitter.Apply(acts[1], "g", clip)};");
                w.Line("Unsafe.Add(ref c, u) = cNew;");
                if (layer.HasPeepholes) w.Line($"o += Unsafe.Add(ref peep, {2 * hp} + u) * cNew;");
                w.Line($"Unsafe.Add(ref hNext, u) = {ActivationEmitter.Apply(acts[0], "o", clip)} * {ActivationEmitter.Apply(acts[2], "cNew")};");
                break;
            case CellKind.Gru when layer.LinearBeforeReset:
                w.Line($"z = {ActivationEmitter.Apply(acts[0], "z", clip)};");
                w.Line($"r = {ActivationEmitter.Apply(acts[0], "r", clip)};");
                w.Line($"float n = {ActivationEmitter.Apply(acts[1], "nx + r * nh", clip)};");
                w.Line("Unsafe.Add(ref hNext, u) = n + z * (Unsafe.Add(ref h, u) - n);");
                break;
            case CellKind.Gru:
                w.Line($"Unsafe.Add(ref zs, u) = {ActivationEmitter.Apply(acts[0], "z", clip)};");
                w.Line($"Unsafe.Add(ref rhs, u) = {ActivationEmitter.Apply(acts[0], "r", clip)} * Unsafe.Add(ref h, u);");
                w.Line("Unsafe.Add(ref nxs, u) = nx;");
                break;
            default:
                w.Line($"Unsafe.Add(ref hNext, u) = {ActivationEmitter.Apply(acts[0], "a", clip)};");
                break;
        }
        w.Close();
        if (g.HasSecondPhase)
        {
            w.Open($"for (int u = 0; u < {layer.Hidden}; u++)");
            EmitScalarPassPosition(w, g);
            w.Line($"int at = {g.FirstPhaseLength} + pass * {(long)g.BlocksPerPass * 4 * hp} + p * 4 + lane, stride = blocks * 4;");
            w.Line("float n = Unsafe.Add(ref nxs, u);");
            w.Line($"for (int j = 0; j < {layer.Hidden}; j++) n += Unsafe.Add(ref w, at + j * stride) * Unsafe.Add(ref rhs, j);");
            w.Line($"n = {ActivationEmitter.Apply(acts[1], "n", clip)};");
            w.Line("Unsafe.Add(ref hNext, u) = n + Unsafe.Add(ref zs, u) * (Unsafe.Add(ref h, u) - n);");
            w.Close();
        }
        w.Line($"MemoryMarshal.CreateReadOnlySpan(ref hNext, {hp}).CopyTo(MemoryMarshal.CreateSpan(ref h, {hp}));");
        w.Close();
    }

    /// <summary>Locates unit u in the stream: its pass, its block p within the pass, the pass's block count, its lane.</summary>
    internal static void EmitScalarPassPosition(IndentedWriter w, KernelGeometry g)
    {
        int tail = g.Blocks - g.FullPasses * g.BlocksPerPass;
        w.Line($"int block = u >> 2, lane = u & 3, pass = block / {g.BlocksPerPass}, p = block - pass * {g.BlocksPerPass};");
        w.Line(tail == 0 ? $"int blocks = {g.BlocksPerPass};" : $"int blocks = pass < {g.FullPasses} ? {g.BlocksPerPass} : {tail};");
    }

    internal static void EmitScalarColumns(IndentedWriter w, string source, int columns, string at, string stride, string[] names)
    {
        w.Open($"for (int j = 0; j < {columns}; j++)");
        w.Line($"float v = Unsafe.Add(ref {source}, j);");
        w.Line($"ref float wj = ref Unsafe.Add(ref w, {at} + j * {stride});");
        for (int s = 0; s < names.Length; s++)
        {
            w.Line(s == 0 ? $"{names[s]} += wj * v;" : $"{names[s]} += Unsafe.Add(ref wj, {4 * s}) * v;");
        }
        w.Close();
    }
}
