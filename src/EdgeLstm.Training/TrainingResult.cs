using System;
using System.Collections.Generic;
using System.IO;
using EdgeLstm.Model;

namespace EdgeLstm.Training;

/// <summary>A trained model, as a safetensors file and as the <see cref="NetworkModel"/> read back from it, with its history.</summary>
public sealed class TrainingResult
{
    private readonly byte[] _safeTensors;

    internal TrainingResult(byte[] safeTensors, NetworkModel model, TrainingOptions options, IReadOnlyList<EpochSummary> history,
        int bestEpoch, bool stoppedEarly, TrainingDataSummary data)
    {
        _safeTensors = safeTensors;
        Model = model;
        Options = options;
        History = history;
        BestEpoch = bestEpoch;
        StoppedEarly = stoppedEarly;
        Data = data;
    }

    /// <summary>
    /// The model as the importers read the written file (so it is exactly what ReferenceModel and the generator
    /// will see): recurrent layers, the linear head and the input standardisation.
    /// </summary>
    public NetworkModel Model { get; }

    /// <summary>The options the run used (the window and stride as chosen are in <see cref="Data"/>).</summary>
    public TrainingOptions Options { get; }

    /// <summary>Every epoch run, in order.</summary>
    public IReadOnlyList<EpochSummary> History { get; }

    /// <summary>The epoch whose weights were kept: the lowest validation loss, or the last epoch without validation.</summary>
    public int BestEpoch { get; }

    /// <summary>True when early stopping ended the run before <see cref="TrainingOptions.Epochs"/>.</summary>
    public bool StoppedEarly { get; }

    /// <summary>How the data was cut.</summary>
    public TrainingDataSummary Data { get; }

    /// <summary>The kept epoch's losses.</summary>
    public EpochSummary Best => History[BestEpoch - 1];

    /// <summary>The safetensors file's bytes (a copy).</summary>
    public byte[] ToSafeTensors() => (byte[])_safeTensors.Clone();

    /// <summary>Writes the safetensors file.</summary>
    public void Save(string path) => File.WriteAllBytes(path, _safeTensors);
}

/// <summary>How the data was cut for training.</summary>
/// <param name="Rows">Rows in the series.</param>
/// <param name="TrainingRows">The first rows, trained on; their statistics standardise everything.</param>
/// <param name="ValidationRows">The last rows, measured only.</param>
/// <param name="Window">Steps per window.</param>
/// <param name="Stride">Rows between window starts.</param>
/// <param name="TrainingWindows">Windows per epoch.</param>
/// <param name="ValidationWindows">Windows measured after each epoch.</param>
/// <param name="Normalization">The per-column standardisation written as input_mean/input_std.</param>
public sealed record TrainingDataSummary(
    int Rows,
    int TrainingRows,
    int ValidationRows,
    int Window,
    int Stride,
    int TrainingWindows,
    int ValidationWindows,
    InputNormalization Normalization);
