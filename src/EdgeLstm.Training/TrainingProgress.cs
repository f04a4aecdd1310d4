namespace EdgeLstm.Training;

/// <summary>The losses of one finished epoch.</summary>
/// <param name="Epoch">1-based.</param>
/// <param name="TrainingLoss">The mean squared error of the epoch's batches, each measured before its update.</param>
/// <param name="ValidationLoss">The mean squared error over the validation windows after the epoch; null without validation.</param>
public readonly record struct EpochSummary(int Epoch, double TrainingLoss, double? ValidationLoss);

/// <summary>Where training is, reported after every batch.</summary>
/// <param name="Epoch">The current epoch, 1-based.</param>
/// <param name="Epochs">The most epochs the run will take.</param>
/// <param name="Batch">Batches done in this epoch.</param>
/// <param name="BatchesPerEpoch">Batches in an epoch.</param>
/// <param name="TrainingLoss">The mean loss of this epoch's batches so far.</param>
/// <param name="LastEpoch">The previous finished epoch, or null during the first.</param>
/// <param name="BestEpoch">The epoch with the lowest validation loss so far (0 before the first).</param>
/// <param name="BestValidationLoss">Its validation loss, or null.</param>
public sealed record TrainingProgress(
    int Epoch,
    int Epochs,
    int Batch,
    int BatchesPerEpoch,
    double TrainingLoss,
    EpochSummary? LastEpoch,
    int BestEpoch,
    double? BestValidationLoss);
