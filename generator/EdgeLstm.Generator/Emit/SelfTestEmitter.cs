using EdgeLstm.Generator.Model;

namespace EdgeLstm.Generator.Emit;

/// <summary>
/// Emits <c>SelfTest()</c>: a fresh instance runs the inputs baked at generation time and is compared with the
/// outputs the double-precision reference computed for them, so a board can check its build at boot.
/// </summary>
internal static class SelfTestEmitter
{
    public static void Emit(IndentedWriter w, ModelClassSpec spec)
    {
        SelfTestData data = spec.SelfTest;
        w.Line($"/// <summary>");
        w.Line($"/// Runs {data.Steps} built-in input rows on a fresh instance and returns the largest absolute difference from the");
        w.Line("/// double-precision reference outputs computed at build time (NaN if any output is NaN, or on a big-endian machine,");
        w.Line("/// which the baked weight encoding does not support). Expect about 1e-6.");
        w.Line("/// Allocates the output buffer: call it at start-up, not in the hot loop.");
        w.Line("/// </summary>");
        w.Open("public static float SelfTest()");
        w.Line("if (!BitConverter.IsLittleEndian) return float.NaN;");
        w.Line($"var model = new {spec.ClassName}();");
        w.Line("ReadOnlySpan<float> expected = SelfTestExpected;");
        w.Line("float[] outputs = new float[expected.Length];");
        w.Line("model.Run(SelfTestInputs, outputs);");
        w.Line("float worst = 0f;");
        w.Open("for (int i = 0; i < outputs.Length; i++)");
        w.Line("if (float.IsNaN(outputs[i])) return float.NaN;");
        w.Line("worst = MathF.Max(worst, MathF.Abs(outputs[i] - expected[i]));");
        w.Close();
        w.Line("return worst;");
        w.Close();
        w.Line();
        StaticDataEmitter.EmitArray(w, "SelfTestInputs", data.Inputs, $"Self-test input, [{data.Steps}, InputSize].");
        StaticDataEmitter.EmitArray(w, "SelfTestExpected", data.ExpectedOutputs, $"Reference output for the self-test input, [{data.Steps}, OutputSize].");
        w.Line();
    }
}
