using System;
using System.Linq;
using EdgeLstm.Model;
using EdgeLstm.Plan;
using static EdgeLstm.Generator.Emit.GlobalNames;

namespace EdgeLstm.Generator.Emit;

/// <summary>
/// How a streaming model's <c>Run</c> uses its scratch memory: the window is cut into chunks of
/// <see cref="ChunkSteps"/> steps, and each chunk goes through the model layer by layer, so that a recurrent layer's
/// input projection for the whole chunk is one matrix product (<see cref="ProjectionEmitter"/>). The scratch holds the
/// chunk's projected rows and the rows one layer hands to the next; it is an inline array in the instance, sized here
/// at build time, so Run allocates nothing for any T.
/// </summary>
internal sealed record RunScratch(int ChunkSteps, int ProjectionRow, int RowStride)
{
    /// <summary>Floats the scratch may take: small enough to stay in the L1 cache beside the weights being streamed.</summary>
    private const int Budget = 4096;

    private const int MinChunk = 4, MaxChunk = 32;

    /// <summary>Where the layer-to-layer rows start (after the projected rows).</summary>
    public int RowsOffset => ChunkSteps * ProjectionRow;

    /// <summary>Floats of scratch per instance.</summary>
    public int Length => ChunkSteps * (ProjectionRow + RowStride);

    public static RunScratch For(ModelPlan plan)
    {
        int projection = plan.Kernels.Where(k => k.Layer is RecurrentLayer).Select(ProjectionEmitter.RowLength).DefaultIfEmpty(0).Max();
        // The last layer writes straight to the caller's outputs; every other layer's rows pass through the scratch.
        int stride = plan.Layers.Take(plan.Layers.Count - 1).Select(l => l.OutputWidth).DefaultIfEmpty(0).Max();
        int perStep = Math.Max(1, projection + stride);
        int chunk = Math.Max(MinChunk, Math.Min(MaxChunk, Budget / perStep / MinChunk * MinChunk));
        return new RunScratch(chunk, projection, stride);
    }
}

/// <summary>
/// Run for streaming models (every recurrent layer forward): a chunk of steps at a time, layer by layer. A recurrent
/// layer first projects the chunk's inputs (bias + W_x · x_t for every step, one blocked matrix product), then steps
/// through the chunk adding only W_h · h (<see cref="RecurrentLayerEmitter.EmitRecurrence"/>); its h rows are the next
/// layer's inputs. The state carries over between calls exactly as with Step, and the floats are Step's.
/// </summary>
internal static class RunEmitter
{
    /// <summary>
    /// The largest hidden size at which Run stays Step's code over the rows (no projection, no scratch, no Run kernels):
    /// up to it a step costs 50–310 ns and the chunk's extra passes (projected rows stored and reloaded, h copied to the
    /// scratch, the dense head in a loop of its own) cost more than the projection saves. Measured on main 4484dfb
    /// (BenchmarkDotNet, CPU-time clock, fastest of 15 × 100 ms, ns per step, Step vs chunked Run; notes/i15-finish.md):
    /// LSTM H = 8 / 16 / 32: 53 vs 67, 97 vs 144, 305 vs 314; GRU 50 vs 63, 80 vs 134, 244 vs 274. From H = 64 the
    /// chunked Run is level or ahead: LSTM 64 1,304 vs 1,253, GRU 64 954 vs 882, 2×LSTM 64 3,436 vs 2,899, H = 128 and
    /// 256 within 1 % either way.
    /// </summary>
    internal const int StepLoopMaxHidden = 32;

    /// <summary>
    /// Whether a model's Run projects chunks of inputs (<see cref="EmitRun"/> with <see cref="RunScratch"/>) rather than
    /// looping over Step's code: a streaming model with at least one recurrent layer wider than <see cref="StepLoopMaxHidden"/>.
    /// Both forms give Step's floats bit for bit.
    /// </summary>
    public static bool ProjectsChunks(ModelPlan plan) =>
        plan.Network.IsStreaming && plan.Layers.Any(layer => layer.Layer is RecurrentLayer { Hidden: > StepLoopMaxHidden });

