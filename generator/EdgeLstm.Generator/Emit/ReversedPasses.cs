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
    /// so a forward walk starts each step where nothing is cached (the threshold of the 512-bit form,
    /// <see cref="WideKernelEmitter.MinWeights"/>: 32 KB). Smaller kernels stay cached and would only carry two copies
    /// of the step's code.
    /// </summary>
    public static bool Applies(KernelPlan kernel) => kernel.WeightCount >= WideKernelEmitter.MinWeights;

    /// <summary>
    /// Emits <paramref name="phase"/>'s passes last first: the shorter last pass, then the full passes in groups of
    /// <paramref name="groupSize"/> (the 512-bit form runs several at once, <see cref="WideKernelEmitter.PassesPerGroup"/>;
    /// every other path one), the group left over by that grouping first. Each pass gets a fresh weight reference
    /// <c>wp</c> at its start; <paramref name="emitPass"/> writes one pass (or group) from it, as in
    /// <see cref="RecurrentLayerEmitter.EmitLoopedPasses"/>.
    /// </summary>
    public static void Emit(IndentedWriter w, KernelPhase phase, int groupSize, WeightElementType weightType,
        Action<WeightCursor, int, Offset, PassGroup> emitPass)
    {
        int unitsPerPass = phase.BlocksPerPass * KernelGeometry.Lanes;
        int groups = phase.FullPasses / groupSize, rest = phase.FullPasses % groupSize;
        int tail = phase.Blocks - phase.FullPasses * phase.BlocksPerPass;
        PassGroup Group(int passes) => passes == 1 ? PassGroup.One : new PassGroup(passes, phase.FullPassLength);
        void Fixed(long offset, int blocks, int firstUnit, PassGroup group)
        {
            w.Open();
            w.Line($"ref float wp = ref {Unsafe}.Add(ref w, {offset});");
            emitPass(new WeightCursor("wp", 0, weightType), blocks, Offset.Constant(firstUnit), group);
            w.Close();
        }
        if (tail != 0)
        {
            Fixed(phase.Offset + phase.FullPasses * phase.FullPassLength, tail, phase.FullPasses * unitsPerPass, PassGroup.One);
        }
        if (rest != 0)
        {
            Fixed(phase.Offset + (long)groups * groupSize * phase.FullPassLength, phase.BlocksPerPass, groups * groupSize * unitsPerPass, Group(rest));
        }
        if (groups != 0)
        {
            long step = groupSize * phase.FullPassLength;
            w.Open();
            w.Line($"ref float wb = ref {Unsafe}.Add(ref w, {phase.Offset + groups * step});");
            w.Open($"for (nuint end = {groups * groupSize * unitsPerPass}; end != 0; end -= {groupSize * unitsPerPass})");
            w.Line($"nuint u = end - {groupSize * unitsPerPass};");
            w.Line($"wb = ref {Unsafe}.Subtract(ref wb, {step});");
            w.Line("ref float wp = ref wb;");
            emitPass(new WeightCursor("wp", 0, weightType), phase.BlocksPerPass, Offset.Variable("u"), Group(groupSize));
            w.Close();
            w.Close();
        }
    }
}
