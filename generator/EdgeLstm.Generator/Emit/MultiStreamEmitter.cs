using System;
using System.Collections.Generic;
using System.Linq;
using EdgeLstm.Cells;
using EdgeLstm.Model;
using EdgeLstm.Plan;
using static EdgeLstm.Generator.Emit.GlobalNames;

namespace EdgeLstm.Generator.Emit;

/// <summary>
/// The multi-stream form (<c>[RecurrentModel(..., Streams = N)]</c>): N independent states stepped together, each
/// weight read once per step for all of them.
/// </summary>
/// <remarks>
/// <para>Layout: streams are the vector lanes. Every float of the single-stream state becomes a row of
/// <c>Lanes</c> floats (N rounded up to a multiple of 4), so element i of stream s lives at <c>i * Lanes + s</c>; the
/// input rows are transposed into the same form first. A kernel then works one hidden unit (or dense row) at a time:
/// each weight is broadcast once and multiplied with the column of that input for every stream, and the cell update
/// and activations run on vectors of streams, with no padding lanes to waste.</para>
/// <para>Same floats as N single-stream models: the kernels read the same packed weights and add the columns in the
/// same order as the single-stream path of the same machine (<see cref="KernelEmitter.AccumulatorSets"/>, fused
/// multiply-adds on SIMD hardware, plain loops without it), and the cell update is the cell's own code.</para>
/// </remarks>
internal static class MultiStreamEmitter
{
    /// <summary>Why a network cannot be generated with several streams, or null when it can.</summary>
    public static string? Unsupported(NetworkModel network)
    {
        if (!network.IsStreaming)
        {
            return "a model with a reverse or bidirectional layer runs whole windows, not steps";
        }
        for (int i = 0; i < network.Layers.Count; i++)
        {
            switch (network.Layers[i])
            {
                case RecurrentLayer r when r.HasPeepholes:
                    return $"layer {i} has peepholes";
                case RecurrentLayer r when r.Definition.Packing(r).SecondPhase is not null:
                    return $"layer {i} ({r.Definition.DisplayName}{string.Concat(r.Definition.Options(r).Select(o => ", " + o))}) has a second matrix product per step";
                case DenseLayer { Activation.Kind: ActivationKind.Softmax } when i != network.Layers.Count - 1:
                    return $"layer {i} applies softmax before another layer";
            }
        }
        return null;
    }

    /// <summary>Floats per state element: the streams rounded up to whole vectors of 4.</summary>
    public static int Lanes(int streams) => KernelGeometry.Pad(streams);

    /// <summary>
    /// Floats of the multi-stream state: the transposed input, then the single-stream state, all times <see cref="Lanes"/>;
    /// then, with 8 streams, the scratch of the register-tiled product (<see cref="MultiStreamTileEmitter"/>).
    /// </summary>
    public static int StateLength(ModelPlan plan, int streams) => ScratchOffset(plan, streams) + ScratchLength(plan, streams);

    private static int ScratchOffset(ModelPlan plan, int streams) => (InputColumns(plan) + plan.StateLength) * Lanes(streams);

    private static int ScratchLength(ModelPlan plan, int streams) => Lanes(streams) == Wide.Lanes ? MultiStreamTileEmitter.ScratchLength(plan) : 0;

    private static int InputColumns(ModelPlan plan) => KernelGeometry.Pad(plan.Network.InputSize);

