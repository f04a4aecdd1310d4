using System.IO;
using EdgeLstm.Conformance.Checks;
using EdgeLstm.Conformance.ExportCorpus;
using EdgeLstm.Conformance.Golden;
using EdgeLstm.Testing;

namespace EdgeLstm.Conformance;

/// <summary>The whole conformance run: the process entry point and the in-process tests both call <see cref="Run"/>.</summary>
public static class ConformanceSuite
{
    /// <summary>
    /// Checks every model in <see cref="ModelCatalogue"/> and <see cref="ExportCorpusCatalogue"/>, writes one line per
    /// check and a summary for each: "export corpus: N passed, 0 failed", then "N passed, 0 failed" for the golden cases.
    /// </summary>
    /// <returns>The number of failed checks (0 when everything matched the golden outputs).</returns>
    public static int Run(TextWriter log)
    {
        SimdPathReport.Write(log);
        var corpus = new ConformanceRun(CorpusGoldens.Load(), log);
        ExportCorpusCatalogue.CheckAll(corpus);
        corpus.ReportUnchecked();
        log.WriteLine($"export corpus: {corpus.Passed} passed, {corpus.Failed} failed");

        var run = new ConformanceRun(GoldenCases.Load(), log);
        ModelCatalogue.CheckAll(run);
        run.ReportUnchecked();
        log.WriteLine($"{run.Passed} passed, {run.Failed} failed");
        return run.Failed + corpus.Failed;
    }
}
