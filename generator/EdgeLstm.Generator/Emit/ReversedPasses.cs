using System;
using EdgeLstm.Plan;
using static EdgeLstm.Generator.Emit.GlobalNames;

namespace EdgeLstm.Generator.Emit;

/// <summary>
/// The passes of a looped recurrence in reverse order, for the second kernel of Run's alternating walk
/// (<see cref="RunEmitter"/>): a step that reads the recurrent weights from the last pass back to the first starts
/// with the weights the step before it read last, which are still in the L1 cache. The passes compute disjoint
/// units and each keeps its own summation order, so the order of the passes changes no float.
/// </summary>
internal static class ReversedPasses
{
    /// <summary>
    /// Whether a recurrent kernel's Run alternates forward and reverse steps: its weights overflow the L1 data cache,
    /// so a forward walk starts each step where nothing is cached (8,192 weights: 32 KB). Smaller kernels stay cached
    /// and would only carry two copies of the step's code. The 512-bit form walks its own weight layout back by groups
    /// of chunks (<see cref="WideKernelEmitter.EmitFirstPhase"/>), and its second phase by the passes below.
    /// </summary>
    public static bool Applies(KernelPlan kernel) => kernel.WeightCount >= MinWeights;

    private const long MinWeights = 8192;

    /// <summary>
    /// Emits <paramref name="phase"/>'s passes last first: the shorter last pass, then the full passes from the last.
    /// Each pass gets a fresh weight reference <c>wp</c> at its start; <paramref name="emitPass"/> writes one pass from
    /// it, as in <see cref="RecurrentLayerEmitter.EmitLoopedPasses"/>.
    /// </summary>
    public static void Emit(IndentedWriter w, KernelPhase phase, WeightElementType weightType, Action<WeightCursor, int, Offset> emitPass)
    {
        int unitsPerPass = phase.BlocksPerPass * KernelGeometry.Lanes, passes = phase.FullPasses;
        int tail = phase.Blocks - phase.FullPasses * phase.BlocksPerPass;
        if (tail != 0)
        {
            w.Open();
            w.Line($"ref float wp = ref {Unsafe}.Add(ref w, {phase.Offset + phase.FullPasses * phase.FullPassLength});");
            emitPass(new WeightCursor("wp", 0, weightType), tail, Offset.Constant(phase.FullPasses * unitsPerPass));
            w.Close();
        }
        if (passes != 0)
        {
            w.Open();
            w.Line($"ref float wb = ref {Unsafe}.Add(ref w, {phase.Offset + passes * phase.FullPassLength});");
            w.Open($"for (nuint end = {passes * unitsPerPass}; end != 0; end -= {unitsPerPass})");
            w.Line($"nuint u = end - {unitsPerPass};");
            w.Line($"wb = ref {Unsafe}.Subtract(ref wb, {phase.FullPassLength});");
            w.Line("ref float wp = ref wb;");
            emitPass(new WeightCursor("wp", 0, weightType), phase.BlocksPerPass, Offset.Variable("u"));
            w.Close();
            w.Close();
        }
    }
}