    /// <summary>StepStreams, its helpers and every layer's multi-stream kernels, into the kernels class.</summary>
    public static void Emit(IndentedWriter w, ModelPlan plan, int streams)
    {
        int lanes = Lanes(streams), inputs = plan.Network.InputSize, outputs = plan.Network.OutputSize;
        int stateBase = InputColumns(plan) * lanes;
        w.Line($"internal const int Streams = {streams};");
        w.Line($"private const int Lanes = {lanes};");
        w.Line($"internal const int StreamStateLength = {StateLength(plan, streams)};");
        w.Line();
        w.Line("/// <summary>One row per stream, [Streams, InputSize] in, [Streams, OutputSize] out; <paramref name=\"state\"/> is the first float of the streams' state.</summary>");
        w.Open($"internal static void StepStreams({ReadOnlySpanOfFloat} inputs, {SpanOfFloat} outputs, ref float state)");
        w.Line("if (inputs.Length != Streams * InputSize) ThrowLength(nameof(inputs), Streams + \" rows of \" + InputSize, inputs.Length);");
        w.Line("if (outputs.Length != Streams * OutputSize) ThrowLength(nameof(outputs), Streams + \" rows of \" + OutputSize, outputs.Length);");
        w.Line($"StepStreamsCore(ref {MemoryMarshal}.GetReference(inputs), ref {MemoryMarshal}.GetReference(outputs), ref state);");
        w.Close();
        w.Line();
        w.Line("/// <summary>Zeroes the state of one stream.</summary>");
        w.Open("internal static void ResetStream(int stream, ref float state)");
        w.Line($"if ((uint)stream >= Streams) throw new global::System.ArgumentOutOfRangeException(nameof(stream), stream, \"Expected a stream from 0 to \" + (Streams - 1) + \".\");");
        w.Line($"for (int i = stream; i < StreamStateLength; i += Lanes) {Unsafe}.Add(ref state, i) = 0f;");
        w.Close();
        w.Line();

        w.Line("// The rows go in transposed (feature-major, one lane per stream), every layer steps all streams, the last layer's rows come out.");
        w.Open("private static void StepStreamsCore(ref float input, ref float output, ref float s)");
        w.Open("for (int stream = 0; stream < Streams; stream++)");
        w.Line($"for (int j = 0; j < InputSize; j++) {Unsafe}.Add(ref s, j * Lanes + stream) = {Unsafe}.Add(ref input, stream * InputSize + j);");
        w.Close();
        string x = "s";
        foreach (LayerPlan layer in plan.Layers)
        {
            KernelPlan kernel = layer.Kernels[0];
            string state = $"{Unsafe}.Add(ref s, {stateBase + kernel.StateOffset * lanes})";
            w.Line($"{kernel.Name}_Streams(ref {x}, ref {state});");
            x = state;
        }
        w.Open("for (int stream = 0; stream < Streams; stream++)");
        w.Line($"for (int k = 0; k < OutputSize; k++) {Unsafe}.Add(ref output, stream * OutputSize + k) = {Unsafe}.Add(ref {x}, k * Lanes + stream);");
        if (plan.Layers[plan.Layers.Count - 1].Layer is DenseLayer { Activation.Kind: ActivationKind.Softmax })
        {
            w.Line($"Softmax(ref {Unsafe}.Add(ref output, stream * OutputSize), OutputSize);");
        }
        w.Close();
        w.Close();
        w.Line();
        _ = inputs;
        _ = outputs;

        foreach (LayerPlan layer in plan.Layers)
        {
            KernelPlan kernel = layer.Kernels[0];
            switch (kernel.Layer)
            {
                case RecurrentLayer recurrent:
                    EmitRecurrent(w, kernel, recurrent, lanes, ScratchOffset(plan, streams) - stateBase - kernel.StateOffset * lanes);
                    break;
                case DenseLayer dense:
                    EmitDense(w, kernel, dense, lanes);
                    break;
                default:
                    throw new ArgumentException($"A {kernel.Layer.GetType().Name} is not a layer the emitter knows.", nameof(plan));
            }
        }
    }

    /// <summary>
    /// The user's class of a multi-stream model: sizes, Step over [Streams, InputSize], Reset, Reset(stream), SelfTest,
    /// and the state of every stream inline. It implements IMultiStreamModel, not IStreamingModel (whose Step takes one row).
    /// </summary>
    public static void EmitPublicSurface(IndentedWriter w, ModelClassSpec spec, ModelPlan plan, string kernels, Action<string> member)
    {
        NetworkModel network = spec.Network;
        int streams = spec.Streams;
        w.Open($"partial class {spec.ClassName} : {IMultiStreamModel}");
        w.Line("/// <summary>Features per input row.</summary>");
        w.Line(GeneratedCode);
        w.Line($"public const int InputSize = {network.InputSize};");
        w.Line();
        w.Line("/// <summary>Features per output row.</summary>");
        w.Line(GeneratedCode);
        w.Line($"public const int OutputSize = {network.OutputSize};");
        w.Line();
        w.Line("/// <summary>Independent streams (channels, machines) stepped together; each has its own state.</summary>");
        w.Line(GeneratedCode);
        w.Line($"public const int Streams = {streams};");
        w.Line();
        member($"static int {IMultiStreamModel}.InputSize => InputSize;");
        member($"static int {IMultiStreamModel}.OutputSize => OutputSize;");
        member($"static int {IMultiStreamModel}.Streams => Streams;");
        w.Line();
        w.Line("/// <summary>");
        w.Line("/// Consumes one row per stream, row-major [Streams, InputSize], and writes one output row per stream, [Streams, OutputSize].");
        w.Line("/// Stream s gives exactly what a single-stream model would give for the rows stream s has seen; each weight is read once for all streams.");
        w.Line("/// </summary>");
        w.Line($"/// <exception cref=\"{ArgumentExceptionType}\">A span has the wrong length; the state is unchanged.</exception>");
        member($"public void Step({ReadOnlySpanOfFloat} inputs, {SpanOfFloat} outputs) => {kernels}.StepStreams(inputs, outputs, ref {ModelEmitter.StateField}[0]);");
        w.Line();
        w.Line("/// <summary>Returns every stream's state to zero.</summary>");
        member($"public void Reset() => {ModelEmitter.StateField} = default;");
        w.Line();
        w.Line("/// <summary>Returns one stream's state to zero (a sensor reconnected, a machine restarted); the others carry on.</summary>");
        w.Line("/// <exception cref=\"global::System.ArgumentOutOfRangeException\"><paramref name=\"stream\"/> is not in [0, Streams).</exception>");
        member($"public void Reset(int stream) => {kernels}.ResetStream(stream, ref {ModelEmitter.StateField}[0]);");
        w.Line();
        w.Line("/// <summary>");
        w.Line($"/// Runs the {spec.SelfTest.Steps} built-in input rows through every stream from the zero state and returns the largest absolute");
        w.Line("/// difference from the double-precision reference outputs computed at build time (NaN if any output is NaN). Expect about 1e-6.");
        w.Line("/// Allocates its buffers: call it at start-up, not in the hot loop.");
        w.Line("/// </summary>");
        member($"public static float SelfTest() => {kernels}.SelfTestStreams();");
        w.Line();
        int perStream = ScratchOffset(plan, streams), scratch = ScratchLength(plan, streams);
        w.Comment(scratch == 0
            ? $"The state of all {streams} streams, inline ({StateLength(plan, streams)} floats): element i of stream s at i * {Lanes(streams)} + s."
            : $"The state of all {streams} streams, inline ({StateLength(plan, streams)} floats): element i of stream s at i * {Lanes(streams)} + s in the first {perStream}; " +
              $"the last {scratch} are the register-tiled product's scratch, written before they are read in every step (no stream's state).");
        w.Line(GeneratedCode);
        w.Line($"private {ModelEmitter.StateType} {ModelEmitter.StateField};");
        w.Line();
        w.Line("/// <summary>The streams' state, in one inline array.</summary>");
        w.Line(GeneratedCode);
        w.Line($"[{InlineArray}({StateLength(plan, streams)})]");
        w.Open($"private struct {ModelEmitter.StateType}");
        w.Line("private float _element0;");
        w.Close();
        w.Close();
    }

