using System;
using EdgeLstm.Cli.Infrastructure;
using EdgeLstm.Model;

namespace EdgeLstm.Cli.Calibration;

/// <summary>
/// Anomaly scores of a next-step predictor: the model's output at step t predicts input row t+1, and the score is
/// the mean absolute prediction error over the channels. Normal data gives small scores; the threshold is a high
/// quantile of them.
/// </summary>
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
    /// <param name="outputs">Row-major [steps, channels]: outputs[t] predicts inputs[t + 1].</param>
    /// <returns>steps - 1 scores; score t compares outputs[t] with inputs[t + 1].</returns>
    public static double[] Compute(double[] inputs, double[] outputs, int steps, int channels)
    {
        var scores = new double[Math.Max(0, steps - 1)];
        for (int t = 0; t < scores.Length; t++)
        {
            double sum = 0;
            for (int c = 0; c < channels; c++)
            {
                sum += Math.Abs(outputs[t * channels + c] - inputs[(t + 1) * channels + c]);
            }
            scores[t] = sum / channels;
        }
        return scores;
    }
}
