using EdgeLstm.Training.Network;

namespace EdgeLstm.Training.Optimization;

/// <summary>
/// Keeps the weights of the epoch with the lowest validation loss and says when to stop: after
/// <see cref="Patience"/> epochs in a row without a new lowest loss.
/// </summary>
internal sealed class EarlyStopping
{
    private double[][]? _best;
    private int _sinceBest;

    public EarlyStopping(int patience) => Patience = patience;

    public int Patience { get; }

    /// <summary>The best epoch so far (1-based), 0 before the first.</summary>
    public int BestEpoch { get; private set; }

    public double BestLoss { get; private set; } = double.PositiveInfinity;

    /// <summary>Records an epoch's validation loss; true when training should stop.</summary>
    public bool Update(int epoch, double validationLoss, ParameterSet parameters)
    {
        if (validationLoss < BestLoss)
        {
            BestLoss = validationLoss;
            BestEpoch = epoch;
            _best = parameters.Snapshot();
            _sinceBest = 0;
            return false;
        }
        _sinceBest++;
        return _sinceBest >= Patience;
    }

    /// <summary>Puts the best epoch's weights back.</summary>
    public void RestoreBest(ParameterSet parameters)
    {
        if (_best is not null)
        {
            parameters.Restore(_best);
        }
    }
}
