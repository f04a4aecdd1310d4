using System;
using System.Linq;
using EdgeLstm.Model;

namespace EdgeLstm.Generator.Tests.Emit;

/// <summary>
/// STOP-GAP oracle, written straight from docs/cell-semantics.md in double precision with plain loops and no
/// padding, packing or fusion, while <c>EdgeLstm.Reference.ReferenceNetwork</c> is still a placeholder.
/// Replace with ReferenceNetwork once it lands. Clip bounds gate pre-activations (not the cell state), as
/// ONNX Runtime does (checked against tests/cases/onnx_lstm_clip_i2_h8).
/// </summary>
internal static class StopGapReference
{
    /// <summary>A whole window from the zero state: [steps, InputSize] -> [steps, OutputSize].</summary>
    public static double[] Run(NetworkModel model, float[] inputs, int steps)
    {
        double[][] rows = Enumerable.Range(0, steps).Select(t =>
        {
            var row = new double[model.InputSize];
            for (int i = 0; i < row.Length; i++)
            {
                double x = inputs[t * model.InputSize + i];
                row[i] = model.Normalization is { } n ? (x - n.Mean[i]) / n.Std[i] : x;
            }
            return row;
        }).ToArray();

        foreach (Layer layer in model.Layers)
        {
            rows = layer switch
            {
                RecurrentLayer r => RunRecurrent(r, rows),
                DenseLayer d => rows.Select(x => Dense(d, x)).ToArray(),
                _ => throw new NotSupportedException(),
            };
        }
        return rows.SelectMany(r => r).ToArray();
    }

    private static double[] Dense(DenseLayer d, double[] x)
    {
        var y = new double[d.Outputs];
        for (int o = 0; o < d.Outputs; o++)
        {
            double sum = d.Bias[o];
            for (int i = 0; i < d.Inputs; i++) sum += d.Weights[o * d.Inputs + i] * x[i];
            y[o] = sum;
        }
        if (d.Activation.Kind == ActivationKind.Softmax)
        {
            double max = y.Max();
            double total = y.Sum(v => Math.Exp(v - max));
            return y.Select(v => Math.Exp(v - max) / total).ToArray();
        }
        return y.Select(d.Activation.Apply).ToArray();
    }

    private static double[][] RunRecurrent(RecurrentLayer layer, double[][] rows)
    {
        int steps = rows.Length, hidden = layer.Hidden;
        double[][] output = Enumerable.Range(0, steps).Select(_ => new double[layer.OutputSize]).ToArray();
        for (int d = 0; d < layer.Directions.Count; d++)
        {
            bool reverse = layer.Direction == Direction.Reverse || d == 1;
            var h = new double[hidden];
            var c = new double[hidden];
            for (int k = 0; k < steps; k++)
            {
                int t = reverse ? steps - 1 - k : k;
                h = Cell(layer, layer.Directions[d], rows[t], h, c);
                Array.Copy(h, 0, output[t], d * hidden, hidden);
            }
        }
        return output;
    }

    // One step; returns the new h and updates c in place.
    private static double[] Cell(RecurrentLayer layer, DirectionWeights w, double[] x, double[] h, double[] c)
    {
        int hidden = layer.Hidden, gates = layer.GateCount;
        var xPart = new double[gates * hidden];
        var hPart = new double[gates * hidden];
        for (int row = 0; row < gates * hidden; row++)
        {
            double sx = w.InputBias[row], sh = w.RecurrentBias[row];
            for (int i = 0; i < layer.Input; i++) sx += w.InputWeights[row * layer.Input + i] * x[i];
            for (int j = 0; j < hidden; j++) sh += w.RecurrentWeights[row * hidden + j] * h[j];
            xPart[row] = sx;
            hPart[row] = sh;
        }
        ActivationFunction[] acts = w.Activations.AsArray();
        double Clip(double v) => layer.Clip is { } bound ? Math.Max(-bound, Math.Min(bound, v)) : v;
        double F(double v) => acts[0].Apply(Clip(v));
        double G(double v) => acts[1].Apply(Clip(v));
        var next = new double[hidden];
        for (int u = 0; u < hidden; u++)
        {
            double Pre(int gate) => xPart[gate * hidden + u] + hPart[gate * hidden + u];
            switch (layer.Cell)
            {
                case CellKind.Lstm:
                {
                    double peepI = layer.HasPeepholes ? w.Peepholes[u] : 0, peepF = layer.HasPeepholes ? w.Peepholes[hidden + u] : 0;
                    double peepO = layer.HasPeepholes ? w.Peepholes[2 * hidden + u] : 0;
                    double i = F(Pre(0) + peepI * c[u]);
                    double f = layer.InputForget ? 1 - i : F(Pre(1) + peepF * c[u]);
                    double cell = f * c[u] + i * G(Pre(2));
                    double o = F(Pre(3) + peepO * cell);
                    c[u] = cell;
                    next[u] = o * acts[2].Apply(cell);
                    break;
                }
                case CellKind.Gru when layer.LinearBeforeReset:
                {
                    double z = F(Pre(0)), r = F(Pre(1));
                    double n = G(xPart[2 * hidden + u] + r * hPart[2 * hidden + u]);
                    next[u] = (1 - z) * n + z * h[u];
                    break;
                }
                case CellKind.Gru:
                    break; // below: n needs every r first
                default:
                    next[u] = F(Pre(0));
                    break;
            }
        }
        if (layer.Cell == CellKind.Gru && !layer.LinearBeforeReset)
        {
            // n needs r for every unit first: h~ = g(x Wn + Wbn + Rbn + Rn (r * h)).
            var r = new double[hidden];
            for (int u = 0; u < hidden; u++) r[u] = F(xPart[hidden + u] + hPart[hidden + u]);
            for (int u = 0; u < hidden; u++)
            {
                double z = F(xPart[u] + hPart[u]);
                double sum = xPart[2 * hidden + u] + w.RecurrentBias[2 * hidden + u];
                for (int j = 0; j < hidden; j++) sum += w.RecurrentWeights[(2 * hidden + u) * hidden + j] * r[j] * h[j];
                double n = G(sum);
                next[u] = (1 - z) * n + z * h[u];
            }
        }
        return next;
    }
}