    /// <summary>SelfTestStreams: the single-stream self-test rows fed to every stream at once.</summary>
    public static void EmitSelfTest(IndentedWriter w)
    {
        w.Line("/// <summary>The largest absolute difference from the reference outputs, every stream fed the built-in inputs from the zero state.</summary>");
        w.Open("internal static float SelfTestStreams()");
        w.Line($"if (!{BitConverterType}.IsLittleEndian) return float.NaN;");
        w.Line("float[] state = new float[StreamStateLength];");
        w.Line("float[] rows = new float[Streams * InputSize], outputs = new float[Streams * OutputSize];");
        w.Line($"{ReadOnlySpanOfFloat} inputs = SelfTestInputs, expected = SelfTestExpected;");
        w.Line("float worst = 0f;");
        w.Open("for (int t = 0; t < inputs.Length / InputSize; t++)");
        w.Line($"for (int stream = 0; stream < Streams; stream++) inputs.Slice(t * InputSize, InputSize).CopyTo(new {SpanOfFloat}(rows, stream * InputSize, InputSize));");
        w.Line("StepStreams(rows, outputs, ref state[0]);");
        w.Open("for (int i = 0; i < outputs.Length; i++)");
        w.Line("if (float.IsNaN(outputs[i])) return float.NaN;");
        w.Line($"worst = {MathFType}.Max(worst, {MathFType}.Abs(outputs[i] - expected[t * OutputSize + i % OutputSize]));");
        w.Close();
        w.Close();
        w.Line("return worst;");
        w.Close();
        w.Line();
    }

    /// <summary>A vector width of the multi-stream kernels: 4 streams per Vector128, or 8 per Vector256 (x64, when the lanes allow).</summary>
    private sealed record Width(string Class, int Lanes, string Suffix)
    {
        public string OfFloat => Class + "<float>";
    }

    private static readonly Width Narrow = new(Vector128, 4, "Vector");
    private static readonly Width Wide = new(Vector256, 8, "Vector256");
    private static readonly Width Widest = new(Vector512, 16, "Vector512");

    /// <summary>The widths a kernel is emitted in, widest first: each must hold a whole number of stream groups.</summary>
    private static IEnumerable<Width> Widths(int lanes) => new[] { Widest, Wide, Narrow }.Where(width => width == Narrow || lanes % width.Lanes == 0);

    /// <summary>
    /// Whether a recurrent layer also gets the unit-pair form: with 8 lanes of streams, a 16-lane vector (AVX-512) holds
    /// two hidden units of every stream, so each column's 8 inputs are spread once and serve every gate of a block's
    /// 4 units (whole blocks: the hidden size is a multiple of 4).
    /// </summary>
    private static bool HasUnitPairs(RecurrentLayer layer, int lanes) => lanes == Wide.Lanes && layer.Hidden % KernelGeometry.Lanes == 0;

    private static void EmitDispatch(IndentedWriter w, string name, string x, string y, int lanes, bool unitPairs = false)
    {
        w.Line(AggressiveInlining);
        w.Open($"private static void {name}_Streams(ref float {x}, ref float {y})");
        string keyword = "if";
        if (unitPairs)
        {
            w.Line($"if ({Vector512}.IsHardwareAccelerated)");
            w.Line($"    {name}_Streams_UnitPairs(ref {x}, ref {y});");
            keyword = "else if";
        }
        foreach (Width width in Widths(lanes))
        {
            w.Line($"{keyword} ({width.Class}.IsHardwareAccelerated)");
            w.Line($"    {name}_Streams_{width.Suffix}(ref {x}, ref {y});");
            keyword = "else if";
        }
        w.Line("else");
        w.Line($"    {name}_Streams_Scalar(ref {x}, ref {y});");
        w.Close();
        w.Line();
    }

