using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;

namespace EdgeLstm.Benchmarks.Benchmarks;

/// <summary>
/// This machine's 128-bit fused multiply-add peak on one core, the yardstick for the generated code's efficiency:
/// twelve independent accumulator chains hide the FMA latency (about 4 cycles at 2 per cycle needs at least 8 in
/// flight), so the loop is bound by FMA throughput alone. One reported operation is one FMA of 4 lanes = 8 flops.
/// </summary>
public class FmaPeakBenchmarks
{
    public const int FlopsPerFma = 2 * 4;
    private const int Iterations = 1000;
    private const int Chains = 12;

    private Vector128<float> _multiplier = Vector128.Create(0.999999f);
    private Vector128<float> _addend = Vector128.Create(1e-7f);

    [Benchmark(OperationsPerInvoke = Iterations * Chains)]
    public Vector128<float> Fma128()
    {
        Vector128<float> m = _multiplier, a = _addend;
        Vector128<float> s0 = a, s1 = a, s2 = a, s3 = a, s4 = a, s5 = a;
        Vector128<float> s6 = a, s7 = a, s8 = a, s9 = a, s10 = a, s11 = a;
        for (int i = 0; i < Iterations; i++)
        {
            s0 = Vector128.FusedMultiplyAdd(s0, m, a);
            s1 = Vector128.FusedMultiplyAdd(s1, m, a);
            s2 = Vector128.FusedMultiplyAdd(s2, m, a);
            s3 = Vector128.FusedMultiplyAdd(s3, m, a);
            s4 = Vector128.FusedMultiplyAdd(s4, m, a);
            s5 = Vector128.FusedMultiplyAdd(s5, m, a);
            s6 = Vector128.FusedMultiplyAdd(s6, m, a);
            s7 = Vector128.FusedMultiplyAdd(s7, m, a);
            s8 = Vector128.FusedMultiplyAdd(s8, m, a);
            s9 = Vector128.FusedMultiplyAdd(s9, m, a);
            s10 = Vector128.FusedMultiplyAdd(s10, m, a);
            s11 = Vector128.FusedMultiplyAdd(s11, m, a);
        }
        // Returned, so the JIT cannot drop the chains.
        return Sum(s0, s1, s2, s3, s4, s5) + Sum(s6, s7, s8, s9, s10, s11);
    }

    private static Vector128<float> Sum(Vector128<float> a, Vector128<float> b, Vector128<float> c,
        Vector128<float> d, Vector128<float> e, Vector128<float> f) => a + b + c + d + e + f;
}
