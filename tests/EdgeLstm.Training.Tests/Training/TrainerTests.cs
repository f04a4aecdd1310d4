using System;
using System.Linq;
using EdgeLstm.Model;
using EdgeLstm.Training.Data;
using EdgeLstm.Training.Network;
using EdgeLstm.Training.Optimization;
using EdgeLstm.Training.Tests.Support;
using Xunit;

namespace EdgeLstm.Training.Tests.Training;

/// <summary>Early stopping, the validation loss's meaning, and how the data is cut, down to the error messages.</summary>
public sealed class TrainerTests
{
    private static readonly TimeSeries Daily = TestFiles.NabSeries("artificialWithAnomaly/art_daily_jumpsup.csv").Take(1200);

    [Fact]
    public void EarlyStoppingStopsAfterPatienceEpochsWithoutProgressAndGivesBackTheBestWeights()
    {
        var shape = new NetworkShape(CellKind.Rnn, 1, 1, 1, 1);
        ParameterSet parameters = ParameterSet.Create(shape);
        var stopping = new EarlyStopping(patience: 3);
        double[] losses = { 3.0, 2.0, 2.5, 2.0, 2.7, 1.0 };
        var stops = new bool[losses.Length];
        for (int epoch = 1; epoch <= losses.Length; epoch++)
        {
            parameters.All[0].Values[0] = epoch; // marks whose weights these are
            stops[epoch - 1] = stopping.Update(epoch, losses[epoch - 1], parameters);
        }

        // Epoch 2 is best; 3, 4 (equal is not better) and 5 are not: the third of them stops the run.
        Assert.Equal(new[] { false, false, false, false, true, false }, stops);
        Assert.Equal(6, stopping.BestEpoch); // had the run gone on, epoch 6 would have been the new best
        var again = new EarlyStopping(patience: 3);
        for (int epoch = 1; epoch <= 5; epoch++)
        {
            parameters.All[0].Values[0] = epoch;
            again.Update(epoch, losses[epoch - 1], parameters);
        }
        again.RestoreBest(parameters);
        Assert.Equal(2.0, parameters.All[0].Values[0]);
        Assert.Equal(2, again.BestEpoch);
    }

    [Fact]
    public void ARunThatStopsEarlyKeepsTheEpochWithTheLowestValidationLoss()
    {
        // A learning rate far too high makes the validation loss wander, so patience 2 ends the run early.
        TrainingResult result = Trainer.Train(Daily, new TrainingOptions { Hidden = 8, Epochs = 60, Patience = 2, LearningRate = 0.2, Window = 32, Seed = 3 });

        Assert.True(result.StoppedEarly, $"ran all {result.History.Count} epochs");
        Assert.Equal(result.BestEpoch + 2, result.History.Count);
        double best = result.History.Min(e => e.ValidationLoss!.Value);
        Assert.Equal(best, result.Best.ValidationLoss);
        // The kept weights are that epoch's: their loss on the validation windows, computed here with ReferenceModel
        // from the written file (float32 weights), is the recorded one.
        Assert.Equal(best, ValidationLossOf(result), 5);
    }

    [Fact]
    public void WithoutValidationEveryEpochRunsAndTheLastIsKept()
    {
        TrainingResult result = Trainer.Train(Daily, new TrainingOptions { Hidden = 4, Epochs = 3, ValidationFraction = 0, Window = 32 });

        Assert.Equal(3, result.History.Count);
        Assert.Equal(3, result.BestEpoch);
        Assert.Null(result.Best.ValidationLoss);
        Assert.Equal(Daily.Rows, result.Data.TrainingRows);
    }

    [Fact]
    public void WindowsAreCutEveryStrideRowsAsFarAsTheyFit()
    {
        // 1,200 rows: 960 train, 240 validate. Next-step windows of 32 need 33 rows: starts 0, 8, ..., 920 (116 of them)
        // and 960, 968, ..., 1160 (26).
        TrainingResult result = Trainer.Train(Daily, new TrainingOptions { Hidden = 2, Epochs = 1, Window = 32, Stride = 8 });

        Assert.Equal((960, 240, 116, 26), (result.Data.TrainingRows, result.Data.ValidationRows, result.Data.TrainingWindows, result.Data.ValidationWindows));
        // Reconstruction windows need no extra row: 0..928 and 960..1168.
        TrainingResult autoencoder = Trainer.Train(Daily, new TrainingOptions { Hidden = 2, Epochs = 1, Window = 32, Stride = 8, Task = TrainingTask.Autoencoder });
        Assert.Equal((117, 27), (autoencoder.Data.TrainingWindows, autoencoder.Data.ValidationWindows));
    }

