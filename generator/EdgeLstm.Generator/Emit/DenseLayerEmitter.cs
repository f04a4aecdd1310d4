using EdgeLstm.Model;
using EdgeLstm.Plan;
using static EdgeLstm.Generator.Emit.GlobalNames;

namespace EdgeLstm.Generator.Emit;

/// <summary>
/// Emits a dense layer y = act(W x + b) with the recurrent kernels' scheme: rows in blocks of 4, for each input
/// column the blocks' 4 weights contiguous, bias as the accumulators' start. Softmax runs over the real outputs
/// after the product; every other activation is applied per block while the values are in registers.
/// </summary>
internal static class DenseLayerEmitter
{
    public static void Emit(IndentedWriter w, KernelPlan kernel)
    {
        var layer = (DenseLayer)kernel.Layer;
        KernelGeometry g = kernel.Geometry;
        w.Line($"// ---- Layer {kernel.LayerIndex}: dense, {layer.Inputs} inputs -> {layer.Outputs} outputs, activation {layer.Activation} ----");
        w.Comment(
            $"Packing: {layer.Outputs} rows padded to {g.PaddedOutputs} = {g.Blocks} block(s) of 4, {g.BlocksPerPass} block(s) per pass; per pass, for each of the\n" +
            $"{g.InputColumns} input columns (padding columns zero), the pass's blocks' 4 weights contiguously. Code shape: {kernel.Shape}.");
        StaticDataEmitter.EmitWeights(w, $"{kernel.Name}_Weights", kernel.Packed.Weights, kernel.WeightType, "Packed weights, in the order the layer reads them.");
        StaticDataEmitter.EmitArray(w, $"{kernel.Name}_Bias", kernel.Packed.Bias, $"Bias, padded to {g.PaddedOutputs}.");
        w.Line();

        w.Line($"/// <summary>Layer {kernel.LayerIndex}: reads x ({g.InputColumns} floats), writes y ({g.PaddedOutputs} floats, the first {layer.Outputs} real).</summary>");
        w.Line(AggressiveInlining);
        w.Open($"private static void {kernel.Name}(ref float x, ref float y)");
        w.Line($"if ({AdvSimdArm64}.IsSupported)");
        w.Line($"    {kernel.Name}_AdvSimd(ref x, ref y);");
        w.Line($"else if ({Vector128}.IsHardwareAccelerated)");
        w.Line($"    {kernel.Name}_Vector128(ref x, ref y);");
        w.Line("else");
        w.Line($"    {kernel.Name}_Scalar(ref x, ref y);");
        if (layer.Activation.Kind == ActivationKind.Softmax)
        {
            w.Line($"Softmax(ref y, {layer.Outputs});");
        }
        w.Close();
        w.Line();
        EmitVector(w, kernel, layer, SimdPath.AdvSimd);
        w.Line();
        EmitVector(w, kernel, layer, SimdPath.Vector128);
        w.Line();
        EmitScalar(w, kernel, layer);
        w.Line();
    }

    private static string Activate(DenseLayer layer, string operand)
        => layer.Activation.IsElementwise ? ActivationEmitter.Apply(layer.Activation, operand) : operand;

    private static void EmitVector(IndentedWriter w, KernelPlan kernel, DenseLayer layer, SimdPath path)
    {
        KernelGeometry g = kernel.Geometry;
        bool loopColumns = kernel.Shape == LoopShape.FullLoop;
        w.Open($"private static void {kernel.Name}_{path}(ref float x, ref float y)");
        w.Line($"ref float w = ref {MemoryMarshal}.GetReference({kernel.Name}_Weights);");
        w.Line($"ref float bias = ref {MemoryMarshal}.GetReference({kernel.Name}_Bias);");
        void Pass(WeightCursor cursor, int blocks, Offset unit)
        {
            for (int p = 0; p < blocks; p++)
            {
                w.Line($"{Vector128OfFloat} a{p} = {Vector128}.LoadUnsafe(ref bias, {unit + 4 * p});");
            }
            KernelEmitter.EmitColumns(w, path, cursor, "x", g.InputColumns, blocks, 1, (p, _) => "a" + p, loopColumns, j => kernel.InputSources[j] < 0);
            for (int p = 0; p < blocks; p++)
            {
                w.Line($"{Vector128}.StoreUnsafe({Activate(layer, "a" + p)}, ref y, {unit + 4 * p});");
            }
        }
        if (kernel.Shape == LoopShape.Unrolled)
        {
            foreach (KernelPhase.Pass pass in g.Passes)
            {
                w.Open();
                Pass(new WeightCursor("w", pass.Offset, kernel.WeightType), pass.Blocks, Offset.Constant(pass.FirstUnit));
                w.Close();
            }
        }
        else
        {
            w.Line("ref float wp = ref w;");
            RecurrentLayerEmitter.EmitLoopedPasses(w, g.FirstPhase, kernel.WeightType, Pass);
        }
        w.Close();
    }

    private static void EmitScalar(IndentedWriter w, KernelPlan kernel, DenseLayer layer)
    {
        KernelGeometry g = kernel.Geometry;
        w.Open($"private static void {kernel.Name}_Scalar(ref float x, ref float y)");
        w.Line($"ref float w = ref {MemoryMarshal}.GetReference({kernel.Name}_Weights);");
        w.Line($"ref float bias = ref {MemoryMarshal}.GetReference({kernel.Name}_Bias);");
        w.Open($"for (int u = 0; u < {layer.Outputs}; u++)");
        RecurrentLayerEmitter.EmitScalarPassPosition(w, g.FirstPhase);
        w.Line($"int xAt = pass * {g.FullPassLength} + p * 4 + lane, xStride = blocks * 4;");
        w.Line($"float a = {Unsafe}.Add(ref bias, u);");
        RecurrentLayerEmitter.EmitScalarColumns(w, "x", g.InputColumns, "xAt", "xStride", new[] { "a" });
        w.Line($"{Unsafe}.Add(ref y, u) = {Activate(layer, "a")};");
        w.Close();
        w.Close();
    }
}
