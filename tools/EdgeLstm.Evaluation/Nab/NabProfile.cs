namespace EdgeLstm.Evaluation.Nab;

/// <summary>
/// A NAB application profile: the weights of its cost matrix (NAB v1.1 <c>config/profiles.json</c>).
/// </summary>
/// <param name="Name">The profile's name as NAB spells it.</param>
/// <param name="TruePositiveWeight">tpWeight: the reward for detecting a window at its very start.</param>
/// <param name="FalsePositiveWeight">fpWeight: the cost of a false alarm far from any window (positive, subtracted).</param>
/// <param name="FalseNegativeWeight">fnWeight: the cost of missing a window (positive, subtracted).</param>
public sealed record NabProfile(string Name, double TruePositiveWeight, double FalsePositiveWeight, double FalseNegativeWeight)
{
    /// <summary>standard: tpWeight 1, fpWeight 0.11, fnWeight 1.</summary>
    public static NabProfile Standard { get; } = new("standard", 1.0, 0.11, 1.0);

    /// <summary>reward_low_FP_rate: tpWeight 1, fpWeight 0.22, fnWeight 1.</summary>
    public static NabProfile RewardLowFalsePositives { get; } = new("reward_low_FP_rate", 1.0, 0.22, 1.0);

    /// <summary>reward_low_FN_rate: tpWeight 1, fpWeight 0.11, fnWeight 2.</summary>
    public static NabProfile RewardLowFalseNegatives { get; } = new("reward_low_FN_rate", 1.0, 0.11, 2.0);

    /// <summary>The three profiles NAB reports, in NAB's order.</summary>
    public static NabProfile[] All { get; } = [Standard, RewardLowFalsePositives, RewardLowFalseNegatives];
}
