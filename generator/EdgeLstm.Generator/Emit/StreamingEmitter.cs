using EdgeLstm.Model;
using EdgeLstm.Plan;

namespace EdgeLstm.Generator.Emit;

/// <summary>
/// Step and Run for streaming models (every recurrent layer forward): one row flows through every layer, the state
/// stays in the instance between calls, and Run is Step over the rows.
/// </summary>
internal static class StreamingEmitter
{
    public static void EmitStep(IndentedWriter w, ModelPlan plan, string stateField)
    {
        w.Line("/// <summary>Consumes one input row (<see cref=\"InputSize\"/> floats) and writes one output row (<see cref=\"OutputSize\"/> floats).</summary>");
        w.Line("/// <exception cref=\"ArgumentException\">A span has the wrong length; the state is unchanged.</exception>");
        w.Open("public void Step(ReadOnlySpan<float> input, Span<float> output)");
        w.Line("if (input.Length != InputSize) ThrowLength(nameof(input), \"one row of \" + InputSize, input.Length);");
        w.Line("if (output.Length != OutputSize) ThrowLength(nameof(output), \"one row of \" + OutputSize, output.Length);");
        w.Line("StepCore(ref MemoryMarshal.GetReference(input), ref MemoryMarshal.GetReference(output));");
        w.Close();
        w.Line();

        w.Line("// One time step through every layer; each layer reads the previous layer's output where it lies in the state.");
        w.Open("private void StepCore(ref float input, ref float output)");
        w.Line($"ref float s = ref {stateField}[0];");
        string x = "input";
        if (plan.CopiesInput)
        {
            w.Line($"MemoryMarshal.CreateReadOnlySpan(ref input, InputSize).CopyTo(MemoryMarshal.CreateSpan(ref s, InputSize)); // slots {plan.Network.InputSize}..{plan.InputWidth - 1} stay 0");
            x = "s";
        }
        foreach (LayerPlan layer in plan.Layers)
        {
            KernelPlan kernel = layer.Kernels[0];
            string state = $"Unsafe.Add(ref s, {kernel.StateOffset})";
            w.Line(layer.Layer is DenseLayer
                ? $"{kernel.Name}(ref {x}, ref {state});"
                : $"{kernel.Name}_Step(ref {x}, ref {state});");
            x = state;
        }
        w.Line($"MemoryMarshal.CreateReadOnlySpan(ref {x}, OutputSize).CopyTo(MemoryMarshal.CreateSpan(ref output, OutputSize));");
        w.Close();
        w.Line();
    }

    public static void EmitRun(IndentedWriter w)
    {
        w.Line("/// <summary>Runs T = inputs.Length / InputSize steps over row-major [T, InputSize], continuing from the current state, and writes [T, OutputSize].</summary>");
        w.Line("/// <exception cref=\"ArgumentException\">The spans are not whole rows of matching counts; the state is unchanged.</exception>");
        w.Open("public void Run(ReadOnlySpan<float> inputs, Span<float> outputs)");
        w.Line("int steps = CheckRows(inputs.Length, outputs.Length);");
        w.Line("ref float input = ref MemoryMarshal.GetReference(inputs);");
        w.Line("ref float output = ref MemoryMarshal.GetReference(outputs);");
        w.Line("for (int t = 0; t < steps; t++)");
        w.Line("    StepCore(ref Unsafe.Add(ref input, t * InputSize), ref Unsafe.Add(ref output, t * OutputSize));");
        w.Close();
        w.Line();
        EmitCheckRows(w);
    }

    public static void EmitCheckRows(IndentedWriter w)
    {
        w.Open("private static int CheckRows(int inputs, int outputs)");
        w.Line("int steps = inputs / InputSize;");
        w.Line("if (inputs % InputSize != 0) ThrowLength(\"inputs\", \"whole rows of \" + InputSize, inputs);");
        w.Line("if ((long)steps * OutputSize != outputs) ThrowLength(\"outputs\", steps + \" rows of \" + OutputSize, outputs);");
        w.Line("return steps;");
        w.Close();
        w.Line();
    }
}
