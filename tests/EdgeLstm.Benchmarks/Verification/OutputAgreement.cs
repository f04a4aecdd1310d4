using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using EdgeLstm.Benchmarks.Models;
using EdgeLstm.Benchmarks.OnnxRuntime;
using EdgeLstm.Benchmarks.Generated;

namespace EdgeLstm.Benchmarks.Verification;

/// <summary>
/// Before anything is timed, every implementation must compute the same outputs on the same inputs: a benchmark of
/// code that computes something else, or of a step graph that does not carry the state, would be meaningless.
/// ONNX Runtime's whole-sequence run is the yardstick.
/// </summary>
public static class OutputAgreement
{
    private const int Steps = 64;

    // Float32 implementations against each other and against the float64 reference: far below any real error
    // (a wrong gate or a dropped state is off by 1e-2 or more), far above rounding for H = 256.
    private const float Tolerance = 1e-4f;

    /// <summary>Checks every model; writes one line per model; false when any implementation disagrees.</summary>
    public static bool Check(TextWriter log)
    {
        float[] inputs = SensorSignal.Create(Steps, seed: 99);
        bool allAgree = true;
        foreach (BenchModel model in BenchModel.All)
        {
            float[] expected = RunOnnxSequence(model, inputs);
            if (!expected.Any(v => MathF.Abs(v) > 1e-3f))
            {
                // All-zero outputs would make every comparison pass; the yardstick itself must be alive.
                log.WriteLine($"  {model.Name,-10} ONNX Runtime's sequence outputs are all (near) zero: nothing to compare against.");
                allAgree = false;
                continue;
            }
            List<(string Name, float[] Outputs)> candidates = [("ONNX Runtime step graph", RunOnnxSteps(model, inputs))];
            candidates.Add(("reference", RunReference(model, inputs)));
            GeneratedModelHandle generated = GeneratedModelCatalog.All.Single(h => h.Name == model.Name);
            candidates.Add(("EdgeLstm Step", RunGeneratedSteps(generated, inputs)));
            candidates.Add(("EdgeLstm Run", RunGenerated(generated, inputs)));
            IEnumerable<string> parts = candidates.Select(c =>
            {
                float difference = MaxAbsoluteDifference(c.Outputs, expected);
                bool agrees = difference <= Tolerance; // false for NaN too
                allAgree &= agrees;
                return $"{c.Name} {difference:0.0e+0}{(agrees ? string.Empty : " DISAGREES")}";
            });
            log.WriteLine($"  {model.Name,-10} max |difference| from ONNX Runtime's sequence run: {string.Join(", ", parts)}");
        }
        return allAgree;
    }

    private static float[] RunOnnxSequence(BenchModel model, float[] inputs)
    {
        using OnnxSequenceRunner runner = new(model, Steps, OrtThreads.One);
        inputs.AsSpan().CopyTo(runner.Inputs);
        runner.Run();
        return runner.Outputs.ToArray();
    }

    private static float[] RunOnnxSteps(BenchModel model, float[] inputs)
    {
        using OnnxStepRunner runner = new(model, OrtThreads.One);
        float[] outputs = new float[Steps * BenchModel.OutputSize];
        for (int t = 0; t < Steps; t++)
        {
            inputs.AsSpan(t * BenchModel.InputSize, BenchModel.InputSize).CopyTo(runner.Input);
            runner.Step();
            runner.Output.CopyTo(outputs.AsSpan(t * BenchModel.OutputSize));
        }
        return outputs;
    }

    private static float[] RunReference(BenchModel model, float[] inputs)
    {
        float[] outputs = new float[Steps * BenchModel.OutputSize];
        ReferenceModel.Load(model.SequenceGraphPath).Run(inputs, outputs);
        return outputs;
    }

    private static float[] RunGeneratedSteps(GeneratedModelHandle model, float[] inputs)
    {
        float[] outputs = new float[Steps * BenchModel.OutputSize];
        model.Reset();
        for (int t = 0; t < Steps; t++)
        {
            model.Step(inputs.AsSpan(t * BenchModel.InputSize, BenchModel.InputSize), outputs.AsSpan(t * BenchModel.OutputSize, BenchModel.OutputSize));
        }
        return outputs;
    }

    private static float[] RunGenerated(GeneratedModelHandle model, float[] inputs)
    {
        float[] outputs = new float[Steps * BenchModel.OutputSize];
        model.Reset();
        model.Run(inputs, outputs);
        return outputs;
    }

    private static float MaxAbsoluteDifference(float[] actual, float[] expected)
    {
        float max = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            float difference = MathF.Abs(actual[i] - expected[i]);
            if (!(difference <= max))
            {
                max = difference; // NaN sticks
                if (float.IsNaN(max)) return max;
            }
        }
        return max;
    }
}