    [Fact]
    public void TheWindowShrinksToFitShortDataWhenNotGiven()
    {
        // NAB's shortest probationary period: 168 rows -> 135 training, 33 validation rows: next-step windows of 32.
        TrainingResult result = Trainer.Train(Daily.Take(168), new TrainingOptions { Hidden = 2, Epochs = 1 });

        Assert.Equal(32, result.Data.Window);
        Assert.Equal(4, result.Data.Stride);
    }

    [Fact]
    public void TooLittleDataIsRefusedWithWhatWouldWork()
    {
        var error = Assert.Throws<TrainingDataException>(() => Trainer.Train(Daily.Take(40), new TrainingOptions { Hidden = 2 }));
        Assert.Contains("art_daily_jumpsup.csv: 40 rows give 32 training and 8 validation rows", error.Message);
        Assert.Contains("at least 8 steps", error.Message);

        error = Assert.Throws<TrainingDataException>(() => Trainer.Train(Daily.Take(300), new TrainingOptions { Hidden = 2, Window = 100 }));
        Assert.Contains("a window of 100 steps needs 100 plus the row it predicts in each span", error.Message);
        Assert.Contains("at most 59", error.Message);
    }

    [Fact]
    public void ADivergingRunStopsWithAMessageInsteadOfWritingNaNs()
    {
        var error = Assert.Throws<TrainingDataException>(() =>
            Trainer.Train(Daily, new TrainingOptions { Hidden = 4, Epochs = 5, LearningRate = 1e300, GradientClipNorm = 0 }));

        Assert.StartsWith("art_daily_jumpsup.csv: the loss became", error.Message);
        Assert.Contains("lower the learning rate", error.Message);
    }

    [Fact]
    public void OptionsOutOfRangeAreNamed()
    {
        var error = Assert.Throws<ArgumentException>(() => Trainer.Train(Daily, new TrainingOptions { ValidationFraction = 1 }));
        Assert.Contains("ValidationFraction is 1", error.Message);
        error = Assert.Throws<ArgumentException>(() => Trainer.Train(Daily, new TrainingOptions { Cell = CellKind.Gru, Nonlinearity = ActivationKind.Relu }));
        Assert.Contains("relu applies to RNN cells only", error.Message);
    }

    [Fact]
    public void AnInitialModelOfAnotherShapeIsRefused()
    {
        TrainingResult first = Trainer.Train(Daily, new TrainingOptions { Hidden = 4, Epochs = 1 });

        var error = Assert.Throws<TrainingDataException>(() => Trainer.Train(Daily, new TrainingOptions { Hidden = 8, Epochs = 1 }, first.Model));

        Assert.Contains("with 1 input(s), 1 layer(s) of 4", error.Message);
        Assert.Contains("asks for a Lstm (Tanh) with 1 input(s), 1 layer(s) of 8", error.Message);
    }

    [Fact]
    public void ContinuingFromATrainedModelStartsWhereItStopped()
    {
        var options = new TrainingOptions { Hidden = 8, Epochs = 4, Window = 32, LearningRate = 0.01 };
        TrainingResult first = Trainer.Train(Daily, options);

        TrainingResult more = Trainer.Train(Daily, options with { Epochs = 2 }, first.Model);

        // The first epoch of the continuation starts from the kept weights, not from scratch.
        Assert.True(more.History[0].TrainingLoss < first.History[0].TrainingLoss * 0.5,
            $"continued run starts at {more.History[0].TrainingLoss:G4}; a fresh run started at {first.History[0].TrainingLoss:G4}");
        Assert.Equal(first.Data.Normalization, more.Data.Normalization);
    }

    // The MSE of the written model over the validation windows (32 steps every 8 rows from row 960 of 1,200), each run
    // from the zero state by the reference implementation on raw values.
    private static double ValidationLossOf(TrainingResult result)
    {
        ReferenceModel reference = ReferenceModel.FromModel(result.Model);
        InputNormalization n = result.Data.Normalization;
        int window = result.Data.Window, stride = result.Data.Stride;
        double squares = 0;
        int count = 0;
        for (int start = result.Data.TrainingRows; start + window + 1 <= Daily.Rows; start += stride)
        {
            float[] input = Enumerable.Range(start, window).Select(r => (float)Daily[r, 0]).ToArray();
            float[] output = new float[window];
            reference.Reset();
            reference.Run(input, output);
            for (int t = 0; t < window; t++)
            {
                double target = (Daily[start + t + 1, 0] - n.Mean[0]) / n.Std[0];
                squares += (output[t] - target) * (output[t] - target);
                count++;
            }
        }
        return squares / count;
    }
}