    // ---- Recurrent layers ----

    private static void EmitRecurrent(IndentedWriter w, KernelPlan kernel, RecurrentLayer layer, int lanes, int scratchOffset)
    {
        KernelGeometry g = kernel.Geometry;
        CellCode code = layer.Definition.Code(layer);
        DirectionWeights weights = layer.Directions[kernel.Direction];
        w.Line($"// ---- Layer {kernel.LayerIndex}, all streams: one hidden unit at a time, the streams in the lanes ----");
        bool unitPairs = HasUnitPairs(layer, lanes);
        EmitDispatch(w, kernel.Name, "x", "state", lanes, unitPairs);
        if (unitPairs)
        {
            EmitUnitPairs(w, kernel, layer, code, weights, lanes, scratchOffset);
        }

        // Vector forms: 16 or 8 streams per vector where the lanes allow and the hardware has them, else 4.
        foreach (Width width in Widths(lanes))
        {
            var cell = new CellWriter(w, layer, weights, g.PaddedOutputs, vectorClass: width.Class);
            w.Open($"private static void {kernel.Name}_Streams_{width.Suffix}(ref float x, ref float state)");
            EmitRefs(w, kernel, lanes);
            ForEachPassKind(w, g.FirstPhase, (first, end, blocks) =>
            {
                w.Open($"for (int u = {first}; u < {end}; u++)");
                EmitPosition(w, g, blocks);
                w.Line($"nuint us = (nuint)u * Lanes;");
                EmitVectorUnit(w, kernel, layer, code, cell, lanes, blocks, width);
                w.Close();
            });
            w.Line($"{MemoryMarshal}.CreateReadOnlySpan(ref hNext, {kernel.OutputWidth * lanes}).CopyTo({MemoryMarshal}.CreateSpan(ref h, {kernel.OutputWidth * lanes}));");
            w.Close();
            w.Line();
        }

        // Scalar form: the single-stream scalar step's loops, for each stream.
        var scalarCell = new CellWriter(w, layer, weights, g.PaddedOutputs, unitIndex: "us");
        IReadOnlyList<GateBiasSlots> slots = layer.Definition.Packing(layer).GateBiasSlots;
        IReadOnlyList<string> xNames = code.InputAccumulators, hNames = code.RecurrentAccumulators;
        int hp = g.PaddedOutputs;
        w.Open($"private static void {kernel.Name}_Streams_Scalar(ref float x, ref float state)");
        EmitRefs(w, kernel, lanes);
        w.Open($"for (int u = 0; u < {layer.Hidden}; u++)");
        RecurrentLayerEmitter.EmitScalarPassPosition(w, g.FirstPhase);
        w.Line($"int xAt = pass * {g.FullPassLength} + p * {g.InputGates * 4} + lane, xStride = blocks * {g.InputGates * 4};");
        w.Line($"int hAt = xAt - p * {g.InputGates * 4} + {g.InputColumns} * xStride + p * {g.RecurrentGates * 4}, hStride = blocks * {g.RecurrentGates * 4};");
        w.Open("for (int stream = 0; stream < Streams; stream++)");
        w.Line("int us = u * Lanes + stream;");
        for (int s = 0; s < xNames.Count; s++)
        {
            w.Line($"float {xNames[s]} = {Unsafe}.Add(ref bias, {slots[s].Input * hp} + u);");
        }
        for (int s = 0; s < hNames.Count; s++)
        {
            if (slots[s].IsSplit) w.Line($"float {hNames[s]} = {Unsafe}.Add(ref bias, {slots[s].Recurrent * hp} + u);");
        }
        EmitScalarColumns(w, "x", g.InputColumns, "xAt", "xStride", xNames);
        EmitScalarColumns(w, "h", layer.OutputsPerDirection, "hAt", "hStride", hNames);
        code.EmitScalarUpdate(scalarCell);
        w.Close();
        w.Close();
        w.Line($"{MemoryMarshal}.CreateReadOnlySpan(ref hNext, {kernel.OutputWidth * lanes}).CopyTo({MemoryMarshal}.CreateSpan(ref h, {kernel.OutputWidth * lanes}));");
        w.Close();
        w.Line();
    }

    private static void EmitRefs(IndentedWriter w, KernelPlan kernel, int lanes)
    {
        w.Line($"ref float w = ref {MemoryMarshal}.GetReference({kernel.Name}_Weights);");
        w.Line($"ref float bias = ref {MemoryMarshal}.GetReference({kernel.Name}_Bias);");
        foreach (StateSlot vector in kernel.StateVectors)
        {
            w.Line(vector.Offset == 0
                ? $"ref float {vector.Name} = ref state; // {vector.Meaning}, {lanes} lanes per unit"
                : $"ref float {vector.Name} = ref {Unsafe}.Add(ref state, {vector.Offset * lanes}); // {vector.Meaning}, {lanes} lanes per unit");
        }
    }

