using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using EdgeLstm.Testing;

namespace EdgeLstm.Conformance.Checks;

/// <summary>
/// Checks generated models against the golden cases and prints one line per check:
/// <c>ok   lstm_i3_h16_dense3/onnx Step max|err|=3.1e-07</c>. Remembers which case/format pairs were checked, so
/// a weight file without a model class is reported as a failure rather than silently skipped.
/// </summary>
public sealed class ConformanceRun
{
    /// <summary>Largest absolute deviation from the golden output that passes (the golden cases' stated accuracy).</summary>
    public const float Tolerance = 1e-5f;

    private readonly TextWriter _log;
    private readonly Dictionary<string, GoldenCase> _cases = new(StringComparer.Ordinal);
    private readonly HashSet<string> _checked = new(StringComparer.Ordinal);

    /// <param name="cases">The golden cases to check against.</param>
    /// <param name="log">Where the result lines go.</param>
    public ConformanceRun(IEnumerable<GoldenCase> cases, TextWriter log)
    {
        foreach (GoldenCase golden in cases)
        {
            _cases.Add(golden.Name, golden);
        }
        _log = log;
    }

    /// <summary>Checks that passed so far.</summary>
    public int Passed { get; private set; }

    /// <summary>Checks that failed so far.</summary>
    public int Failed { get; private set; }

    /// <summary>Step row by row, Run over the window, and the built-in self-test of a streaming model.</summary>
    public void Streaming<TModel>(string caseName, string format, Func<float> selfTest) where TModel : IStreamingModel, new()
    {
        if (Begin<TModel>(caseName, format) is not { } golden)
        {
            return;
        }
        var model = new TModel();
        Measure(caseName, format, "Step", () => ModelChecks.StepError(model, golden));
        Measure(caseName, format, "Run", () => ModelChecks.RunError(model, golden));
        Measure(caseName, format, "SelfTest", selfTest);
    }

    /// <summary>Run over the window and the built-in self-test of a model with a reverse or bidirectional layer.</summary>
    public void Window<TModel>(string caseName, string format, Func<float> selfTest) where TModel : IRecurrentModel, new()
    {
        if (Begin<TModel>(caseName, format) is not { } golden)
        {
            return;
        }
        var model = new TModel();
        Measure(caseName, format, "Run", () => ModelChecks.RunError(model, golden));
        Measure(caseName, format, "SelfTest", selfTest);
    }

    /// <summary>
    /// A multi-stream class of a golden case's weight file, against the golden outputs and against single-stream
    /// instances of the same file (<typeparamref name="TSingle"/>, checked on its own by <see cref="Streaming{TModel}"/>):
    /// every stream fed the golden input must match the golden output, and streams fed different rows (stream s starts
    /// s rows later, one stream is reset halfway) must give exactly the floats of single-stream instances fed the same.
    /// </summary>
    public void MultiStream<TMulti, TSingle>(string caseName, string format, Func<float> selfTest)
        where TMulti : IMultiStreamModel, new()
        where TSingle : IStreamingModel, new()
    {
        string label = $"{format} x{TMulti.Streams}";
        if (!_cases.TryGetValue(caseName, out GoldenCase? golden))
        {
            Fail(caseName, label, "coverage", "no such golden case is embedded");
            return;
        }
        Measure(caseName, label, "Step (every stream)", () => ModelChecks.MultiStreamGoldenError<TMulti>(golden));
        Measure(caseName, label, "same floats as single streams", () => ModelChecks.MultiStreamMismatches<TMulti, TSingle>(golden));
        Measure(caseName, label, "SelfTest", selfTest);
    }

    /// <summary>Fails every weight file of a golden case that no <see cref="Streaming{TModel}"/> or <see cref="Window{TModel}"/> call checked.</summary>
    public void ReportUnchecked()
    {
        foreach (GoldenCase golden in _cases.Values)
        {
            foreach (string format in golden.Files.Keys)
            {
                if (!_checked.Contains(Key(golden.Name, format)))
                {
                    Fail(golden.Name, format, "coverage", $"{golden.Files[format]} has no generated model class in ModelCatalogue");
                }
            }
        }
    }

    private GoldenCase? Begin<TModel>(string caseName, string format) where TModel : IRecurrentModel
    {
        if (!_cases.TryGetValue(caseName, out GoldenCase? golden) || !golden.Files.ContainsKey(format))
        {
            Fail(caseName, format, "coverage", "no such golden case and format is embedded");
            return null;
        }
        if (!_checked.Add(Key(caseName, format)))
        {
            Fail(caseName, format, "coverage", "checked twice: ModelCatalogue lists it more than once");
            return null;
        }
        if (ModelChecks.SizeMismatch<TModel>(golden) is { } mismatch)
        {
            Fail(caseName, format, "sizes", mismatch);
            return null;
        }
        return golden;
    }

    private void Measure(string caseName, string format, string check, Func<float> error)
    {
        float value;
        try
        {
            value = error();
        }
        catch (Exception e)
        {
            // A throwing model is a failed check, not an aborted run: the remaining cases still say what works.
            Fail(caseName, format, check, $"threw {e.GetType().Name}: {e.Message}");
            return;
        }
        string text = $"{caseName}/{format} {check} max|err|={value.ToString("0.0e+00", CultureInfo.InvariantCulture)}";
        if (value <= Tolerance)
        {
            Passed++;
            _log.WriteLine($"ok   {text}");
        }
        else
        {
            Failed++;
            _log.WriteLine($"FAIL {text} (limit {Tolerance.ToString("0e+00", CultureInfo.InvariantCulture)})");
        }
    }

    private void Fail(string caseName, string format, string check, string reason)
    {
        Failed++;
        _log.WriteLine($"FAIL {caseName}/{format} {check}: {reason}");
    }

    private static string Key(string caseName, string format) => caseName + "/" + format;
}
