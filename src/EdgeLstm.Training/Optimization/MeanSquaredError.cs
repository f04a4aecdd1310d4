namespace EdgeLstm.Training.Optimization;

/// <summary>
/// The loss: the mean of the squared differences over every step, window and output (PyTorch's
/// <c>mse_loss</c> with reduction 'mean').
/// </summary>
internal static class MeanSquaredError
{
    /// <summary>The sum of squared differences over the first <paramref name="count"/> values.</summary>
    public static double SumOfSquares(double[] predictions, double[] targets, int count)
    {
        double sum = 0.0;
        for (int i = 0; i < count; i++)
        {
            double error = predictions[i] - targets[i];
            sum += error * error;
        }
        return sum;
    }

    /// <summary>∂(mean)/∂prediction = 2 (prediction - target) / count, into <paramref name="gradient"/>.</summary>
    public static void Gradient(double[] predictions, double[] targets, int count, double[] gradient)
    {
        double scale = 2.0 / count;
        for (int i = 0; i < count; i++)
        {
            gradient[i] = scale * (predictions[i] - targets[i]);
        }
    }
}
