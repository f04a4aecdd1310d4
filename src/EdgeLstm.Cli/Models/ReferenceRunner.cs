using System;
using EdgeLstm.Cli.Csv;
using EdgeLstm.Cli.Infrastructure;
using EdgeLstm.Model;
using EdgeLstm.Reference;

namespace EdgeLstm.Cli.Models;

/// <summary>Runs the double-precision reference implementation over a CSV of input rows.</summary>
internal static class ReferenceRunner
{
    /// <summary>Rows per call for streaming models: small enough for a lively progress bar, large enough to cost nothing.</summary>
    private const int ChunkRows = 256;

    /// <summary>
    /// Computes one output row per input row, starting from the zero state, as the golden cases and the
    /// device do. A streaming model runs in chunks (its state carries over, so chunking changes nothing); a model
    /// with a reverse or bidirectional layer sees the whole file as one window.
    /// </summary>
    /// <returns>Row-major [inputs.Rows, model.OutputSize].</returns>
    public static double[] Run(NetworkModel model, CsvMatrix inputs, CliConsole console)
    {
        inputs.RequireColumns(model.InputSize, $"the model reads {model.InputSize} input(s) per step");
        var network = new ReferenceNetwork(model);
        network.Reset();
        int steps = inputs.Rows;
        var outputs = new double[(long)steps * model.OutputSize];

        if (!model.IsStreaming)
        {
            return ProgressDisplay.Run(console.Progress, $"Reference model, {steps} steps (one window)", 1, report =>
            {
                network.Run(inputs.Values, outputs, steps);
                report(1);
                return outputs;
            });
        }

        return ProgressDisplay.Run(console.Progress, $"Reference model, {steps} steps", steps, report =>
        {
            for (int start = 0; start < steps; start += ChunkRows)
            {
                int count = Math.Min(ChunkRows, steps - start);
                var chunkIn = new double[count * model.InputSize];
                var chunkOut = new double[count * model.OutputSize];
                Array.Copy(inputs.Values, start * model.InputSize, chunkIn, 0, chunkIn.Length);
                network.Run(chunkIn, chunkOut, count);
                Array.Copy(chunkOut, 0, outputs, start * model.OutputSize, chunkOut.Length);
                report(start + count);
            }
            return outputs;
        });
    }
}
