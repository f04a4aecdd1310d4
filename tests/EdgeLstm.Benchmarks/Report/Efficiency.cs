using System.Collections.Generic;
using EdgeLstm.Benchmarks.Models;
using EdgeLstm.Import;

namespace EdgeLstm.Benchmarks.Report;

/// <summary>Work per step, from EdgeLstm's own reading of each model file.</summary>
public static class Efficiency
{
    /// <summary>Multiply-adds per step by model name; a model the importer cannot read is left out.</summary>
    public static IReadOnlyDictionary<string, long> MultiplyAddsPerStep(out string? problem)
    {
        Dictionary<string, long> counts = [];
        problem = null;
        foreach (BenchModel model in BenchModel.All)
        {
            try
            {
                counts[model.Name] = ModelImporter.Load(model.SequenceGraphPath).MultiplyAddsPerStep;
            }
            catch (ModelFormatException e)
            {
                problem ??= e.Message;
            }
        }
        return counts;
    }

    /// <summary>Achieved GFLOP/s: one multiply-add is two flops, and flops per nanosecond are GFLOP/s.</summary>
    public static double Gflops(long multiplyAdds, double nanoseconds) => 2.0 * multiplyAdds / nanoseconds;
}
