using System;
using System.Collections.Generic;
using EdgeLstm.Iot.Evaluation;
using Xunit;

namespace EdgeLstm.Iot.Tests.Evaluation;

/// <summary>
/// Hand-made files of 100 one-minute rows: probationary length ⌊0.15·100⌋ = 15. Expected values are worked out in
/// the comments from NAB's definitions (σ(y) = 2/(1+e^{5y}) − 1; σ(−1) = 0.986614298…).
/// </summary>
public sealed class NabScorerTests
{
    private static readonly DateTime T0 = new(2024, 1, 1);
    private static readonly List<DateTime> Times = MakeTimes(100);

    private static List<DateTime> MakeTimes(int n)
    {
        var t = new List<DateTime>();
        for (int i = 0; i < n; i++)
        {
            t.Add(T0.AddMinutes(i));
        }

        return t;
    }

    private static NabWindow Rows(int first, int last) => new(T0.AddMinutes(first), T0.AddMinutes(last));

    private static bool[] DetectAt(params int[] rows)
    {
        var d = new bool[100];
        foreach (int r in rows)
        {
            d[r] = true;
        }

        return d;
    }

    private static readonly double MaxTp = 2 / (1 + Math.Exp(-5)) - 1; // σ(−1)

    [Fact]
    public void ScaledSigmoidMatchesTheDefinitionAndItsLandmarks()
    {
        Assert.Equal(0.9866142981514305, NabScorer.ScaledSigmoid(-1), 12);
        Assert.Equal(0.8482836399575131, NabScorer.ScaledSigmoid(-0.5), 12);
        Assert.Equal(0.0, NabScorer.ScaledSigmoid(0), 12);
        Assert.Equal(-0.9866142981514305, NabScorer.ScaledSigmoid(1), 12);
        Assert.Equal(-1.0, NabScorer.ScaledSigmoid(3));
        Assert.Equal(-1.0, NabScorer.ScaledSigmoid(50));
    }

    [Fact]
    public void ProbationaryLengthIsFifteenPercentCappedAt750()
    {
        Assert.Equal(15, NabScorer.ProbationaryLength(100));
        Assert.Equal(604, NabScorer.ProbationaryLength(4032));
        Assert.Equal(750, NabScorer.ProbationaryLength(18050));
    }

    [Fact]
    public void DetectionAtTheFirstRowOfAWindowScoresExactlyATp()
        => Assert.Equal(1.0, NabScorer.Score(Times, DetectAt(40), [Rows(40, 49)], NabCostMatrix.Standard).RawScore, 12);

    [Fact]
    public void OnlyTheFirstDetectionInAWindowCounts()
    {
        // Window rows 40..49 (w = 10). Detection at 45: y = −(49 − 45 + 1)/10 = −0.5 → σ = 0.848283…/σ(−1).
        double expected = 0.8482836399575131 / MaxTp;
        var one = NabScorer.Score(Times, DetectAt(45), [Rows(40, 49)], NabCostMatrix.Standard);
        var three = NabScorer.Score(Times, DetectAt(45, 46, 49), [Rows(40, 49)], NabCostMatrix.Standard);
        Assert.Equal(expected, one.RawScore, 12);
        Assert.Equal(expected, three.RawScore, 12);
        Assert.Equal(1, three.WindowsDetected);
        Assert.Equal(0, three.FalsePositives);
    }

    [Fact]
    public void MissedWindowCostsAFn()
    {
        var score = NabScorer.Score(Times, DetectAt(), [Rows(40, 49), Rows(70, 79)], NabCostMatrix.Standard);
        Assert.Equal(-2.0, score.RawScore, 12);
        Assert.Equal(2, score.WindowsMissed);
    }

    [Fact]
    public void FalsePositiveBeforeTheFirstWindowCostsTheFullAFp()
    {
        var score = NabScorer.Score(Times, DetectAt(20, 40), [Rows(40, 49)], NabCostMatrix.Standard);
        Assert.Equal(1.0 - 0.11, score.RawScore, 12);
        Assert.Equal(1, score.FalsePositives);
    }

    [Fact]
    public void FalsePositiveAfterAWindowIsWeightedByDistance()
    {
        // Window 40..49 (w = 10), FP at 52: y = |49 − 52| / (10 − 1) = 1/3 → σ(1/3) = 2/(1+e^{5/3}) − 1 = −0.683403…
        // Score = −1 (missed window) + 0.11·σ(1/3).
        double sigma = 2 / (1 + Math.Exp(5.0 / 3.0)) - 1;
        Assert.Equal(-0.682262, sigma, 5); // by hand: e^{5/3} = 5.294490, 2/6.294490 − 1
        var score = NabScorer.Score(Times, DetectAt(52), [Rows(40, 49)], NabCostMatrix.Standard);
        Assert.Equal(-1 + 0.11 * sigma, score.RawScore, 12);
    }

    [Fact]
    public void FalsePositiveFarAfterAWindowCostsTheFullAFp()
    {
        // y = (49 + 28 − 49)/9 = 3.11 ≥ 3 → σ = −1.
        var score = NabScorer.Score(Times, DetectAt(40, 77), [Rows(40, 49)], NabCostMatrix.Standard);
        Assert.Equal(1 - 0.11, score.RawScore, 12);
    }

    [Fact]
    public void ProbationaryRowsAreIgnored()
    {
        // FP at row 10 < 15 is ignored; a window entirely inside probation is neither rewarded nor penalised.
        var score = NabScorer.Score(Times, DetectAt(10), [Rows(5, 12)], NabCostMatrix.Standard);
        Assert.Equal(0.0, score.RawScore, 12);
        Assert.Equal(0, score.WindowsMissed);
        Assert.Equal(15, score.ProbationaryLength);
    }

    [Fact]
    public void CombinesWindowsAndFalsePositivesAcrossAFile()
    {
        // Windows 30..39 and 60..69. Detections: 20 (FP before any window: −0.11), 35 (TP: y = −0.5),
        // 41 (FP after window 1: y = 2/9), 69 (TP at the last row: y = −0.1), 95 (FP after window 2: y = 26/9 < 3).
        double s(double y) => 2 / (1 + Math.Exp(5 * y)) - 1;
        double expected = -0.11 + s(-0.5) / MaxTp + 0.11 * s(2.0 / 9) + s(-0.1) / MaxTp + 0.11 * s(26.0 / 9);
        var score = NabScorer.Score(Times, DetectAt(20, 35, 41, 69, 95), [Rows(30, 39), Rows(60, 69)], NabCostMatrix.Standard);
        Assert.Equal(expected, score.RawScore, 12);
        Assert.Equal(2, score.WindowsDetected);
        Assert.Equal(3, score.FalsePositives);
    }

    [Fact]
    public void RewardLowFnProfileDoublesTheMissCost()
        => Assert.Equal(-2.0, NabScorer.Score(Times, DetectAt(), [Rows(40, 49)], NabCostMatrix.RewardLowFalseNegatives).RawScore, 12);

    [Fact]
    public void RejectsMismatchedLengthsAndEmptyOrOverlappingWindows()
    {
        Assert.Throws<ArgumentException>(() => NabScorer.Score(Times, new bool[99], [], NabCostMatrix.Standard));
        Assert.Throws<ArgumentException>(() => NabScorer.Score(Times, DetectAt(), [new NabWindow(T0.AddDays(2), T0.AddDays(3))], NabCostMatrix.Standard));
        Assert.Throws<ArgumentException>(() => NabScorer.Score(Times, DetectAt(), [Rows(40, 50), Rows(50, 60)], NabCostMatrix.Standard));
    }
}
