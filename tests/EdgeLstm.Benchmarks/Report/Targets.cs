using EdgeLstm.Benchmarks.Models;

namespace EdgeLstm.Benchmarks.Report;

/// <summary>The performance targets the results are reported against (from the benchmark issue).</summary>
public static class Targets
{
    /// <summary>Minimum EdgeLstm Step speed-up over ONNX Runtime's one-step run, or null where none is set.</summary>
    public static double? StepSpeedup(BenchModel model) => model.Hidden switch
    {
        <= 32 => 20,
        64 => 5,
        _ => null,
    };

    /// <summary>Minimum EdgeLstm Run speed-up over single-threaded ONNX Runtime, or null where none is set.</summary>
    public static double? RunSpeedup(BenchModel model) => model.Hidden <= 128 ? 2 : null;

    /// <summary>Minimum fraction of the 128-bit FMA peak the generated Step reaches, or null where none is set.</summary>
    public static double? PeakFraction(BenchModel model) => model.Hidden >= 64 ? 0.5 : null;
}
