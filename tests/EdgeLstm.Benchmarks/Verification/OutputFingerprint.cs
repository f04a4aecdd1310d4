using System;
using System.IO;
using EdgeLstm.Benchmarks.Generated;
using EdgeLstm.Benchmarks.Models;

namespace EdgeLstm.Benchmarks.Verification;

/// <summary>
/// A 64-bit fingerprint of the exact bits every generated model computes, Step by Step and as one Run, so that two
/// builds (before and after a change to the generator) can be compared for bit-identical numerics by comparing one line
/// per model. <see cref="OutputAgreement"/> checks tolerances; this says whether a single bit moved.
/// </summary>
public static class OutputFingerprint
{
    private const int Steps = 1_000;

    public static void Write(TextWriter log)
    {
        float[] inputs = SensorSignal.Create(Steps, seed: 2024);
        foreach (GeneratedModelHandle model in GeneratedModelCatalog.All)
        {
            float[] stepped = new float[Steps * BenchModel.OutputSize];
            model.Reset();
            for (int t = 0; t < Steps; t++)
            {
                model.Step(inputs.AsSpan(t * BenchModel.InputSize, BenchModel.InputSize), stepped.AsSpan(t * BenchModel.OutputSize, BenchModel.OutputSize));
            }
            float[] run = new float[Steps * BenchModel.OutputSize];
            model.Reset();
            model.Run(inputs, run);
            model.Reset();
            log.WriteLine($"  {model.Name,-10} Step {Fnv1a(stepped):x16}  Run {Fnv1a(run):x16}");
        }
    }

    /// <summary>FNV-1a over the IEEE 754 bits of every value: any changed bit changes it (with overwhelming odds).</summary>
    private static ulong Fnv1a(float[] values)
    {
        ulong hash = 14695981039346656037UL;
        foreach (float value in values)
        {
            uint bits = BitConverter.SingleToUInt32Bits(value);
            for (int shift = 0; shift < 32; shift += 8)
            {
                hash ^= (bits >> shift) & 0xFF;
                hash *= 1099511628211UL;
            }
        }
        return hash;
    }
}
