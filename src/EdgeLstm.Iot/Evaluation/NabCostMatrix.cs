namespace EdgeLstm.Iot.Evaluation;

/// <summary>The weights of a NAB application profile.</summary>
/// <param name="TruePositive">A_TP: the reward for detecting a window at its very start.</param>
/// <param name="FalsePositive">A_FP: the cost of a false alarm far from any window (a positive number, subtracted).</param>
/// <param name="FalseNegative">A_FN: the cost of missing a window (a positive number, subtracted).</param>
public readonly record struct NabCostMatrix(double TruePositive, double FalsePositive, double FalseNegative)
{
    /// <summary>NAB's standard profile: A_TP = 1, A_FP = 0.11, A_FN = 1.</summary>
    public static NabCostMatrix Standard { get; } = new(1.0, 0.11, 1.0);

    /// <summary>NAB's reward-low-FP profile: A_TP = 1, A_FP = 0.22, A_FN = 1.</summary>
    public static NabCostMatrix RewardLowFalsePositives { get; } = new(1.0, 0.22, 1.0);

    /// <summary>NAB's reward-low-FN profile: A_TP = 1, A_FP = 0.11, A_FN = 2.</summary>
    public static NabCostMatrix RewardLowFalseNegatives { get; } = new(1.0, 0.11, 2.0);
}
