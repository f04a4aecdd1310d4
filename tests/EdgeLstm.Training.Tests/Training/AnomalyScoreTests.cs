using System;
using System.Linq;
using EdgeLstm.Model;
using EdgeLstm.Training.Data;
using EdgeLstm.Training.Tests.Support;
using Xunit;

namespace EdgeLstm.Training.Tests.Training;

/// <summary>
/// What the two tasks are for: trained on normal data, the model's error marks a sample that breaks the pattern.
/// A spike is injected into a later, unseen part of the series; its error must stand above every normal row's.
/// </summary>
public sealed class AnomalyScoreTests
{
    private static readonly TimeSeries Daily = TestFiles.NabSeries("artificialWithAnomaly/art_daily_jumpsup.csv");

    [Theory]
    [InlineData(TrainingTask.NextStep)]
    [InlineData(TrainingTask.Autoencoder)]
    public void AnInjectedSpikeScoresAboveEveryNormalRow(TrainingTask task)
    {
        TrainingResult result = Trainer.Train(Daily.Take(1000), new TrainingOptions
        {
            Task = task,
            Hidden = 16,
            Epochs = 30,
            LearningRate = 0.01,
            Seed = 5,
        });

        // Rows 1000..1599 are after the training data and before NAB's labelled anomaly; a spike of 4 training
        // standard deviations goes at row 1240, in the quiet phase of the daily pattern (its jumps are the worst normal rows).
        const int first = 1000, count = 600, spike = 1240;
        InputNormalization n = result.Data.Normalization;
        float[] rows = Enumerable.Range(0, first + count).Select(r => (float)Daily[r, 0]).ToArray();
        rows[spike] += 4 * n.Std[0];
        float[] outputs = new float[rows.Length];
        ReferenceModel.FromModel(result.Model).Run(rows, outputs);

        // Next-step: output t-1 predicts row t. Reconstruction: output t reconstructs row t.
        int lag = task == TrainingTask.NextStep ? 1 : 0;
        double Error(int t) => Math.Abs(outputs[t - lag] - (rows[t] - n.Mean[0]) / n.Std[0]);
        double atSpike = Error(spike);
        // The row after the spike is left out: a next-step model's prediction is thrown off by what it just saw.
        double worstNormal = Enumerable.Range(first, count).Where(t => t < spike || t > spike + 1).Max(Error);

        Assert.True(atSpike > 1.5 * worstNormal, $"{task}: error at the spike {atSpike:G4}, worst normal error {worstNormal:G4}");
    }
}
