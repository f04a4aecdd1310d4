namespace EdgeLstm.Training;

/// <summary>What the trained model's output at step t means.</summary>
public enum TrainingTask
{
    /// <summary>
    /// A next-step predictor: the output at step t predicts input row t+1, standardised ((x - input_mean) / input_std).
    /// The anomaly score of row t+1 is the prediction error, as the MachineMonitor detector computes it.
    /// </summary>
    NextStep,

    /// <summary>
    /// A denoising reconstruction: the output at step t reconstructs input row t (standardised) from the rows up to t.
    /// Trained on inputs corrupted by Gaussian noise so that it cannot simply copy its input: it learns what the
    /// recent past makes plausible, and the reconstruction error of a row scores that same row, with no one-step delay.
    /// </summary>
    Autoencoder,
}
