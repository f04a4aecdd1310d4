namespace EdgeLstm.Training.Data;

/// <summary>
/// A batch of windows laid out time-major for the network: <see cref="Inputs"/> [steps, size, inputs] and
/// <see cref="Targets"/> [steps, size, outputs]. Allocated once for the largest batch and refilled.
/// </summary>
internal sealed class TrainingBatch
{
    public TrainingBatch(int steps, int capacity, int inputs, int outputs)
    {
        Steps = steps;
        Capacity = capacity;
        InputWidth = inputs;
        OutputWidth = outputs;
        Inputs = new double[steps * capacity * inputs];
        Targets = new double[steps * capacity * outputs];
    }

    public int Steps { get; }

    public int Capacity { get; }

    public int InputWidth { get; }

    public int OutputWidth { get; }

    /// <summary>Windows in the batch now (the last batch of an epoch may hold fewer than <see cref="Capacity"/>).</summary>
    public int Size { get; set; }

    public double[] Inputs { get; }

    public double[] Targets { get; }

    /// <summary>Target values in the batch: the loss is their mean squared error.</summary>
    public int TargetCount => Steps * Size * OutputWidth;
}