    /// <summary>
    /// Calls <paramref name="emit"/> with the unit range of the full passes and, if any, of the shorter last pass:
    /// the number of blocks in a unit's pass decides its accumulator sets, which must be constants.
    /// </summary>
    private static void ForEachPassKind(IndentedWriter w, KernelPhase phase, Action<int, int, int> emit)
    {
        int unitsPerPass = phase.BlocksPerPass * KernelGeometry.Lanes;
        int fullUnits = Math.Min(phase.FullPasses * unitsPerPass, phase.Outputs);
        if (fullUnits > 0) emit(0, fullUnits, phase.BlocksPerPass);
        int tail = phase.Blocks - phase.FullPasses * phase.BlocksPerPass;
        if (tail != 0 && phase.Outputs > fullUnits) emit(fullUnits, phase.Outputs, tail);
    }

    // Where unit u's weights start in the stream (as the single-stream scalar step finds them), for a pass of `blocks` blocks.
    private static void EmitPosition(IndentedWriter w, KernelGeometry g, int blocks)
    {
        int xg = g.InputGates * 4, hg = g.RecurrentGates * 4;
        w.Line($"int block = u >> 2, lane = u & 3, pass = block / {g.BlocksPerPass}, p = block - pass * {g.BlocksPerPass};");
        w.Line($"nuint xAt = (nuint)(pass * {g.FullPassLength} + p * {xg} + lane);");
        if (g.RecurrentColumns > 0)
        {
            w.Line($"nuint hAt = xAt - (nuint)(p * {xg}) + {(long)g.InputColumns * blocks * xg} + (nuint)(p * {hg});");
        }
    }

    private static void EmitVectorUnit(IndentedWriter w, KernelPlan kernel, RecurrentLayer layer, CellCode code, CellWriter cell, int lanes, int blocks, Width width)
    {
        KernelGeometry g = kernel.Geometry;
        int hp = g.PaddedOutputs, groups = lanes / width.Lanes;
        IReadOnlyList<GateBiasSlots> slots = layer.Definition.Packing(layer).GateBiasSlots;
        IReadOnlyList<string> xNames = code.InputAccumulators, hNames = code.RecurrentAccumulators;
        for (int s = 0; s < xNames.Count; s++)
        {
            w.Line($"{width.OfFloat} {xNames[s]}Bias = {width.Class}.Create({Unsafe}.Add(ref bias, {slots[s].Input * hp} + u));");
            for (int q = 0; q < groups; q++) w.Line($"{width.OfFloat} {xNames[s]}{q} = {xNames[s]}Bias;");
        }
        EmitVectorColumns(w, "x", "xAt", g.InputColumns, (long)blocks * g.InputGates * 4, g.InputGates, blocks, xNames, groups, width);
        for (int s = 0; s < hNames.Count; s++)
        {
            if (!slots[s].IsSplit) continue;
            w.Line($"{width.OfFloat} {hNames[s]}Bias = {width.Class}.Create({Unsafe}.Add(ref bias, {slots[s].Recurrent * hp} + u));");
            for (int q = 0; q < groups; q++) w.Line($"{width.OfFloat} {hNames[s]}{q} = {hNames[s]}Bias;");
        }
        EmitVectorColumns(w, "h", "hAt", g.RecurrentColumns, (long)blocks * g.RecurrentGates * 4, g.RecurrentGates, blocks, hNames, groups, width);
        for (int q = 0; q < groups; q++)
        {
            code.EmitVectorUpdate(cell, q, Offset.Variable("us") + (long)width.Lanes * q);
        }
    }

