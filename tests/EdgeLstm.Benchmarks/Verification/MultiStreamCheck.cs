using System;
using System.IO;
using EdgeLstm.Benchmarks.Generated;
using EdgeLstm.Benchmarks.Models;

namespace EdgeLstm.Benchmarks.Verification;

/// <summary>
/// Before the multi-stream rows are timed: the multi-stream form gives exactly the floats of eight single-stream
/// instances (each stream fed different rows), and its Step allocates nothing on this thread.
/// </summary>
public static class MultiStreamCheck
{
    private const int Steps = 2_000;

    public static bool Check(TextWriter log)
    {
        const int n = MultiStreamCase.Streams;
        float[] signal = SensorSignal.Create(Steps + n);
        float[] inputs = new float[n * BenchModel.InputSize], multi = new float[n * BenchModel.OutputSize], singles = new float[multi.Length];
        bool ok = true;
        foreach (string name in MultiStreamCase.Names)
        {
            MultiStreamCase models = MultiStreamCase.Create(name);
            int differences = 0;
            for (int t = 0; t < Steps; t++)
            {
                for (int s = 0; s < n; s++) signal.AsSpan((t + s) * BenchModel.InputSize, BenchModel.InputSize).CopyTo(inputs.AsSpan(s * BenchModel.InputSize));
                models.StepStreams(inputs, multi);
                models.StepSingles(inputs, singles);
                for (int i = 0; i < multi.Length; i++) if (multi[i] != singles[i]) differences++;
            }
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int t = 0; t < Steps; t++) models.StepStreams(inputs, multi);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            log.WriteLine($"  {name} x{n}: {differences} outputs differ from {n} single-stream models over {Steps:N0} steps; {allocated} bytes allocated over {Steps:N0} steps.");
            ok &= differences == 0 && allocated == 0;
        }
        return ok;
    }
}
