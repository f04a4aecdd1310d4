using System.Collections.Generic;

namespace EdgeLstm.Benchmarks.Report;

/// <summary>
/// RTNeural's compile-time C++ API on LSTM 8→H→Dense 4, median nanoseconds per step, measured outside this suite
/// (another build, another run): shown beside our numbers for orientation, not as a same-run comparison.
/// </summary>
public static class RtNeuralReference
{
    /// <summary>Built for 128-bit SSE only: the same vector width the generated code uses.</summary>
    public static IReadOnlyDictionary<int, double> Sse128 { get; } = new Dictionary<int, double>
    {
        [16] = 166, [32] = 427, [64] = 1337, [128] = 4145, [256] = 18463,
    };

    /// <summary>Built with AVX-512.</summary>
    public static IReadOnlyDictionary<int, double> Avx512 { get; } = new Dictionary<int, double>
    {
        [16] = 70, [32] = 116, [64] = 720, [128] = 2540, [256] = 11790,
    };
}