    /// <summary>
    /// The unit-pair form (8 lanes of streams, AVX-512): a block's 4 units of all 8 streams in two 16-lane vectors, units
    /// u + 2q and u + 2q + 1 in vector q. While the columns are read, lane 2s + k of vector q holds unit u + 2q + k of
    /// stream s: the two units' weights of a gate lie next to each other in the packed stream (same block), so one
    /// 64-bit broadcast loads them for every stream, and a column's 8 inputs are spread over the pairs of lanes once for
    /// every gate of the 4 units (8 independent multiply-add chains per set). Afterwards one permute per accumulator puts
    /// the lower unit's streams in lanes 0–7 and the upper's in lanes 8–15, which is where they lie in the state, and
    /// the cell's own update runs on 16 lanes. Each lane sees the single-stream kernel's operations in its order, so the
    /// floats are the same. Whole passes take the register-tiled product instead (<see cref="MultiStreamTileEmitter"/>:
    /// one weight load per 8 multiply-adds instead of one per multiply-add) and the same update; this form keeps the rest.
    /// </summary>
    private static void EmitUnitPairs(IndentedWriter w, KernelPlan kernel, RecurrentLayer layer, CellCode code, DirectionWeights weights, int lanes, int scratchOffset)
    {
        KernelGeometry g = kernel.Geometry;
        int hp = g.PaddedOutputs;
        var cell = new CellWriter(w, layer, weights, hp, vectorClass: Vector512);
        IReadOnlyList<GateBiasSlots> slots = layer.Definition.Packing(layer).GateBiasSlots;
        IReadOnlyList<string> xNames = code.InputAccumulators, hNames = code.RecurrentAccumulators;
        MultiStreamTileEmitter.TileShape? tiles = MultiStreamTileEmitter.Shape(g);
        if (tiles is not null)
        {
            MultiStreamTileEmitter.EmitTileProduct(w, kernel, tiles, slots);
        }
        w.Open($"private static void {kernel.Name}_Streams_UnitPairs(ref float x, ref float state)");
        EmitRefs(w, kernel, lanes);
        int tiled = 0;
        if (tiles is not null)
        {
            w.Line($"ref float scratch = ref {Unsafe}.Add(ref state, {scratchOffset});");
            MultiStreamTileEmitter.EmitTileLoop(w, kernel, code, cell, tiles, slots);
            tiled = tiles.Tiles * tiles.Units;
        }
        bool pairsLeft = tiled < g.Outputs;
        if (pairsLeft)
        {
            w.Line($"{Vector512}<int> spread = {Vector512}.Create(0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7);");
            w.Line($"{Vector512}<int> gather = {Vector512}.Create(0, 2, 4, 6, 8, 10, 12, 14, 1, 3, 5, 7, 9, 11, 13, 15);");
        }
        ForEachPassKind(w, g.FirstPhase, (first, end, blocks) =>
        {
            first = Math.Max(first, tiled);
            if (first >= end) return;
            w.Open($"for (int u = {first}; u < {end}; u += {KernelGeometry.Lanes})");
            EmitPosition(w, g, blocks);
            w.Line($"nuint us = (nuint)u * Lanes;");
            for (int s = 0; s < xNames.Count; s++)
            {
                for (int q = 0; q < UnitPairsPerBlock; q++)
                {
                    w.Line($"{Vector512OfFloat} {xNames[s]}{q} = {UnitPair("bias", $"{slots[s].Input * hp + 2 * q} + u")};");
                }
            }
            EmitUnitPairColumns(w, "x", "xAt", g.InputColumns, (long)blocks * g.InputGates * 4, g.InputGates, blocks, xNames);
            for (int s = 0; s < hNames.Count; s++)
            {
                if (!slots[s].IsSplit) continue;
                for (int q = 0; q < UnitPairsPerBlock; q++)
                {
                    w.Line($"{Vector512OfFloat} {hNames[s]}{q} = {UnitPair("bias", $"{slots[s].Recurrent * hp + 2 * q} + u")};");
                }
            }
            EmitUnitPairColumns(w, "h", "hAt", g.RecurrentColumns, (long)blocks * g.RecurrentGates * 4, g.RecurrentGates, blocks, hNames);
            foreach (string name in xNames.Concat(hNames).Distinct())
            {
                for (int q = 0; q < UnitPairsPerBlock; q++) w.Line($"{name}{q} = {Vector512}.Shuffle({name}{q}, gather);");
            }
            for (int q = 0; q < UnitPairsPerBlock; q++)
            {
                code.EmitVectorUpdate(cell, q, Offset.Variable("us") + 2L * Wide.Lanes * q);
            }
            w.Close();
        });
        w.Line($"{MemoryMarshal}.CreateReadOnlySpan(ref hNext, {kernel.OutputWidth * lanes}).CopyTo({MemoryMarshal}.CreateSpan(ref h, {kernel.OutputWidth * lanes}));");
        w.Close();
        w.Line();
    }

    private const int UnitPairsPerBlock = KernelGeometry.Lanes / 2;

    /// <summary>The two floats at <paramref name="offset"/> of <paramref name="reference"/> in every pair of lanes (one 64-bit broadcast).</summary>
    private static string UnitPair(string reference, string offset)
        => $"{Vector512}.AsSingle({Vector512}.Create({Unsafe}.ReadUnaligned<double>(ref {Unsafe}.As<float, byte>(ref {Unsafe}.Add(ref {reference}, {offset})))))";

    // The unit-pair form's column run: as EmitVectorColumns, with the column spread over lane pairs and weight pairs.
    private static void EmitUnitPairColumns(IndentedWriter w, string source, string at, int columns, long stride, int gates, int blocks, IReadOnlyList<string> names)
    {
        int sets = KernelEmitter.AccumulatorSets(blocks * gates);
        string Acc(int gate, int q, int set) => set == 0 ? $"{names[gate]}{q}" : $"{names[gate]}{q}_{set}";
        w.Open();
        for (int gate = 0; gate < gates; gate++)
        {
            for (int q = 0; q < UnitPairsPerBlock; q++)
            {
                for (int set = 1; set < sets; set++) w.Line($"{Vector512OfFloat} {Acc(gate, q, set)} = {Vector512OfFloat}.Zero;");
            }
        }
        w.Line($"ref float {source}w = ref {Unsafe}.Add(ref w, {at});");
        w.Open($"for (nuint j = 0; j < {columns}; j += {sets})");
        for (int set = 0; set < sets; set++)
        {
            w.Line($"{Vector512OfFloat} v{set} = {Vector512}.Shuffle({Vector256}.ToVector512Unsafe({Vector256}.LoadUnsafe(ref {source}, (j + {set}) * Lanes)), spread);");
            for (int gate = 0; gate < gates; gate++)
            {
                for (int q = 0; q < UnitPairsPerBlock; q++)
                {
                    w.Line($"{Acc(gate, q, set)} = {Vector512}.MultiplyAddEstimate({UnitPair($"{source}w", $"(j + {set}) * {stride} + {4 * gate + 2 * q}")}, v{set}, {Acc(gate, q, set)});");
                }
            }
        }
        w.Close();
        for (int gate = 0; gate < gates; gate++)
        {
            for (int q = 0; q < UnitPairsPerBlock; q++)
            {
                w.Line($"{Acc(gate, q, 0)} += {KernelEmitter.CombineSets(sets, set => Acc(gate, q, set))};");
            }
        }
        w.Close();
    }

