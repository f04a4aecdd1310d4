using System;
using System.Threading;
using EdgeLstm.Training.Data;
using EdgeLstm.Training.Network;
using EdgeLstm.Training.Numerics;
using EdgeLstm.Training.Optimization;

namespace EdgeLstm.Training;

/// <summary>
/// The state of one training run: the network, the optimiser, the windows and the random streams. An epoch visits
/// every training window once in a shuffled order, a batch at a time; validation measures every validation window
/// with the weights as they are.
/// </summary>
/// <remarks>
/// The random streams are independent SplitMix64 sequences derived from the seed: seed for the initial weights,
/// seed + 1 for the window order, seed + 2 for the autoencoder's training noise and seed + 3 for its validation noise
/// (the same draw every epoch, so that validation losses compare).
/// </remarks>
internal sealed class TrainingSession
{
    private readonly TrainingOptions _options;
    private readonly TrainingPlan _plan;
    private readonly AdamOptimizer _optimizer;
    private readonly SplitMix64 _order;
    private readonly SplitMix64? _noise;
    private readonly TrainingBatch _batch;
    private readonly int[] _windows;

    private readonly string _source;

    public TrainingSession(RecurrentNetwork network, TrainingPlan plan, TrainingOptions options, string source)
    {
        _source = source;
        Network = network;
        _plan = plan;
        _options = options;
        _optimizer = new AdamOptimizer(network.Parameters, options.LearningRate);
        _order = new SplitMix64(unchecked(options.Seed + 1));
        _noise = UsesNoise(options) ? new SplitMix64(unchecked(options.Seed + 2)) : null;
        _batch = new TrainingBatch(plan.Window, options.BatchSize, network.Shape.Inputs, network.Shape.Outputs);
        _windows = new int[plan.Training.Count];
        BatchesPerEpoch = (plan.Training.Count + options.BatchSize - 1) / options.BatchSize;
    }

    public RecurrentNetwork Network { get; }

    public int BatchesPerEpoch { get; }

    /// <summary>One pass over the training windows; returns the mean loss of its batches, weighted by their sizes.</summary>
    /// <param name="afterBatch">Called after every update with the batches done and the epoch's mean loss so far.</param>
    /// <param name="cancellationToken">Checked before every batch.</param>
    public double RunEpoch(Action<int, double> afterBatch, CancellationToken cancellationToken)
    {
        for (int i = 0; i < _windows.Length; i++) _windows[i] = i;
        _order.Shuffle(_windows);

        double squares = 0.0;
        long count = 0;
        int batches = 0;
        for (int first = 0; first < _windows.Length; first += _options.BatchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int size = Math.Min(_options.BatchSize, _windows.Length - first);
            _plan.Training.Fill(_batch, _windows.AsSpan(first, size), _noise, _options.Noise);
            double loss = Network.LossAndGradients(_batch);
            if (!double.IsFinite(loss))
            {
                throw new TrainingDataException(
                    $"{_source}: the loss became {loss} (the training diverged); lower the learning rate ({_options.LearningRate}) or keep gradient clipping on.");
            }
            if (_options.GradientClipNorm > 0)
            {
                GradientClipping.ClipGlobalNorm(Network.Parameters, _options.GradientClipNorm);
            }
            _optimizer.Step();
            squares += loss * _batch.TargetCount;
            count += _batch.TargetCount;
            afterBatch(++batches, squares / count);
        }
        return squares / count;
    }

    /// <summary>The mean squared error over every validation window, with the weights as they are now.</summary>
    public double Validate()
    {
        WindowSet windows = _plan.Validation ?? throw new InvalidOperationException("No validation span.");
        SplitMix64? noise = UsesNoise(_options) ? new SplitMix64(unchecked(_options.Seed + 3)) : null;
        Span<int> indices = new int[Math.Min(_options.BatchSize, windows.Count)];
        double squares = 0.0;
        long count = 0;
        for (int first = 0; first < windows.Count; first += _options.BatchSize)
        {
            int size = Math.Min(_options.BatchSize, windows.Count - first);
            for (int i = 0; i < size; i++) indices[i] = first + i;
            windows.Fill(_batch, indices.Slice(0, size), noise, _options.Noise);
            squares += Network.SumOfSquares(_batch);
            count += _batch.TargetCount;
        }
        return squares / count;
    }

    private static bool UsesNoise(TrainingOptions options) => options.Task == TrainingTask.Autoencoder && options.Noise > 0;
}
