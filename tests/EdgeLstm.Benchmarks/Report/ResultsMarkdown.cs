using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Runtime.Intrinsics;
using System.Text;
using EdgeLstm.Benchmarks.Benchmarks;
using EdgeLstm.Benchmarks.Generated;
using EdgeLstm.Benchmarks.Models;

namespace EdgeLstm.Benchmarks.Report;

/// <summary>Writes docs/benchmarks/results.md: the three comparisons, the reference rows and the targets.</summary>
public sealed class ResultsMarkdown
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private readonly ResultSet _results;
    private readonly IReadOnlyDictionary<string, long> _multiplyAdds;
    private readonly string? _multiplyAddsProblem;
    private readonly string _jobDescription;
    private readonly StringBuilder _text = new();
    private readonly List<string> _missedTargets = [];

    public ResultsMarkdown(ResultSet results, IReadOnlyDictionary<string, long> multiplyAdds, string? multiplyAddsProblem, string jobDescription)
    {
        _results = results;
        _multiplyAdds = multiplyAdds;
        _multiplyAddsProblem = multiplyAddsProblem;
        _jobDescription = jobDescription;
    }

    /// <summary>One line per target row that was missed (or could not be measured), filled by <see cref="Write"/>.</summary>
    public IReadOnlyList<string> MissedTargets => _missedTargets;

    public string Write()
    {
        _text.Clear();
        _missedTargets.Clear();
        WriteIntroduction();
        WriteStepTable();
        WriteReferenceRows();
        WriteRunTable();
        WriteMultiStreamTable();
        WriteEfficiencyTable();
        WriteTargetSummary();
        WriteEnvironment();
        return _text.ToString();
    }

    private void WriteIntroduction()
    {
        Line("# EdgeLstm benchmarks");
        Line();
        Line("Written by `./build.sh bench` (tests/EdgeLstm.Benchmarks). Models: `tests/EdgeLstm.Benchmarks/models/make_models.py`, " +
             "8 inputs → recurrent layer(s) of H units → linear head with 4 outputs, PyTorch-initialised weights.");
        Line();
        Line($"Every time is {_jobDescription}, on the machine described at the end, " +
             "and every ratio compares two rows of that same run. **Alloc** is managed bytes allocated per operation " +
             "(MemoryDiagnoser); ONNX Runtime's native allocations are not visible to it. MemoryDiagnoser counts every thread, so in this " +
             "in-process run the tiered JIT's background compilations can add a few bytes to a row; before timing, the app also checks " +
             "on the calling thread alone that every generated `Step` and `Run` allocates exactly 0 bytes (it refuses to time code that does). " +
             "Speed-ups are ONNX Runtime time ÷ EdgeLstm time; " +
             "✅ / ❌ mark the targets.");
        Line();
        Line("![ns per step vs hidden size](step-latency.png)");
        Line();
    }

    private void WriteStepTable()
    {
        Line("## Streaming step (one sensor sample in, one output row out)");
        Line();
        Line("EdgeLstm: the generated `Step`. ONNX Runtime: the one-step graph that takes and returns (h, c), one intra-op and one " +
             "inter-op thread, sequential execution, all graph optimisations, every tensor pre-allocated and bound once (IOBinding), " +
             "state buffers swapped between two bindings. Reference: `ReferenceModel.Step`, EdgeLstm's double-precision reference implementation.");
        Line();
        Line("| Model | EdgeLstm Step (ns) | ONNX Runtime step (ns) | Speed-up vs ONNX Runtime | Target | Reference (ns) | Alloc B/op: EdgeLstm / ONNX Runtime / Reference |");
        Line("|---|--:|--:|--:|:-:|--:|:-:|");
        foreach (BenchModel model in BenchModel.All)
        {
            Measurement? edge = _results.Get(Series.EdgeLstmStep, model.Name);
            Measurement? ort = _results.Get(Series.OnnxRuntimeStep, model.Name);
            Measurement? reference = _results.Get(Series.ReferenceStep, model.Name);
            double? speedup = Ratio(ort, edge);
            string target = Verdict(Targets.StepSpeedup(model), speedup, "×",
                $"Step ≥ {{0}}× faster than ONNX Runtime's one-step run: {model.Name}", model);
            Line($"| {model.Label} | {Nanoseconds(edge)} | {Nanoseconds(ort)} | {Times(speedup)} | {target} | {Nanoseconds(reference)} | " +
                 $"{Bytes(edge)} / {Bytes(ort)} / {Bytes(reference)} |");
        }
        Line();
    }

    private void WriteReferenceRows()
    {
        Line("### Reference rows — measured outside the suite");
        Line();
        Line("RTNeural's compile-time C++ API, LSTM 8→H→Dense 4, median ns per step, from a separate build and run (not this machine's " +
             "run above): for orientation only. The EdgeLstm column repeats this run's LSTM Step for comparison.");
        Line();
        Line("| Model | RTNeural, 128-bit SSE (ns) | RTNeural, AVX-512 (ns) | EdgeLstm Step, this run (ns) |");
        Line("|---|--:|--:|--:|");
        foreach (BenchModel model in BenchModel.All.Where(m => m.Cell == "LSTM" && m.Layers == 1 && RtNeuralReference.Sse128.ContainsKey(m.Hidden)))
        {
            Line($"| RTNeural LSTM 8→{model.Hidden}→Dense 4 (measured outside the suite) | {Number(RtNeuralReference.Sse128[model.Hidden])} | " +
                 $"{Number(RtNeuralReference.Avx512[model.Hidden])} | {Nanoseconds(_results.Get(Series.EdgeLstmStep, model.Name))} |");
        }
        Line();
    }

    private void WriteRunTable()
    {
        Line($"## Whole sequence (T = {Sequence.Steps:N0} steps from the zero state)");
        Line();
        Line("EdgeLstm: generated `Reset` + `Run`. ONNX Runtime: the exported sequence graph, input and output bound once, with one thread " +
             "(settings as above) and with its default thread count.");
        Line();
        Line("| Model | EdgeLstm Run (µs) | ONNX Runtime, 1 thread (µs) | Speed-up vs 1 thread | Target | ONNX Runtime, default threads (µs) | Speed-up vs default threads | Alloc B/op: EdgeLstm / ORT 1 thread / ORT default |");
        Line("|---|--:|--:|--:|:-:|--:|--:|:-:|");
        foreach (BenchModel model in BenchModel.All)
        {
            Measurement? edge = _results.Get(Series.EdgeLstmRun, model.Name);
            Measurement? one = _results.Get(Series.OnnxRuntimeRunOneThread, model.Name);
            Measurement? all = _results.Get(Series.OnnxRuntimeRunDefaultThreads, model.Name);
            double? speedup = Ratio(one, edge);
            string target = Verdict(Targets.RunSpeedup(model), speedup, "×",
                $"Run ≥ {{0}}× faster than single-threaded ONNX Runtime: {model.Name}", model);
            Line($"| {model.Label} | {Microseconds(edge)} | {Microseconds(one)} | {Times(speedup)} | {target} | {Microseconds(all)} | " +
                 $"{Times(Ratio(all, edge))} | {Bytes(edge)} / {Bytes(one)} / {Bytes(all)} |");
        }
        Line();
    }

    private void WriteMultiStreamTable()
    {
        Line($"## Many streams in one pass ({MultiStreamCase.Streams} streams)");
        Line();
        Line($"`[RecurrentModel(..., Streams = {MultiStreamCase.Streams})]`: one `Step` over [{MultiStreamCase.Streams}, InputSize], each weight read once for all streams, " +
             $"against {MultiStreamCase.Streams} single-stream `Step` calls on the same weights (checked to give identical floats, and to allocate nothing, before timing). " +
             $"Kernels in this run: {MultiStreamCase.KernelForm}. Issue 15's goal: at most 33 % at H ≥ 64.");
        Line();
        Line($"| Model | {MultiStreamCase.Streams} × Step (ns) | One step of {MultiStreamCase.Streams} streams (ns) | Per-stream cost vs a single Step | Alloc B/op |");
        Line("|---|--:|--:|--:|:-:|");
        foreach (string name in MultiStreamCase.Names)
        {
            Measurement? singles = _results.Get(Series.EightSingleSteps, name);
            Measurement? multi = _results.Get(Series.OneStepOfEightStreams, name);
            string share = singles is null || multi is null ? "–" : Percent(multi.Nanoseconds / singles.Nanoseconds);
            Line($"| {name} | {Nanoseconds(singles)} | {Nanoseconds(multi)} | {share} | {Bytes(multi)} |");
        }
        Line();
    }

    private void WriteEfficiencyTable()
    {
        double? peak = _results.PeakGflops;
        Line("## Efficiency");
        Line();
        Line($"128-bit FMA peak of one core, measured in this run (`FmaPeakBenchmarks`: 12 independent `Vector128.FusedMultiplyAdd` chains, " +
             $"8 flops per FMA, fastest iteration): **{(peak is null ? "not measured" : $"{peak.Value.ToString("0.0", Invariant)} GFLOP/s")}**" +
             $"{(_results.NanosecondsPerFma is double ns ? $" ({ns.ToString("0.000", Invariant)} ns per FMA)" : string.Empty)}. " +
             "Achieved GFLOP/s = 2 × multiply-adds per step (`NetworkModel.MultiplyAddsPerStep`: the matrix-vector products) ÷ ns per step.");
        if (_multiplyAddsProblem is not null)
        {
            Line();
            Line($"Multiply-adds could not be read for every model: {_multiplyAddsProblem}");
        }
        Line();
        Line("| Model | Multiply-adds per step | EdgeLstm Step (GFLOP/s) | Share of peak | Target | EdgeLstm Run, per step (GFLOP/s) | Share of peak |");
        Line("|---|--:|--:|--:|:-:|--:|--:|");
        bool overPeak = false;
        foreach (BenchModel model in BenchModel.All)
        {
            long? work = _multiplyAdds.TryGetValue(model.Name, out long count) ? count : null;
            double? step = Gflops(work, _results.Get(Series.EdgeLstmStep, model.Name)?.Nanoseconds);
            double? run = Gflops(work, _results.Get(Series.EdgeLstmRun, model.Name)?.Nanoseconds / Sequence.Steps);
            double? stepShare = step / peak;
            string target = Verdict(Targets.PeakFraction(model) * 100, stepShare * 100, "%",
                $"Step ≥ {{0}}% of the 128-bit FMA peak: {model.Name}", model);
            Line($"| {model.Label} | {(work is null ? "–" : work.Value.ToString("N0", Invariant))} | {Decimal(step)} | {Percent(stepShare)} | " +
                 $"{target} | {Decimal(run)} | {Percent(run / peak)} |");
            overPeak |= stepShare > 1 || run / peak > 1;
        }
        if (overPeak && (Vector256.IsHardwareAccelerated || Vector512.IsHardwareAccelerated))
        {
            // The peak is the 128-bit one on purpose (a Raspberry Pi's NEON width, the product's target), but on x64 the
            // generated kernels take 256- or 512-bit vectors where the CPU has them: beating the 128-bit peak is their gain.
            Line();
            Line($"A share above 100% is the wider vectors' gain, not an error: the peak is 128-bit FMAs (NEON's width on a Raspberry Pi), while on this " +
                 $"machine the generated kernels take {(Vector512.IsHardwareAccelerated ? "512-bit (`Vector512`)" : "256-bit (`Vector256`)")} " +
                 "vectors where a layer has them (docs/generated-code.md, code paths).");
        }
        else if (overPeak)
        {
            Line();
            Line("A share above 100% cannot be real: the peak kernel itself ran below the core's true peak in this run (other work on the " +
                 "machine; see the load average below), so the shares in this table are overstated and, as the load varied during the run, " +
                 "not comparable with each other. Rerun on a quiet machine.");
        }
        Line();
    }

    private void WriteTargetSummary()
    {
        Line("## Targets");
        Line();
        Line("- Step ≥ 20× faster than ONNX Runtime's one-step run for H ≤ 32, ≥ 5× at H = 64.");
        Line("- Run ≥ 2× faster than single-threaded ONNX Runtime for H ≤ 128.");
        Line("- Step at ≥ half the 128-bit FMA peak from H = 64 up.");
        Line();
        if (_missedTargets.Count == 0)
        {
            Line("All met in this run.");
        }
        else
        {
            Line("Missed or not measured in this run:");
            Line();
            foreach (string missed in _missedTargets)
            {
                Line($"- {missed}");
            }
        }
        if (_results.Failures.Count > 0)
        {
            Line();
            Line("Benchmarks without a result: " + string.Join(", ", _results.Failures.Select(f => $"`{f}`")) + ".");
        }
        Line();
    }

    private void WriteEnvironment()
    {
        Line("## Environment");
        Line();
        Line("```");
        foreach (string line in _results.Environment)
        {
            Line(line);
        }
        Line($"ONNX Runtime {typeof(Microsoft.ML.OnnxRuntime.InferenceSession).Assembly.GetName().Version}");
        Line("```");
    }

    /// <summary>"✅ 23×" style cell; records a miss. Null target: no target for this row.</summary>
    private string Verdict(double? target, double? achieved, string unit, string description, BenchModel model)
    {
        if (target is null) return "–";
        string goal = string.Format(Invariant, description, target.Value.ToString("0", Invariant));
        if (achieved is null)
        {
            _missedTargets.Add($"{goal} — not measured");
            return "?";
        }
        if (achieved.Value >= target.Value) return $"✅ ≥ {target.Value.ToString("0", Invariant)}{unit}";
        _missedTargets.Add($"{goal} — measured {achieved.Value.ToString("0.0", Invariant)}{unit} ({model.Label})");
        return $"❌ ≥ {target.Value.ToString("0", Invariant)}{unit}";
    }

    private static double? Ratio(Measurement? slower, Measurement? faster) =>
        slower is null || faster is null ? null : slower.Nanoseconds / faster.Nanoseconds;

    private static double? Gflops(long? multiplyAdds, double? nanoseconds) =>
        multiplyAdds is null || nanoseconds is null ? null : Efficiency.Gflops(multiplyAdds.Value, nanoseconds.Value);

    private static string Nanoseconds(Measurement? m) => m is null ? "–" : Number(m.Nanoseconds);

    private static string Microseconds(Measurement? m) => m is null ? "–" : Number(m.Nanoseconds / 1000);

    /// <summary>Three significant figures below 1,000; whole numbers with separators above.</summary>
    private static string Number(double value) => value switch
    {
        >= 1000 => value.ToString("N0", Invariant),
        >= 100 => value.ToString("0", Invariant),
        >= 10 => value.ToString("0.0", Invariant),
        _ => value.ToString("0.00", Invariant),
    };

    private static string Times(double? ratio) => ratio is null ? "–" : $"{Number(ratio.Value)}×";

    private static string Decimal(double? value) => value is null ? "–" : value.Value.ToString("0.00", Invariant);

    private static string Percent(double? share) => share is null ? "–" : share.Value.ToString("0%", Invariant);

    private static string Bytes(Measurement? m) => m?.AllocatedBytes is long bytes ? bytes.ToString("N0", Invariant) : "–";

    private void Line(string text = "") => _text.Append(text).Append('\n');
}
