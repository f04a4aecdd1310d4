using System;
using System.Collections.Generic;
using EdgeLstm.Iot.Detection;

namespace EdgeLstm.Iot.Evaluation;

/// <summary>
/// Runs an <see cref="AnomalyDetector{TModel}"/> over a NAB series and scores it. The detector warms up and
/// calibrates inside NAB's probationary period (which NAB does not score), and each event's first sample is the
/// detection NAB sees — one alarm per anomaly, as on the device.
/// </summary>
public static class NabEvaluator
{
    /// <summary>Evaluates a single-channel model on one series.</summary>
    /// <param name="model">A fresh model (zero state) with one input.</param>
    /// <param name="options">Detector settings; <see cref="DetectorOptions.CalibrationSamples"/> is replaced by the probationary period minus the warm-up.</param>
    /// <param name="timestamps">The series' timestamps.</param>
    /// <param name="values">The series' values.</param>
    /// <param name="windows">Its labelled windows.</param>
    /// <param name="costs">The NAB profile; null for the standard profile.</param>
    public static NabFileScore Evaluate<TModel>(TModel model, DetectorOptions options, IReadOnlyList<DateTime> timestamps, IReadOnlyList<float> values,
        IReadOnlyList<NabWindow> windows, NabCostMatrix? costs = null)
        where TModel : IStreamingModel
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timestamps);
        ArgumentNullException.ThrowIfNull(values);
        int probation = NabScorer.ProbationaryLength(timestamps.Count);
        if (options.FixedThreshold is null)
        {
            int calibration = probation - options.WarmupSamples - 1; // -1: the first next-step sample has no score
            if (calibration < 1)
            {
                throw new ArgumentException($"The probationary period ({probation} rows) is shorter than the warm-up.", nameof(options));
            }

            options = options with { CalibrationSamples = calibration };
        }

        var detector = new AnomalyDetector<TModel>(model, options);
        var detections = new bool[timestamps.Count];
        Span<float> sample = stackalloc float[1];
        for (int i = 0; i < timestamps.Count; i++)
        {
            sample[0] = values[i];
            var step = detector.Process(sample, new DateTimeOffset(timestamps[i], TimeSpan.Zero));
            detections[i] = step.Transition == EventTransition.Started;
        }

        return NabScorer.Score(timestamps, detections, windows, costs ?? NabCostMatrix.Standard);
    }
}
