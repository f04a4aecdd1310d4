using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace EdgeLstm.Benchmarks.Models;

/// <summary>One benchmark network: a recurrent layer stack of <see cref="Hidden"/> units, 8 inputs, a linear head to 4 outputs.</summary>
/// <param name="Name">The file stem under models/ (models/&lt;name&gt;.onnx and models/step/&lt;name&gt;.onnx).</param>
/// <param name="Cell">"LSTM" or "GRU".</param>
/// <param name="Hidden">Units per recurrent layer.</param>
/// <param name="Layers">Stacked recurrent layers.</param>
public sealed record BenchModel(string Name, string Cell, int Hidden, int Layers)
{
    /// <summary>Features per input row in every benchmark model (models/make_models.py).</summary>
    public const int InputSize = 8;

    /// <summary>Features per output row in every benchmark model.</summary>
    public const int OutputSize = 4;

    /// <summary>Every benchmark model, in table order.</summary>
    public static IReadOnlyList<BenchModel> All { get; } =
    [
        .. new[] { 8, 16, 32, 64, 128, 256 }.Select(h => new BenchModel($"lstm_h{h}", "LSTM", h, 1)),
        .. new[] { 8, 16, 32, 64, 128, 256 }.Select(h => new BenchModel($"gru_h{h}", "GRU", h, 1)),
        new BenchModel("lstm2_h64", "LSTM", 64, 2),
    ];

    /// <summary>The names, for BenchmarkDotNet's <c>[ParamsSource]</c>.</summary>
    public static IEnumerable<string> Names => All.Select(m => m.Name);

    /// <summary>Looks a model up by its file stem.</summary>
    public static BenchModel Get(string name) =>
        All.FirstOrDefault(m => m.Name == name) ?? throw new ArgumentException($"no benchmark model named '{name}'.", nameof(name));

    /// <summary>How the tables name it: "LSTM 8→64→4", "2×LSTM 8→64→4".</summary>
    public string Label => $"{(Layers > 1 ? $"{Layers}×" : string.Empty)}{Cell} 8→{Hidden}→4";

    /// <summary>LSTM carries a cell state c beside h; GRU only h.</summary>
    public bool HasCellState => Cell == "LSTM";

    /// <summary>The whole-sequence graph: baked by EdgeLstm, run by ONNX Runtime and the reference.</summary>
    public string SequenceGraphPath => Path.Combine(AppContext.BaseDirectory, "models", Name + ".onnx");

    /// <summary>The one-step graph that takes and returns the state, for ONNX Runtime's streaming peer.</summary>
    public string StepGraphPath => Path.Combine(AppContext.BaseDirectory, "models", "step", Name + ".onnx");
}
