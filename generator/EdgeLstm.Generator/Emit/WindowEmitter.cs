using System.Collections.Generic;
using EdgeLstm.Model;
using EdgeLstm.Plan;
using static EdgeLstm.Generator.Emit.GlobalNames;

namespace EdgeLstm.Generator.Emit;

/// <summary>
/// Run for models with a reverse or bidirectional layer: every call is one whole window from the zero state,
/// computed layer by layer (each direction sweeps all T steps) through two sequence buffers.
/// </summary>
internal static class WindowEmitter
{
    public static void EmitRun(IndentedWriter w, ModelPlan plan)
    {
        int inputSize = plan.Network.InputSize;
        w.Line("/// <summary>One whole window from the zero state; <paramref name=\"state\"/> is the first float of the model's state.</summary>");
        w.Open($"internal static void Run({ReadOnlySpanOfFloat} inputs, {SpanOfFloat} outputs, ref float state)");
        w.Line("int steps = CheckRows(inputs.Length, outputs.Length);");
        w.Line("if (steps == 0) return;");
        w.Comment(
            "A reverse pass needs every step's input before its first output, and T is only known here, so the\n" +
            "per-layer sequences cannot live in the fixed-size instance state. They are rented from the shared pool:\n" +
            "after the first call with a given window size no allocation happens.");
        w.Line($"int length = checked(steps * {plan.SequenceWidth});");
        w.Line($"float[] first = {ArrayPoolOfFloat}.Shared.Rent(length);");
        w.Line($"float[] second = {ArrayPoolOfFloat}.Shared.Rent(length);");
        w.Open("try");
        w.Line("ref float s = ref state;");
        w.Line($"ref float a = ref {MemoryMarshal}.GetArrayDataReference(first);");
        w.Line($"ref float b = ref {MemoryMarshal}.GetArrayDataReference(second);");
        w.Line($"ref float input = ref {MemoryMarshal}.GetReference(inputs);");
        string source = "input", target = "a";
        int sourceWidth = inputSize;
        if (plan.CopiesInput)
        {
            w.Line($"// Input rows padded with zeros to {plan.InputWidth} floats.");
            w.Line($"{MemoryMarshal}.CreateSpan(ref a, steps * {plan.InputWidth}).Clear();");
            w.Line("for (int t = 0; t < steps; t++)");
            w.Line($"    {MemoryMarshal}.CreateReadOnlySpan(ref {Unsafe}.Add(ref input, t * InputSize), InputSize).CopyTo({MemoryMarshal}.CreateSpan(ref {Unsafe}.Add(ref a, t * {plan.InputWidth}), InputSize));");
            source = "a";
            target = "b";
            sourceWidth = plan.InputWidth;
        }
        foreach (LayerPlan layer in plan.Layers)
        {
            w.Line($"// Layer {layer.Index}: rows of {sourceWidth} in {source}, rows of {layer.OutputWidth} to {target}.");
            foreach (KernelPlan kernel in layer.Kernels)
            {
                string row = $"ref {Unsafe}.Add(ref {source}, t * {sourceWidth})";
                string output = $"ref {Unsafe}.Add(ref {target}, t * {layer.OutputWidth}{(kernel.Direction == 0 ? "" : " + " + kernel.OutputWidth * kernel.Direction)})";
                if (kernel.Layer is DenseLayer)
                {
                    w.Line("for (int t = 0; t < steps; t++)");
                    w.Line($"    {kernel.Name}({row}, {output});");
                    continue;
                }
                string state = $"ref {Unsafe}.Add(ref s, {kernel.StateOffset})";
                w.Line($"{MemoryMarshal}.CreateSpan({state}, {kernel.StateLength}).Clear();");
                w.Open(kernel.IsReverse ? "for (int t = steps - 1; t >= 0; t--)" : "for (int t = 0; t < steps; t++)");
                w.Line($"{kernel.Name}_Step({row}, {state});");
                w.Line($"{MemoryMarshal}.CreateReadOnlySpan({state}, {kernel.OutputWidth}).CopyTo({MemoryMarshal}.CreateSpan({output}, {kernel.OutputWidth}));");
                w.Close();
            }
            source = target;
            target = target == "a" ? "b" : "a";
            sourceWidth = layer.OutputWidth;
        }

        w.Line($"ref float result = ref {MemoryMarshal}.GetReference(outputs);");
        w.Open("for (int t = 0; t < steps; t++)");
        foreach ((int slot, int feature, int length) in plan.Layers[plan.Layers.Count - 1].OutputSegments())
        {
            w.Line($"{MemoryMarshal}.CreateReadOnlySpan(ref {Unsafe}.Add(ref {source}, t * {sourceWidth} + {slot}), {length}).CopyTo({MemoryMarshal}.CreateSpan(ref {Unsafe}.Add(ref result, t * OutputSize + {feature}), {length}));");
        }
        w.Close();
        w.Close();
        w.Open("finally");
        w.Line($"{ArrayPoolOfFloat}.Shared.Return(first);");
        w.Line($"{ArrayPoolOfFloat}.Shared.Return(second);");
        w.Close();
        w.Close();
        w.Line();
    }
}