    /// <summary>
    /// Accumulates every gate of one unit over a run of columns for every group of 4 streams, column j into set
    /// j % sets as the single-stream kernels do for a pass of <paramref name="blocks"/> blocks.
    /// </summary>
    private static void EmitVectorColumns(IndentedWriter w, string source, string at, int columns, long stride, int gates, int blocks,
        IReadOnlyList<string> names, int groups, Width width)
    {
        int sets = KernelEmitter.AccumulatorSets(blocks * gates);
        string Acc(int gate, int q, int set) => set == 0 ? $"{names[gate]}{q}" : $"{names[gate]}{q}_{set}";
        w.Open();
        for (int gate = 0; gate < gates; gate++)
        {
            for (int q = 0; q < groups; q++)
            {
                for (int set = 1; set < sets; set++) w.Line($"{width.OfFloat} {Acc(gate, q, set)} = {width.OfFloat}.Zero;");
            }
        }
        w.Line($"ref float {source}w = ref {Unsafe}.Add(ref w, {at});");
        w.Open($"for (nuint j = 0; j < {columns}; j += {sets})");
        for (int set = 0; set < sets; set++)
        {
            for (int q = 0; q < groups; q++)
            {
                w.Line($"{width.OfFloat} v{set}_{q} = {width.Class}.LoadUnsafe(ref {source}, (j + {set}) * Lanes + {width.Lanes * q});");
            }
            for (int gate = 0; gate < gates; gate++)
            {
                w.Line($"{width.OfFloat} w{set}_{gate} = {width.Class}.Create({Unsafe}.Add(ref {source}w, (j + {set}) * {stride} + {4 * gate}));");
                for (int q = 0; q < groups; q++)
                {
                    w.Line($"{Acc(gate, q, set)} = {width.Class}.MultiplyAddEstimate(w{set}_{gate}, v{set}_{q}, {Acc(gate, q, set)});");
                }
            }
        }
        w.Close();
        for (int gate = 0; gate < gates; gate++)
        {
            for (int q = 0; q < groups; q++)
            {
                w.Line($"{Acc(gate, q, 0)} += {KernelEmitter.CombineSets(sets, set => Acc(gate, q, set))};");
            }
        }
        w.Close();
    }

    // The single-stream scalar columns loop, reading stream `stream`'s lane of the source.
    private static void EmitScalarColumns(IndentedWriter w, string source, int columns, string at, string stride, IReadOnlyList<string> names)
    {
        w.Open($"for (int j = 0; j < {columns}; j++)");
        w.Line($"float v = {Unsafe}.Add(ref {source}, j * Lanes + stream);");
        w.Line($"ref float wj = ref {Unsafe}.Add(ref w, {at} + j * {stride});");
        for (int s = 0; s < names.Count; s++)
        {
            w.Line(s == 0 ? $"{names[s]} += wj * v;" : $"{names[s]} += {Unsafe}.Add(ref wj, {4 * s}) * v;");
        }
        w.Close();
    }

    // ---- Dense layers ----

    private static void EmitDense(IndentedWriter w, KernelPlan kernel, DenseLayer layer, int lanes)
    {
        KernelGeometry g = kernel.Geometry;
        string Activate(string operand) => layer.Activation.IsElementwise ? ActivationEmitter.Apply(layer.Activation, operand) : operand;
        bool rowPairs = HasRowPairs(layer, lanes);
        w.Line(rowPairs
            ? $"// ---- Layer {kernel.LayerIndex}, all streams: the streams in the lanes, a block of 4 rows at a time with AVX-512 (two rows per vector), else one row at a time ----"
            : $"// ---- Layer {kernel.LayerIndex}, all streams: one row at a time, the streams in the lanes ----");
        EmitDispatch(w, kernel.Name, "x", "y", lanes, rowPairs);

        if (rowPairs)
        {
            EmitDenseRowPairs(w, kernel, Activate);
        }
        foreach (Width width in Widths(lanes))
        {
            w.Open($"private static void {kernel.Name}_Streams_{width.Suffix}(ref float x, ref float y)");
            w.Line($"ref float w = ref {MemoryMarshal}.GetReference({kernel.Name}_Weights);");
            w.Line($"ref float bias = ref {MemoryMarshal}.GetReference({kernel.Name}_Bias);");
            ForEachPassKind(w, g.FirstPhase, (first, end, blocks) => EmitDenseRows(w, g, first, end, blocks, lanes, width, Activate));
            w.Close();
            w.Line();
        }

        w.Open($"private static void {kernel.Name}_Streams_Scalar(ref float x, ref float y)");
        w.Line($"ref float w = ref {MemoryMarshal}.GetReference({kernel.Name}_Weights);");
        w.Line($"ref float bias = ref {MemoryMarshal}.GetReference({kernel.Name}_Bias);");
        w.Open($"for (int u = 0; u < {layer.Outputs}; u++)");
        RecurrentLayerEmitter.EmitScalarPassPosition(w, g.FirstPhase);
        w.Line($"int xAt = pass * {g.FullPassLength} + p * 4 + lane, xStride = blocks * 4;");
        w.Open("for (int stream = 0; stream < Streams; stream++)");
        w.Line($"float a = {Unsafe}.Add(ref bias, u);");
        EmitScalarColumns(w, "x", g.InputColumns, "xAt", "xStride", new[] { "a" });
        w.Line($"{Unsafe}.Add(ref y, u * Lanes + stream) = {Activate("a")};");
        w.Close();
        w.Close();
        w.Close();
        w.Line();
    }

