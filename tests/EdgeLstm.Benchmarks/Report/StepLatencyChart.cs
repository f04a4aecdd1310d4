using System;
using System.Collections.Generic;
using System.Linq;
using EdgeLstm.Benchmarks.Benchmarks;
using EdgeLstm.Benchmarks.Models;
using ScottPlot;

namespace EdgeLstm.Benchmarks.Report;

/// <summary>
/// docs/benchmarks/step-latency.png: ns per LSTM step against hidden size, both axes logarithmic (ScottPlot plots
/// log values; the tick labels give them back), one line per implementation: streaming steps (solid) and whole
/// windows of <see cref="Sequence.Steps"/> steps divided by the step count (dotted).
/// </summary>
public static class StepLatencyChart
{
    public static void Save(ResultSet results, string path)
    {
        List<BenchModel> lstms = BenchModel.All.Where(m => m.Cell == "LSTM" && m.Layers == 1).ToList();
        Plot plot = new();

        AddMeasured(plot, results, lstms, Series.EdgeLstmStep, "EdgeLstm generated Step", Colors.Green, MarkerShape.FilledCircle);
        AddMeasured(plot, results, lstms, Series.OnnxRuntimeStep, "ONNX Runtime one-step graph, 1 thread", Colors.Blue, MarkerShape.FilledSquare);
        AddMeasured(plot, results, lstms, Series.ReferenceStep, "EdgeLstm reference (double)", Colors.Gray, MarkerShape.FilledTriangleUp);
        AddMeasured(plot, results, lstms, Series.EdgeLstmRun, $"EdgeLstm generated Run, per step (T = {Sequence.Steps:N0})", Colors.DarkGreen,
            MarkerShape.OpenCircle, Sequence.Steps, LinePattern.Dotted);
        AddMeasured(plot, results, lstms, Series.OnnxRuntimeRunOneThread, $"ONNX Runtime sequence graph, 1 thread, per step (T = {Sequence.Steps:N0})",
            Colors.Navy, MarkerShape.OpenSquare, Sequence.Steps, LinePattern.Dotted);
        AddFixed(plot, RtNeuralReference.Sse128, "RTNeural, 128-bit SSE (measured outside the suite)", Colors.Orange);
        AddFixed(plot, RtNeuralReference.Avx512, "RTNeural, AVX-512 (measured outside the suite)", Colors.Red);

        plot.Title("LSTM 8→H→Dense 4: one streaming step, and one step of a whole window");
        plot.XLabel("hidden size H");
        plot.YLabel("ns per step (log scale)");

        double[] positions = lstms.Select(m => Math.Log2(m.Hidden)).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions, lstms.Select(m => m.Hidden.ToString()).ToArray());
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = y => Math.Pow(10, y).ToString("N0"),
        };
        plot.Grid.MajorLineColor = Colors.Black.WithOpacity(0.15);
        plot.Grid.MinorLineColor = Colors.Black.WithOpacity(0.05);
        // Outside the data area: the lines span the whole plot from H = 8 to 256.
        plot.ShowLegend(Edge.Right);
        plot.SavePng(path, 1400, 640);
    }

    private static void AddMeasured(Plot plot, ResultSet results, List<BenchModel> models, Series series, string label, Color color, MarkerShape marker,
        int stepsPerOperation = 1, LinePattern? pattern = null)
    {
        List<(double X, double Y)> points = [];
        foreach (BenchModel model in models)
        {
            if (results.Get(series, model.Name) is Measurement m)
            {
                points.Add((Math.Log2(model.Hidden), Math.Log10(m.Nanoseconds / stepsPerOperation)));
            }
        }
        AddLine(plot, points, label, color, marker, pattern ?? LinePattern.Solid);
    }

    private static void AddFixed(Plot plot, IReadOnlyDictionary<int, double> nanoseconds, string label, Color color)
    {
        List<(double X, double Y)> points = nanoseconds.OrderBy(p => p.Key).Select(p => (Math.Log2(p.Key), Math.Log10(p.Value))).ToList();
        AddLine(plot, points, label, color, MarkerShape.OpenDiamond, LinePattern.Dashed);
    }

    private static void AddLine(Plot plot, List<(double X, double Y)> points, string label, Color color, MarkerShape marker, LinePattern pattern)
    {
        if (points.Count == 0) return;
        var scatter = plot.Add.Scatter(points.Select(p => p.X).ToArray(), points.Select(p => p.Y).ToArray(), color);
        scatter.LegendText = label;
        scatter.MarkerShape = marker;
        scatter.MarkerSize = 8;
        scatter.LineWidth = 2;
        scatter.LinePattern = pattern;
    }
}
