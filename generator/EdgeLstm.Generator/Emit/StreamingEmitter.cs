using EdgeLstm.Model;
using EdgeLstm.Plan;
using static EdgeLstm.Generator.Emit.GlobalNames;

namespace EdgeLstm.Generator.Emit;

/// <summary>
/// Step for streaming models (every recurrent layer forward): one row flows through every layer, and the state stays in
/// the instance between calls. Run, a chunk of rows at a time, is <see cref="RunEmitter"/>'s.
/// </summary>
internal static class StreamingEmitter
{
    public static void EmitStep(IndentedWriter w, ModelPlan plan)
    {
        w.Line("/// <summary>One row through every layer; <paramref name=\"state\"/> is the first float of the model's state.</summary>");
        w.Open($"internal static void Step({ReadOnlySpanOfFloat} input, {SpanOfFloat} output, ref float state)");
        w.Line("if (input.Length != InputSize) ThrowLength(nameof(input), \"one row of \" + InputSize, input.Length);");
        w.Line("if (output.Length != OutputSize) ThrowLength(nameof(output), \"one row of \" + OutputSize, output.Length);");
        w.Line($"StepCore(ref {MemoryMarshal}.GetReference(input), ref {MemoryMarshal}.GetReference(output), ref state);");
        w.Close();
        w.Line();

        w.Line("// One time step through every layer; each layer reads the previous layer's output where it lies in the state.");
        w.Open("private static void StepCore(ref float input, ref float output, ref float s)");
        string x = "input";
        if (plan.CopiesInput)
        {
            w.Line($"{MemoryMarshal}.CreateReadOnlySpan(ref input, InputSize).CopyTo({MemoryMarshal}.CreateSpan(ref s, InputSize)); // slots {plan.Network.InputSize}..{plan.InputWidth - 1} stay 0");
            x = "s";
        }
        foreach (LayerPlan layer in plan.Layers)
        {
            KernelPlan kernel = layer.Kernels[0];
            string state = $"{Unsafe}.Add(ref s, {kernel.StateOffset})";
            w.Line(layer.Layer is DenseLayer
                ? $"{kernel.Name}(ref {x}, ref {state});"
                : $"{kernel.Name}_Step(ref {x}, ref {state});");
            x = state;
        }
        w.Line($"{MemoryMarshal}.CreateReadOnlySpan(ref {x}, OutputSize).CopyTo({MemoryMarshal}.CreateSpan(ref output, OutputSize));");
        w.Close();
        w.Line();
    }
}
