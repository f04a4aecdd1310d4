namespace EdgeLstm.Evaluation.Nab;

/// <summary>
/// One file's NAB result at one threshold: what NAB's <c>&lt;detector&gt;_&lt;profile&gt;_scores.csv</c> lists per file,
/// plus window-level counts.
/// </summary>
/// <param name="File">The file's NAB key.</param>
/// <param name="Threshold">Scores at or above it are detections.</param>
/// <param name="RawScore">NAB's raw score of the file.</param>
/// <param name="TruePositives">Scorable rows inside windows that are detections (NAB's TP column counts rows).</param>
/// <param name="TrueNegatives">Scorable rows outside windows that are not.</param>
/// <param name="FalsePositives">Scorable rows outside windows that are detections: each costs up to fpWeight.</param>
/// <param name="FalseNegatives">Scorable rows inside windows that are not detections.</param>
/// <param name="WindowsDetected">Scorable windows with a detection.</param>
/// <param name="WindowsMissed">Scorable windows without one (each costs fnWeight).</param>
public sealed record NabFileScore(
    string File,
    double Threshold,
    double RawScore,
    int TruePositives,
    int TrueNegatives,
    int FalsePositives,
    int FalseNegatives,
    int WindowsDetected,
    int WindowsMissed);
