using EdgeLstm.Model;
using EdgeLstm.Plan;
using static EdgeLstm.Generator.Emit.GlobalNames;

namespace EdgeLstm.Generator.Emit;

/// <summary>
/// Step and Run for streaming models (every recurrent layer forward): one row flows through every layer, the state
/// stays in the instance between calls, and Run is Step over the rows.
/// </summary>
internal static class StreamingEmitter
{
    public static void EmitStepAndRun(IndentedWriter w, ModelPlan plan)
    {
        w.Line("/// <summary>One row through every layer; <paramref name=\"state\"/> is the first float of the model's state.</summary>");
        w.Open($"internal static void Step({ReadOnlySpanOfFloat} input, {SpanOfFloat} output, ref float state)");
        w.Line("if (input.Length != InputSize) ThrowLength(nameof(input), \"one row of \" + InputSize, input.Length);");
        w.Line("if (output.Length != OutputSize) ThrowLength(nameof(output), \"one row of \" + OutputSize, output.Length);");
        w.Line($"StepCore(ref {MemoryMarshal}.GetReference(input), ref {MemoryMarshal}.GetReference(output), ref state);");
        w.Close();
        w.Line();

        w.Line("/// <summary>Step over every row, continuing from the state.</summary>");
        w.Open($"internal static void Run({ReadOnlySpanOfFloat} inputs, {SpanOfFloat} outputs, ref float state)");
        w.Line("int steps = CheckRows(inputs.Length, outputs.Length);");
        w.Line($"ref float input = ref {MemoryMarshal}.GetReference(inputs);");
        w.Line($"ref float output = ref {MemoryMarshal}.GetReference(outputs);");
        w.Line("for (int t = 0; t < steps; t++)");
        w.Line($"    StepCore(ref {Unsafe}.Add(ref input, t * InputSize), ref {Unsafe}.Add(ref output, t * OutputSize), ref state);");
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
