using System;
using System.Globalization;
using System.Linq;
using EdgeLstm.Evaluation.Nab;
using ScottPlot;

namespace EdgeLstm.Nab;

/// <summary>One file's picture: the series, NAB's probationary period and labelled windows shaded, the score on the right
/// axis with the threshold, and the detections (rows scoring at or above it) marked on the series.</summary>
internal static class NabPlot
{
    public static void Write(string path, NabDataFile file, double[] scores, NabFileScore result, string detector)
    {
        double[] xs = file.Timestamps.Select(t => t.ToOADate()).ToArray();
        var plot = new Plot();
        plot.Title(string.Create(CultureInfo.InvariantCulture,
            $"{file.Name} — {detector}: {result.WindowsDetected}/{result.WindowsDetected + result.WindowsMissed} windows, {result.FalsePositives} false positives, NAB standard {result.RawScore:F3}"));

        var probation = plot.Add.HorizontalSpan(xs[0], xs[Math.Max(0, file.ProbationaryLength - 1)], Colors.Gray.WithAlpha(0.15));
        probation.LegendText = "probationary (not scored)";
        for (int w = 0; w < file.Windows.Length; w++)
        {
            var span = plot.Add.HorizontalSpan(xs[file.Windows[w].Left], xs[file.Windows[w].Right], Colors.OrangeRed.WithAlpha(0.18));
            span.LegendText = w == 0 ? "labelled anomaly window" : "";
        }

        var series = plot.Add.ScatterLine(xs, file.Values, Colors.SteelBlue);
        series.LineWidth = 1;
        series.LegendText = "value";

        var score = plot.Add.ScatterLine(xs, scores, Colors.Black.WithAlpha(0.55));
        score.LineWidth = 1;
        score.Axes.YAxis = plot.Axes.Right;
        score.LegendText = "anomaly score (right axis)";
        var threshold = plot.Add.HorizontalLine(result.Threshold, 1, Colors.Black.WithAlpha(0.4), LinePattern.Dashed);
        threshold.Axes.YAxis = plot.Axes.Right;

        int[] detections = Enumerable.Range(0, scores.Length).Where(i => i >= file.ProbationaryLength && scores[i] >= result.Threshold).ToArray();
        if (detections.Length > 0)
        {
            var marks = plot.Add.Markers(detections.Select(i => xs[i]).ToArray(), detections.Select(i => file.Values[i]).ToArray(), MarkerShape.FilledTriangleDown, 9, Colors.Crimson);
            marks.LegendText = "detection";
        }

        plot.Axes.DateTimeTicksBottom();
        plot.Axes.Right.Label.Text = "score";
        plot.Axes.Left.Label.Text = "value";
        plot.Axes.SetLimitsY(0, 1.05, plot.Axes.Right);
        plot.Legend.IsVisible = true;
        plot.Legend.Alignment = Alignment.UpperLeft;
        plot.SavePng(path, 1400, 480);
    }
}
