using System;
using EdgeLstm.Model;
using EdgeLstm.Training.Cells;
using EdgeLstm.Training.Data;
using EdgeLstm.Training.Optimization;

namespace EdgeLstm.Training.Network;

/// <summary>
/// A trainable network over a <see cref="ParameterSet"/>: the stacked recurrent layers, then the head. It computes a
/// batch's loss and, on request, every parameter's gradient by backpropagation through time.
/// </summary>
internal sealed class RecurrentNetwork
{
    private readonly RecurrentTrainingLayer[] _layers;
    private readonly DenseTrainingHead _head;
    private double[] _outputGradient = Array.Empty<double>();
    private double[] _hiddenGradient = Array.Empty<double>();
    private double[] _belowGradient = Array.Empty<double>();

    public RecurrentNetwork(NetworkShape shape, ParameterSet parameters)
    {
        shape.Validate();
        Shape = shape;
        Parameters = parameters;
        _layers = new RecurrentTrainingLayer[shape.Layers];
        for (int k = 0; k < shape.Layers; k++)
        {
            int inputs = shape.LayerInputs(k);
            _layers[k] = shape.Cell switch
            {
                CellKind.Lstm => new LstmTrainingLayer(inputs, shape.Hidden, parameters, k),
                CellKind.Gru => new GruTrainingLayer(inputs, shape.Hidden, parameters, k),
                _ => new RnnTrainingLayer(inputs, shape.Hidden, shape.Nonlinearity, parameters, k),
            };
        }
        _head = new DenseTrainingHead(shape.Hidden, shape.Outputs, parameters);
    }

    public NetworkShape Shape { get; }

    public ParameterSet Parameters { get; }

    /// <summary>The batch's mean squared error; the gradients are left untouched.</summary>
    public double Loss(TrainingBatch batch) => SumOfSquares(batch) / batch.TargetCount;

    /// <summary>The batch's mean squared error, with every parameter's gradient set to ∂loss/∂parameter.</summary>
    public double LossAndGradients(TrainingBatch batch)
    {
        double loss = SumOfSquares(batch) / batch.TargetCount;
        Parameters.ClearGradients();
        int count = batch.TargetCount;
        Grow(ref _outputGradient, count);
        MeanSquaredError.Gradient(_head.Output, batch.Targets, count, _outputGradient);

        int rows = batch.Steps * batch.Size;
        Grow(ref _hiddenGradient, rows * Shape.Hidden);
        _head.Backward(_outputGradient, _hiddenGradient);
        for (int k = _layers.Length - 1; k >= 0; k--)
        {
            // The first layer's input is data: no gradient to compute for it.
            double[]? below = k == 0 ? null : Grow(ref _belowGradient, rows * Shape.Hidden);
            _layers[k].Backward(_hiddenGradient, below);
            if (below is not null)
            {
                (_hiddenGradient, _belowGradient) = (_belowGradient, _hiddenGradient);
            }
        }
        return loss;
    }

    /// <summary>Runs the batch forward and returns Σ (prediction - target)² over its targets.</summary>
    public double SumOfSquares(TrainingBatch batch)
    {
        double[] current = batch.Inputs;
        foreach (RecurrentTrainingLayer layer in _layers)
        {
            layer.Forward(current, batch.Steps, batch.Size);
            current = layer.Output;
        }
        _head.Forward(current, batch.Steps * batch.Size);
        return MeanSquaredError.SumOfSquares(_head.Output, batch.Targets, batch.TargetCount);
    }

    private static double[] Grow(ref double[] buffer, int length)
    {
        if (buffer.Length < length)
        {
            buffer = new double[length];
        }
        return buffer;
    }
}