    public static void EmitRun(IndentedWriter w, ModelPlan plan)
    {
        if (!ProjectsChunks(plan))
        {
            EmitStepLoop(w);
            return;
        }
        RunScratch scratch = RunScratch.For(plan);
        w.Line($"/// <summary>Floats of the scratch Run works in: {scratch.ChunkSteps} steps of projected rows ({scratch.ProjectionRow} floats) and of layer-to-layer rows ({scratch.RowStride} floats).</summary>");
        w.Line($"internal const int RunScratchLength = {scratch.Length};");
        w.Line();
        w.Line("/// <summary>");
        w.Line($"/// Every row, continuing from the state, {scratch.ChunkSteps} steps at a time: each recurrent layer projects the chunk's inputs in one");
        w.Line("/// matrix product, then runs its recurrence on them; the same floats as Step row by row.");
        w.Line("/// </summary>");
        w.Open($"internal static void Run({ReadOnlySpanOfFloat} inputs, {SpanOfFloat} outputs, ref float state, ref float scratch)");
        w.Line("int steps = CheckRows(inputs.Length, outputs.Length);");
        w.Line($"ref float input = ref {MemoryMarshal}.GetReference(inputs);");
        w.Line($"ref float output = ref {MemoryMarshal}.GetReference(outputs);");
        if (scratch.RowStride != 0)
        {
            w.Line($"ref float rows = ref {Unsafe}.Add(ref scratch, {scratch.RowsOffset});");
        }
        w.Open($"for (int start = 0; start < steps; start += {scratch.ChunkSteps})");
        w.Line($"int n = steps - start < {scratch.ChunkSteps} ? steps - start : {scratch.ChunkSteps};");
        w.Line($"ref float x = ref {Unsafe}.Add(ref input, start * InputSize);");
        w.Line($"ref float y = ref {Unsafe}.Add(ref output, start * OutputSize);");
        for (int index = 0; index < plan.Layers.Count; index++)
        {
            LayerPlan layer = plan.Layers[index];
            KernelPlan kernel = layer.Kernels[0];
            bool first = index == 0, last = index == plan.Layers.Count - 1;
            (string source, int sourceStride) = first ? ("x", plan.Network.InputSize) : ("rows", scratch.RowStride);
            (string target, int targetStride, string copied) = last ? ("y", plan.Network.OutputSize, "OutputSize") : ("rows", scratch.RowStride, kernel.OutputWidth.ToString(System.Globalization.CultureInfo.InvariantCulture));
            string state = $"{Unsafe}.Add(ref state, {kernel.StateOffset})";
            string copy = $"{MemoryMarshal}.CreateReadOnlySpan(ref {state}, {copied}).CopyTo({MemoryMarshal}.CreateSpan(ref {Unsafe}.Add(ref {target}, k * {targetStride}), {copied}));";
            w.Line($"// Layer {index}: {ModelEmitter.DescribeLayer(layer.Layer)}.");
            if (layer.Layer is RecurrentLayer)
            {
                int row = ProjectionEmitter.RowLength(kernel);
                w.Line($"{kernel.Name}_Project(ref {source}, ref scratch, n);");
                w.Open("for (int k = 0; k < n; k++)");
                if (ReversedPasses.Applies(kernel))
                {
                    // Forward and reverse walks by turns (the chunk is an even number of steps): each step starts on
                    // the weights the previous one read last, still in the L1 cache.
                    w.Line($"if ((k & 1) == 0) {kernel.Name}_Recur(ref {Unsafe}.Add(ref scratch, k * {row}), ref {state});");
                    w.Line($"else {kernel.Name}_RecurBack(ref {Unsafe}.Add(ref scratch, k * {row}), ref {state});");
                }
                else
                {
                    w.Line($"{kernel.Name}_Recur(ref {Unsafe}.Add(ref scratch, k * {row}), ref {state});");
                }
                w.Line(copy);
                w.Close();
            }
            else
            {
                w.Open("for (int k = 0; k < n; k++)");
                if (first && plan.CopiesInput)
                {
                    // The dense kernel reads whole groups of 4 columns: the row goes through the zero-padded copy, as in Step.
                    w.Line($"{MemoryMarshal}.CreateReadOnlySpan(ref {Unsafe}.Add(ref x, k * InputSize), InputSize).CopyTo({MemoryMarshal}.CreateSpan(ref state, InputSize));");
                    w.Line($"{kernel.Name}(ref state, ref {state});");
                }
                else
                {
                    w.Line($"{kernel.Name}(ref {Unsafe}.Add(ref {source}, k * {sourceStride}), ref {state});");
                }
                w.Line(copy);
                w.Close();
            }
        }
        w.Close();
        w.Close();
        w.Line();
    }

    /// <summary>Run of a model too small for the projection to pay (<see cref="ProjectsChunks"/>): Step's code over every row.</summary>
    private static void EmitStepLoop(IndentedWriter w)
    {
        w.Line("/// <summary>Step over every row, continuing from the state (the layers are too small for a chunked input projection to pay).</summary>");
        w.Open($"internal static void Run({ReadOnlySpanOfFloat} inputs, {SpanOfFloat} outputs, ref float state)");
        w.Line("int steps = CheckRows(inputs.Length, outputs.Length);");
        w.Line($"ref float input = ref {MemoryMarshal}.GetReference(inputs);");
        w.Line($"ref float output = ref {MemoryMarshal}.GetReference(outputs);");
        w.Line("for (int t = 0; t < steps; t++)");
        w.Line($"    StepCore(ref {Unsafe}.Add(ref input, t * InputSize), ref {Unsafe}.Add(ref output, t * OutputSize), ref state);");
        w.Close();
        w.Line();
    }

    /// <summary>The input projection and the recurrence of every recurrent kernel, which only a chunked Run calls.</summary>
    public static void EmitKernels(IndentedWriter w, ModelPlan plan, KernelPlan kernel)
    {
        if (kernel.Layer is not RecurrentLayer || !ProjectsChunks(plan)) return;
        int stride = kernel.LayerIndex == 0 ? plan.Network.InputSize : RunScratch.For(plan).RowStride;
        ProjectionEmitter.Emit(w, kernel, stride);
        RecurrentLayerEmitter.EmitRecurrence(w, kernel);
    }
}
