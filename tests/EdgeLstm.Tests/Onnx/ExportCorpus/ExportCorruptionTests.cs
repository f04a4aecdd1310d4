using System;
using System.Collections.Generic;
using System.IO;
using EdgeLstm.Import.Onnx;
using Xunit;

namespace EdgeLstm.Tests.Onnx.ExportCorpus;

/// <summary>
/// Random byte flips in torch exports that take the plumbing paths (time axis through a Transpose, zero states by
/// Expand and Slice, shape arithmetic, last-step Gather and Slice, h_n) end in a ModelFormatException or a model,
/// never in another exception, which would now reach the user as a bug in EdgeLstm.
/// </summary>
public sealed class ExportCorruptionTests
{
    [Theory]
    [InlineData("lstm_l2_bf_hn_sigmoid", "dynamic_opset9")]
    [InlineData("gru_sf_last_slice_tanh", "fixed_opset11")]
    [InlineData("lstm_bidir_bf", "batch_opset14")]
    [InlineData("lstm_l2_bf_zero_state", "time_opset17")]
    public void RandomCorruptionNeverEscapesAsAnotherException(string name, string variant)
    {
        byte[] original = File.ReadAllBytes(CorpusModel.Named(name).PathOf(variant));
        const string file = "corrupt.onnx";
        var random = new Random(name.Length * 7919 + variant.Length);
        var failures = new List<string>();
        for (int trial = 0; trial < 1500; trial++)
        {
            byte[] corrupt = (byte[])original.Clone();
            int flips = 1 + random.Next(4);
            for (int f = 0; f < flips; f++) corrupt[random.Next(corrupt.Length)] = (byte)random.Next(256);
            try
            {
                OnnxImporter.Import(corrupt, file);
            }
            catch (ModelFormatException e) when (e.Message.StartsWith(file, StringComparison.Ordinal))
            {
            }
            catch (Exception e)
            {
                failures.Add($"trial {trial}: {e.GetType().Name}: {e.Message}");
            }
        }
        Assert.Empty(failures);
    }
}
