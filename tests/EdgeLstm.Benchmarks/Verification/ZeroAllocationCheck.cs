using System;
using System.IO;
using EdgeLstm.Benchmarks.Benchmarks;
using EdgeLstm.Benchmarks.Generated;
using EdgeLstm.Benchmarks.Models;

namespace EdgeLstm.Benchmarks.Verification;

/// <summary>
/// The exact allocation check for the generated code. BenchmarkDotNet's MemoryDiagnoser counts every thread of the
/// process, so when benchmarks run in-process the tiered JIT's background compilations can show up as a few bytes
/// per operation; this counts this thread's allocations only, over many calls after warm-up, and must read zero.
/// </summary>
public static class ZeroAllocationCheck
{
    private const int Steps = 10_000;
    private const int Runs = 3;

    /// <summary>Checks every generated model's Step and Run; writes one summary line; false when any allocates.</summary>
    public static bool Check(TextWriter log)
    {
        float[] sequence = SensorSignal.Create(Sequence.Steps);
        float[] outputs = new float[Sequence.Steps * BenchModel.OutputSize];
        bool none = true;
        foreach (GeneratedModelHandle model in GeneratedModelCatalog.All)
        {
            // Warm-up: first calls JIT-compile and may initialise statics; those are not per-call allocations.
            Exercise(model, sequence, outputs);
            long before = GC.GetAllocatedBytesForCurrentThread();
            Exercise(model, sequence, outputs);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            if (allocated != 0)
            {
                log.WriteLine($"  {model.Name}: {allocated} bytes allocated over {Steps:N0} Step and {Runs} Run calls.");
                none = false;
            }
        }
        if (none)
        {
            log.WriteLine($"  every generated model: 0 bytes over {Steps:N0} Step and {Runs} Reset + Run ({Sequence.Steps:N0} steps) calls, this thread.");
        }
        return none;
    }

    private static void Exercise(GeneratedModelHandle model, float[] sequence, float[] outputs)
    {
        Span<float> output = outputs.AsSpan(0, BenchModel.OutputSize);
        for (int t = 0; t < Steps; t++)
        {
            int row = t % Sequence.Steps;
            model.Step(sequence.AsSpan(row * BenchModel.InputSize, BenchModel.InputSize), output);
        }
        for (int r = 0; r < Runs; r++)
        {
            model.Reset();
            model.Run(sequence, outputs);
        }
    }
}
