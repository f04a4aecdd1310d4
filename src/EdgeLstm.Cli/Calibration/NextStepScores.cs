using System;
using EdgeLstm.Cli.Infrastructure;
using EdgeLstm.Model;

namespace EdgeLstm.Cli.Calibration;

/// <summary>
/// Raw anomaly scores of a next-step predictor, as the MachineMonitor detector (EdgeLstm.Iot AnomalyDetector,
/// NextStepPrediction mode) computes them: the output at step t-1 predicts input row t, and the score at t is the
/// RMS prediction error over the channels. The first DetectorOptions.WarmupSamples steps only let the
/// recurrent state settle and are not scored.
/// </summary>
/// <remarks>
/// A model that carries input_mean/input_std standardises its own input and predicts the standardised next row (the
/// convention of `edgelstm train` and the MachineMonitor training script), so its prediction is compared with
/// (x - mean) / std; a model without them is compared with the row as it is.
/// </remarks>
internal static class NextStepScores
{
    /// <summary>Throws unless the model can predict its own next input one step at a time.</summary>
    public static void RequirePredictor(NetworkModel model, string modelPath)
    {
        if (!model.IsStreaming)
        {
            throw new InputException(
                $"{modelPath}: calibration needs a streaming model (every recurrent layer forward): a reverse or bidirectional " +
                "layer sees the future, so it cannot predict it.");
        }
        if (model.OutputSize != model.InputSize)
        {
            throw new InputException(
                $"{modelPath}: calibration needs a next-step predictor, whose outputs are its next inputs; this model reads " +
                $"{model.InputSize} input(s) but writes {model.OutputSize} output(s).");
        }
    }

    /// <param name="inputs">Row-major [steps, channels].</param>
    /// <param name="outputs">Row-major [steps, channels]: outputs[t - 1] predicts inputs[t].</param>
    /// <param name="steps">Rows.</param>
    /// <param name="channels">Columns of both.</param>
    /// <param name="warmup">Leading steps that are not scored.</param>
    /// <param name="normalization">The model's input standardisation, or null: the units its predictions are in.</param>
    /// <returns>One score per step t in [max(1, warmup), steps).</returns>
    public static double[] Compute(double[] inputs, double[] outputs, int steps, int channels, int warmup, InputNormalization? normalization = null)
    {
        int first = Math.Max(1, warmup);
        var scores = new double[Math.Max(0, steps - first)];
        for (int i = 0; i < scores.Length; i++)
        {
            int t = first + i;
            double sum = 0;
            for (int c = 0; c < channels; c++)
            {
                double actual = inputs[t * channels + c];
                if (normalization is not null)
                {
                    actual = (actual - normalization.Mean[c]) / normalization.Std[c];
                }
                double error = outputs[(t - 1) * channels + c] - actual;
                sum += error * error;
            }
            scores[i] = Math.Sqrt(sum / channels);
        }
        return scores;
    }
}
