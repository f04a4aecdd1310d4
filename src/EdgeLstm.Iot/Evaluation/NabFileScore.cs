namespace EdgeLstm.Iot.Evaluation;

/// <summary>The NAB result for one data file.</summary>
/// <param name="RawScore">The file's raw (unnormalised) NAB score — what NAB's <c>*_scores.csv</c> lists as the score per file.</param>
/// <param name="WindowsDetected">Scored windows with at least one detection inside.</param>
/// <param name="WindowsMissed">Scored windows without a detection (each costs A_FN).</param>
/// <param name="FalsePositives">Detections outside every window after the probationary period.</param>
/// <param name="ProbationaryLength">Leading rows excluded from scoring.</param>
public readonly record struct NabFileScore(double RawScore, int WindowsDetected, int WindowsMissed, int FalsePositives, int ProbationaryLength);