    /// <summary>
    /// Whether a dense layer also gets the row-pair form: with 8 lanes of streams, a 16-lane vector (AVX-512) holds two
    /// rows of every stream, so a whole block of 4 rows runs as 2 vectors × the pass's accumulator sets, independent
    /// chains instead of one row's (a head of 4 rows otherwise waits on the multiply-add latency of each row in turn).
    /// </summary>
    private static bool HasRowPairs(DenseLayer layer, int lanes) => lanes == Wide.Lanes && layer.Outputs >= KernelGeometry.Lanes;

    // Rows first..end-1 of a pass kind, one row at a time: each row's weight broadcast, the streams in the lanes.
    private static void EmitDenseRows(IndentedWriter w, KernelGeometry g, int first, int end, int blocks, int lanes, Width width, Func<string, string> activate)
    {
        int groups = lanes / width.Lanes;
        w.Open($"for (int u = {first}; u < {end}; u++)");
        EmitPosition(w, g, blocks);
        w.Line($"{width.OfFloat} aBias = {width.Class}.Create({Unsafe}.Add(ref bias, u));");
        for (int q = 0; q < groups; q++) w.Line($"{width.OfFloat} a{q} = aBias;");
        EmitVectorColumns(w, "x", "xAt", g.InputColumns, (long)blocks * 4, 1, blocks, new[] { "a" }, groups, width);
        for (int q = 0; q < groups; q++)
        {
            w.Line($"{width.Class}.StoreUnsafe({activate("a" + q)}, ref y, (nuint)u * Lanes + {width.Lanes * q});");
        }
        w.Close();
    }

    /// <summary>
    /// The row-pair form of a dense layer (8 lanes of streams, AVX-512): whole blocks of 4 rows as the unit-pair form
    /// runs a block's units (rows u + 2q and u + 2q + 1 in vector q, lane 2s + k holding row u + 2q + k of stream s,
    /// the same accumulator sets and sums per lane), then rows left over from a last, partial block one at a time.
    /// </summary>
    private static void EmitDenseRowPairs(IndentedWriter w, KernelPlan kernel, Func<string, string> activate)
    {
        KernelGeometry g = kernel.Geometry;
        w.Open($"private static void {kernel.Name}_Streams_UnitPairs(ref float x, ref float y)");
        w.Line($"ref float w = ref {MemoryMarshal}.GetReference({kernel.Name}_Weights);");
        w.Line($"ref float bias = ref {MemoryMarshal}.GetReference({kernel.Name}_Bias);");
        w.Line($"{Vector512}<int> spread = {Vector512}.Create(0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7);");
        w.Line($"{Vector512}<int> gather = {Vector512}.Create(0, 2, 4, 6, 8, 10, 12, 14, 1, 3, 5, 7, 9, 11, 13, 15);");
        ForEachPassKind(w, g.FirstPhase, (first, end, blocks) =>
        {
            int wholeBlocks = first + (end - first) / KernelGeometry.Lanes * KernelGeometry.Lanes;
            if (wholeBlocks > first)
            {
                w.Open($"for (int u = {first}; u < {wholeBlocks}; u += {KernelGeometry.Lanes})");
                EmitPosition(w, g, blocks);
                for (int q = 0; q < UnitPairsPerBlock; q++)
                {
                    w.Line($"{Vector512OfFloat} a{q} = {UnitPair("bias", $"{2 * q} + u")};");
                }
                EmitUnitPairColumns(w, "x", "xAt", g.InputColumns, (long)blocks * 4, 1, blocks, new[] { "a" });
                for (int q = 0; q < UnitPairsPerBlock; q++)
                {
                    w.Line($"{Vector512}.StoreUnsafe({activate($"{Vector512}.Shuffle(a{q}, gather)")}, ref y, (nuint)u * Lanes + {2 * Wide.Lanes * q});");
                }
                w.Close();
            }
            if (end > wholeBlocks)
            {
                EmitDenseRows(w, g, wholeBlocks, end, blocks, Wide.Lanes, Wide, activate);
            }
        });
        w.Close();
        w.Line();
    }
}
