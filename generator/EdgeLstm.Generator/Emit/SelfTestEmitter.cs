using static EdgeLstm.Generator.Emit.GlobalNames;

namespace EdgeLstm.Generator.Emit;

/// <summary>
/// Emits the kernels' <c>SelfTest()</c>: the inputs baked at generation time run from a zero state and are compared with
/// the outputs the double-precision reference computed for them, so a board can check its build at boot. It runs on a
/// fresh state of its own rather than on an instance, so it needs nothing of the user's class.
/// </summary>
internal static class SelfTestEmitter
{
    public static void Emit(IndentedWriter w, ModelClassSpec spec)
    {
        SelfTestData data = spec.SelfTest;
        w.Line("/// <summary>The largest absolute difference from the reference outputs on the built-in inputs, from the zero state.</summary>");
        w.Open("internal static float SelfTest()");
        w.Line($"if (!{BitConverterType}.IsLittleEndian) return float.NaN;");
        w.Line("float[] state = new float[StateLength];");
        w.Line($"{ReadOnlySpanOfFloat} expected = SelfTestExpected;");
        w.Line("float[] outputs = new float[expected.Length];");
        if (spec.Network.IsStreaming)
        {
            // Row by row through Step's code, as a streaming device runs the model: the Run kernels (projection,
            // recurrence) stay out of a Native AOT binary that never calls Run, and the boot check tests the path the
            // device uses. Run gives the same floats (tested).
            w.Line($"{ReadOnlySpanOfFloat} inputs = SelfTestInputs;");
            w.Line("for (int t = 0; t < expected.Length / OutputSize; t++)");
            w.Line($"    StepCore(ref {MemoryMarshal}.GetReference(inputs.Slice(t * InputSize)), ref outputs[t * OutputSize], ref state[0]);");
        }
        else
        {
            w.Line("Run(SelfTestInputs, outputs, ref state[0]);");
        }
        w.Line("float worst = 0f;");
        w.Open("for (int i = 0; i < outputs.Length; i++)");
        w.Line("if (float.IsNaN(outputs[i])) return float.NaN;");
        w.Line($"worst = {MathFType}.Max(worst, {MathFType}.Abs(outputs[i] - expected[i]));");
        w.Close();
        w.Line("return worst;");
        w.Close();
        w.Line();
        StaticDataEmitter.EmitArray(w, "SelfTestInputs", data.Inputs, $"Self-test input, [{data.Steps}, InputSize].");
        StaticDataEmitter.EmitArray(w, "SelfTestExpected", data.ExpectedOutputs, $"Reference output for the self-test input, [{data.Steps}, OutputSize].");
        w.Line();
    }
}
