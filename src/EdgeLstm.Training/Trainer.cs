using System;
using System.Collections.Generic;
using System.Threading;
using EdgeLstm.Import;
using EdgeLstm.Model;
using EdgeLstm.Training.Data;
using EdgeLstm.Training.Export;
using EdgeLstm.Training.Network;
using EdgeLstm.Training.Numerics;
using EdgeLstm.Training.Optimization;

namespace EdgeLstm.Training;

/// <summary>
/// Trains a recurrent model on a time series in managed code: backpropagation through time over windows, Adam,
/// gradient clipping, a chronological validation split with early stopping, deterministic for a seed. The result is a
/// safetensors file that <c>[RecurrentModel("...")]</c>, <c>ReferenceModel</c> and the <c>edgelstm</c> tool read.
/// </summary>
public static class Trainer
{
    /// <summary>Trains a model on <paramref name="series"/>.</summary>
    /// <param name="series">Normal operation, one row per step; every column is both input and output.</param>
    /// <param name="options">Shape, windows, optimiser, stopping.</param>
    /// <param name="initialModel">
    /// Weights to start from (to continue training on new data, or to start where another tool did), or null for
    /// PyTorch's default initialisation drawn with the seed. Its shape must match <paramref name="options"/>; its input
    /// standardisation, when it has one, is kept.
    /// </param>
    /// <param name="progress">Called synchronously after every batch.</param>
    /// <param name="cancellationToken">Checked before every batch.</param>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    /// <exception cref="TrainingDataException">The data cannot be trained on as asked; the message says what would work.</exception>
    public static TrainingResult Train(TimeSeries series, TrainingOptions options, NetworkModel? initialModel = null,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        var shape = new NetworkShape(options.Cell, series.ColumnCount, options.Hidden, options.Layers, series.ColumnCount, options.Nonlinearity);
        ParameterSet parameters = initialModel is null ? Initialize(shape, options.Seed) : StartFrom(initialModel, shape, series);
        TrainingPlan plan = TrainingPlan.Create(series, options, initialModel?.Normalization);
        var session = new TrainingSession(new RecurrentNetwork(shape, parameters), plan, options, series.Source);

        var history = new List<EpochSummary>();
        var stopping = new EarlyStopping(options.Patience);
        bool stoppedEarly = false;
        for (int epoch = 1; epoch <= options.Epochs && !stoppedEarly; epoch++)
        {
            EpochSummary? last = history.Count == 0 ? null : history[^1];
            double trainingLoss = session.RunEpoch((batch, loss) => progress?.Report(new TrainingProgress(
                epoch, options.Epochs, batch, session.BatchesPerEpoch, loss, last, stopping.BestEpoch, BestLoss(stopping))), cancellationToken);
            double? validationLoss = plan.Validation is null ? null : session.Validate();
            history.Add(new EpochSummary(epoch, trainingLoss, validationLoss));
            if (validationLoss is { } loss)
            {
                stoppedEarly = stopping.Update(epoch, loss, parameters) && epoch < options.Epochs;
            }
        }

        int bestEpoch = plan.Validation is null ? history.Count : stopping.BestEpoch;
        if (plan.Validation is not null)
        {
            stopping.RestoreBest(parameters);
        }
        var data = new TrainingDataSummary(series.Rows, plan.TrainingRows, plan.ValidationRows, plan.Window, plan.Stride,
            plan.Training.Count, plan.Validation?.Count ?? 0, plan.Normalization);
        string trainingJson = TrainingMetadata.Describe(series, options, data, history, bestEpoch, stoppedEarly);
        byte[] file = TrainedModelExport.ToSafeTensors(shape, parameters, plan.Normalization, options.Task, series.Columns, trainingJson);
        NetworkModel model = ModelImporter.Load(file, series.Source + " (trained)");
        return new TrainingResult(file, model, options, history, bestEpoch, stoppedEarly, data);
    }

    private static double? BestLoss(EarlyStopping stopping) => stopping.BestEpoch == 0 ? null : stopping.BestLoss;

    private static ParameterSet Initialize(NetworkShape shape, ulong seed)
    {
        ParameterSet parameters = ParameterSet.Create(shape);
        PyTorchInitialization.Initialize(parameters, shape, new SplitMix64(seed));
        return parameters;
    }

    private static ParameterSet StartFrom(NetworkModel model, NetworkShape expected, TimeSeries series)
    {
        (NetworkShape shape, ParameterSet parameters) = InitialWeights.Read(model);
        if (shape != expected)
        {
            string name = model.Metadata.SourceFile ?? model.Metadata.Name ?? "the initial model";
            throw new TrainingDataException(
                $"{name} is a {Describe(shape)}, but training on {series.Source} asks for a {Describe(expected)}; " +
                "give the initial model's cell, hidden size and layers, and data with one column per model input.");
        }
        return parameters;
    }

    private static string Describe(NetworkShape shape)
        => $"{shape.Cell} ({shape.Nonlinearity}) with {shape.Inputs} input(s), {shape.Layers} layer(s) of {shape.Hidden} and {shape.Outputs} output(s)";
}
