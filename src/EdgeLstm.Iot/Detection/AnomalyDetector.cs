using System;
using System.IO;

namespace EdgeLstm.Iot.Detection;

/// <summary>
/// Streams samples through a recurrent model and turns its output into anomaly events: warm-up, calibration on
/// normal data (or a loaded <see cref="CalibrationResult"/>), then thresholding with hysteresis.
/// </summary>
/// <typeparam name="TModel">The model type. The detector calls it through the generic parameter, so for a struct
/// model (and for a sealed class under Native AOT) the per-sample <c>Step</c> is a direct, inlinable call with no
/// interface dispatch.</typeparam>
/// <remarks>
/// <see cref="Process"/> allocates nothing: every buffer, including the calibration scores, is sized in the
/// constructor. Not thread-safe; one detector per sample stream.
/// </remarks>
public sealed class AnomalyDetector<TModel>
    where TModel : IStreamingModel
{
    // Not readonly: for a struct model a readonly field would make every Step run on a defensive copy,
    // silently discarding the recurrent state.
    private TModel _model;
    private TModel _coarseModel;
    private readonly bool _hasCoarseModel;
    private readonly float[] _coarseInput = new float[1];
    private readonly float[] _coarseOutput;
    private readonly float[] _fineReplay;    // the last model inputs: replayed into a fresh model on restore
    private readonly float[] _coarseReplay;
    private long _coarseSteps;
    private readonly DetectorOptions _options;
    private readonly float[] _input;
    private readonly float[] _output;
    private readonly float[] _prediction;
    private readonly int[] _scoredChannels;
    private readonly float[]? _inputMean;
    private readonly float[]? _inputStd;
    private readonly CalibrationBuffer? _calibration;
    private readonly LearnedScorer? _learned;
    private RunningStatistics _errorStats;
    private HysteresisGate _gate;
    private bool _hasPrediction;
    private long _index;
    private double _threshold;
    private double _exitThreshold;
    private AnomalyEvent _lastEvent;

    /// <summary>Creates a detector that warms up and calibrates on the first samples it sees.</summary>
    /// <param name="model">The model; the detector owns its state from now on.</param>
    /// <param name="options">Mode, calibration and hysteresis settings.</param>
    public AnomalyDetector(TModel model, DetectorOptions options)
        : this(model, options, calibration: null)
    {
    }

    /// <summary>Creates a detector that starts detecting after warm-up with a saved calibration.</summary>
    /// <param name="model">The model.</param>
    /// <param name="options">Mode and hysteresis settings (the calibration settings are unused).</param>
    /// <param name="calibration">A result from an earlier run, or null to calibrate on the first samples.</param>
    public AnomalyDetector(TModel model, DetectorOptions options, CalibrationResult? calibration)
        : this(model, hasCoarseModel: false, coarseModel: model, options, calibration)
    {
    }

    /// <summary>Creates a <see cref="DetectionMode.LearnedReadout"/> detector with a second model instance for its coarse time scale.</summary>
    /// <param name="model">The model of the fine (per-sample) scale.</param>
    /// <param name="coarseModel">A second, independent instance of the model for the coarse scale.</param>
    /// <param name="options">The settings.</param>
    /// <param name="calibration">A saved calibration, or null.</param>
    public AnomalyDetector(TModel model, TModel coarseModel, DetectorOptions options, CalibrationResult? calibration = null)
        : this(model, hasCoarseModel: true, coarseModel, options, calibration)
    {
    }

    private AnomalyDetector(TModel model, bool hasCoarseModel, TModel coarseModel, DetectorOptions options, CalibrationResult? calibration)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        _model = model;
        _options = options;
        _input = new float[TModel.InputSize];
        _output = new float[TModel.OutputSize];
        _prediction = new float[TModel.OutputSize];
        ArgumentNullException.ThrowIfNull(coarseModel);
        if (hasCoarseModel && ReferenceEquals(model, coarseModel) && !typeof(TModel).IsValueType)
        {
            throw new ArgumentException("The coarse model must be a second instance, not the fine model itself.", nameof(coarseModel));
        }

        _coarseModel = coarseModel;
        _hasCoarseModel = hasCoarseModel;
        _coarseOutput = new float[hasCoarseModel ? TModel.OutputSize : 0];
        _fineReplay = new float[options.Mode == DetectionMode.LearnedReadout ? ReplayLength : 0];
        _coarseReplay = new float[hasCoarseModel ? ReplayLength : 0];
        _scoredChannels = ResolveScoredChannels(options);
        (_inputMean, _inputStd) = ResolveNormalisation(options);
        ValidateOptions(options);
        _gate = new HysteresisGate(options.QuietSamples);

        if (options.Mode == DetectionMode.LearnedReadout)
        {
            if (TModel.InputSize != 1)
            {
                throw new ArgumentException($"LearnedReadout watches one channel; {typeof(TModel).Name} takes {TModel.InputSize} inputs.", nameof(options));
            }

            double threshold = options.FixedThreshold ?? throw new ArgumentException("LearnedReadout needs FixedThreshold (the alarm threshold on its [0, 1] score).", nameof(options));
            _learned = new LearnedScorer(TModel.OutputSize, options.CalibrationSamples, threshold, options.Learning, _coarseOutput.Length);
            _threshold = threshold;
            _exitThreshold = threshold * options.ExitRatio;
            if (calibration is not null)
            {
                Restore(calibration);
            }
        }
        else if (calibration is not null)
        {
            if (calibration.Mode != options.Mode)
            {
                throw new ArgumentException($"The calibration is for {calibration.Mode} but the detector runs {options.Mode}.", nameof(calibration));
            }

            Calibration = calibration;
            ApplyCalibration(calibration);
        }
        else if (options.FixedThreshold is { } fixedThreshold)
        {
            var result = new CalibrationResult
            {
                Mode = options.Mode,
                ErrorMean = 0,
                ErrorStd = 1,
                Threshold = fixedThreshold,
                ExitThreshold = fixedThreshold * options.ExitRatio,
            };
            Calibration = result;
            ApplyCalibration(result);
        }
        else
        {
            _calibration = new CalibrationBuffer(options.CalibrationSamples);
        }
    }

    /// <summary>The model (for a struct model, a copy of the current state).</summary>
    public TModel Model => _model;

    /// <summary>The calibration in use; null until calibration has finished.</summary>
    public CalibrationResult? Calibration { get; private set; }

    /// <summary>The current phase.</summary>
    public DetectorPhase Phase => _learned is null && _index < _options.WarmupSamples ? DetectorPhase.WarmingUp
        : Calibration is null ? DetectorPhase.Calibrating
        : DetectorPhase.Detecting;

    /// <summary>Samples processed so far.</summary>
    public long SamplesProcessed => _index;

    /// <summary>The threshold that opens an event (after calibration).</summary>
    public double Threshold => _threshold;

    /// <summary>The raw-score mean currently used for standardisation (moves only with <see cref="DetectorOptions.AdaptiveThreshold"/>).</summary>
    public double ErrorMean => _errorStats.Mean;

    /// <summary>The raw-score deviation currently used for standardisation.</summary>
    public double ErrorStd => _errorStats.StandardDeviation;

    /// <summary>The most recently completed event (valid after a step reported <see cref="EventTransition.Ended"/>).</summary>
    public AnomalyEvent LastEvent => _lastEvent;

    /// <summary>Whether an event is open.</summary>
    public bool InEvent => _gate.IsOpen;

    /// <summary>Feeds one sample.</summary>
    /// <param name="sample">InputSize values (raw units; the detector applies <see cref="DetectorOptions.InputMean"/>).</param>
    /// <param name="timestamp">When it was taken; carried into events.</param>
    /// <exception cref="ArgumentException"><paramref name="sample"/> is not InputSize long.</exception>
    public DetectorStep Process(ReadOnlySpan<float> sample, DateTimeOffset timestamp)
    {
        if (sample.Length != _input.Length)
        {
            throw new ArgumentException($"The sample has {sample.Length} values; the model takes {_input.Length}.", nameof(sample));
        }

        if (_learned is not null)
        {
            return ProcessLearned(sample[0], timestamp);
        }

        Normalise(sample, _input);
        double rawScore = double.NaN;
        if (_options.Mode == DetectionMode.NextStepPrediction && _hasPrediction)
        {
            rawScore = PredictionError();
        }

        _model.Step(_input, _output);
        if (_options.Mode == DetectionMode.NextStepPrediction)
        {
            _output.AsSpan().CopyTo(_prediction);
            _hasPrediction = true;
        }
        else
        {
            rawScore = _output[_options.AnomalyOutputIndex];
        }

        long index = _index++;
        if (index < _options.WarmupSamples || double.IsNaN(rawScore))
        {
            return new DetectorStep(index, DetectorPhase.WarmingUp, double.NaN, false, EventTransition.None);
        }

        if (Calibration is null)
        {
            return Calibrate(index, rawScore);
        }

        double score = (rawScore - _errorStats.Mean) / Math.Max(_errorStats.StandardDeviation, 1e-12);
        var transition = _gate.Update(index, timestamp, score, _threshold, _exitThreshold, out var completed);
        if (transition == EventTransition.Ended)
        {
            _lastEvent = completed;
        }

        if (_options.AdaptiveThreshold && _options.Mode == DetectionMode.NextStepPrediction && !_gate.IsOpen && score < _threshold)
        {
            _errorStats.AddWeighted(rawScore, _options.AdaptationRate);
        }

        return new DetectorStep(index, DetectorPhase.Detecting, score, _gate.IsOpen, transition);
    }

    /// <summary>Closes an event still open at the end of the stream.</summary>
    public bool TryCloseOpenEvent(out AnomalyEvent completed)
    {
        if (_gate.TryClose(out completed))
        {
            _lastEvent = completed;
            return true;
        }

        return false;
    }

    /// <summary>Returns the model and the event state to the start; the calibration is kept.</summary>
    public void Reset()
    {
        _model.Reset();
        _hasPrediction = false;
        _index = 0;
        _gate = new HysteresisGate(_options.QuietSamples);
    }

    /// <summary>Model inputs kept for replay: an LSTM forgets its start within far fewer steps (tested).</summary>
    private const int ReplayLength = 1024;

    /// <summary>
    /// The calibration to save now: in <see cref="DetectionMode.LearnedReadout"/> it carries the adaptation state as it
    /// is at this sample, so a device restarted from it continues as if it had not stopped; otherwise <see cref="Calibration"/>.
    /// Allocates (call it at shutdown, not per sample). Null while the detector is still calibrating in other modes.
    /// </summary>
    public CalibrationResult? CaptureCalibration()
    {
        if (_learned is null)
        {
            return Calibration;
        }

        var state = new AdaptationWriter();
        _learned.Save(state);
        state.Add(_index);
        state.Add(_coarseSteps);
        state.Add(_fineReplay);
        state.Add(_coarseReplay);
        state.Add(_output);
        state.Add(_coarseOutput);
        return new CalibrationResult
        {
            Mode = DetectionMode.LearnedReadout,
            ErrorMean = 0,
            ErrorStd = 1,
            Threshold = _threshold,
            ExitThreshold = _exitThreshold,
            SampleCount = _options.CalibrationSamples,
            Adaptation = state.ToArray(),
            AdaptationLayout = AdaptationLayout,
        };
    }

    private string AdaptationLayout => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{typeof(TModel).Name} x{(_hasCoarseModel ? 2 : 1)} ({TModel.OutputSize} features); learning {_options.CalibrationSamples}; {_options.Learning.Describe()}");

    private void Restore(CalibrationResult calibration)
    {
        if (calibration.Adaptation is null || calibration.AdaptationLayout != AdaptationLayout)
        {
            throw new InvalidDataException(calibration.Adaptation is null
                ? "the calibration holds no adaptation state (it was not saved by a LearnedReadout detector)."
                : $"the calibration's adaptation state was saved by '{calibration.AdaptationLayout}', not by this detector ('{AdaptationLayout}').");
        }

        var state = new AdaptationReader(calibration.Adaptation);
        _learned!.Load(state);
        _index = state.NextLong();
        _coarseSteps = state.NextLong();
        state.Next(_fineReplay);
        state.Next(_coarseReplay);
        state.Next(_output);
        state.Next(_coarseOutput);
        state.End();
        Replay(ref _model, _fineReplay, _index);
        if (_hasCoarseModel)
        {
            Replay(ref _coarseModel, _coarseReplay, _coarseSteps);
        }

        Calibration = _index >= _options.CalibrationSamples ? calibration : null;
    }

    // Steps a fresh model over the last inputs it saw, oldest first; the outputs are discarded (the saved ones stand).
    private static void Replay(ref TModel model, float[] inputs, long steps)
    {
        model.Reset();
        Span<float> scratch = stackalloc float[TModel.OutputSize];
        long count = Math.Min(steps, inputs.Length);
        for (long k = steps - count; k < steps; k++)
        {
            model.Step(inputs.AsSpan((int)(k % inputs.Length), 1), scratch);
        }
    }

    private DetectorStep ProcessLearned(double x, DateTimeOffset timestamp)
    {
        var learned = _learned!;
        double z = learned.Standardise(x, timestamp, out double error);
        _input[0] = (float)(z * _options.Learning.ModelInputScale);
        _fineReplay[_index % ReplayLength] = _input[0];
        _model.Step(_input, _output);
        if (learned.CoarseBlock(x, out double coarseZ) && _hasCoarseModel)
        {
            _coarseInput[0] = (float)(coarseZ * _options.Learning.ModelInputScale);
            _coarseReplay[_coarseSteps++ % ReplayLength] = _coarseInput[0];
            _coarseModel.Step(_coarseInput, _coarseOutput);
        }

        double score = learned.Score(x, z, error, _output, _coarseOutput);
        long index = _index++;
        if (Calibration is null)
        {
            if (index + 1 < _options.CalibrationSamples)
            {
                return new DetectorStep(index, DetectorPhase.Calibrating, score, false, EventTransition.None);
            }

            Calibration = new CalibrationResult
            {
                Mode = DetectionMode.LearnedReadout,
                ErrorMean = 0,
                ErrorStd = 1,
                Threshold = _threshold,
                ExitThreshold = _exitThreshold,
                SampleCount = _options.CalibrationSamples,
            };
            return new DetectorStep(index, DetectorPhase.Calibrating, score, false, EventTransition.None);
        }

        var transition = _gate.Update(index, timestamp, score, _threshold, _exitThreshold, out var completed);
        if (transition == EventTransition.Ended)
        {
            _lastEvent = completed;
        }

        return new DetectorStep(index, DetectorPhase.Detecting, score, _gate.IsOpen, transition);
    }

    private DetectorStep Calibrate(long index, double rawScore)
    {
        var buffer = _calibration!;
        buffer.Add(rawScore);
        if (buffer.IsFull)
        {
            var result = CalibrationResult.FromScores(buffer.Scores, _options);
            Calibration = result;
            ApplyCalibration(result);
        }

        return new DetectorStep(index, DetectorPhase.Calibrating, rawScore, false, EventTransition.None);
    }

    private void ApplyCalibration(CalibrationResult result)
    {
        _errorStats = RunningStatistics.FromMoments(result.ErrorMean, result.ErrorStd, Math.Max(result.SampleCount, 2));
        _threshold = result.Threshold;
        _exitThreshold = result.ExitThreshold;
    }

    private double PredictionError()
    {
        double sum = 0;
        foreach (int channel in _scoredChannels)
        {
            double error = _prediction[channel] - _input[channel];
            sum += error * error;
        }

        return Math.Sqrt(sum / _scoredChannels.Length);
    }

    private void Normalise(ReadOnlySpan<float> sample, Span<float> destination)
    {
        if (_inputMean is null)
        {
            sample.CopyTo(destination);
            return;
        }

        for (int i = 0; i < sample.Length; i++)
        {
            destination[i] = (sample[i] - _inputMean[i]) / _inputStd![i];
        }
    }

    private static int[] ResolveScoredChannels(DetectorOptions options)
    {
        int predicted = Math.Min(TModel.InputSize, TModel.OutputSize);
        if (options.ScoredChannels is null)
        {
            var all = new int[predicted];
            for (int i = 0; i < predicted; i++)
            {
                all[i] = i;
            }

            return all;
        }

        if (options.ScoredChannels.Count == 0)
        {
            throw new ArgumentException("ScoredChannels is empty.", nameof(options));
        }

        var channels = new int[options.ScoredChannels.Count];
        for (int i = 0; i < channels.Length; i++)
        {
            channels[i] = options.ScoredChannels[i];
            if ((uint)channels[i] >= (uint)predicted)
            {
                throw new ArgumentException($"Scored channel {channels[i]} is outside the {predicted} channels the model predicts.", nameof(options));
            }
        }

        return channels;
    }

    private static (float[]?, float[]?) ResolveNormalisation(DetectorOptions options)
    {
        if (options.InputMean is null && options.InputStd is null)
        {
            return (null, null);
        }

        if (options.InputMean is null || options.InputStd is null
            || options.InputMean.Count != TModel.InputSize || options.InputStd.Count != TModel.InputSize)
        {
            throw new ArgumentException($"InputMean and InputStd must both be given with {TModel.InputSize} values.", nameof(options));
        }

        var mean = new float[TModel.InputSize];
        var std = new float[TModel.InputSize];
        for (int i = 0; i < mean.Length; i++)
        {
            mean[i] = options.InputMean[i];
            std[i] = options.InputStd[i];
            if (!(std[i] > 0) || !float.IsFinite(std[i]) || !float.IsFinite(mean[i]))
            {
                throw new ArgumentException($"InputStd[{i}] = {std[i]} must be positive and finite (and InputMean[{i}] = {mean[i]} finite).", nameof(options));
            }
        }

        return (mean, std);
    }

    private static void ValidateOptions(DetectorOptions options)
    {
        if (!TModel.IsStreaming)
        {
            throw new ArgumentException($"{typeof(TModel).Name} is not a streaming model.", nameof(options));
        }

        if (options.Mode == DetectionMode.DirectScore && (uint)options.AnomalyOutputIndex >= (uint)TModel.OutputSize)
        {
            throw new ArgumentException($"AnomalyOutputIndex {options.AnomalyOutputIndex} is outside the model's {TModel.OutputSize} outputs.", nameof(options));
        }

        if (options.WarmupSamples < 0 || options.CalibrationSamples < 1 || options.QuietSamples < 1)
        {
            throw new ArgumentException("WarmupSamples must be >= 0, CalibrationSamples and QuietSamples >= 1.", nameof(options));
        }

        if (!(options.CalibrationQuantile is >= 0 and <= 1) || !(options.ExitRatio is >= 0 and <= 1))
        {
            throw new ArgumentException("CalibrationQuantile and ExitRatio must lie in [0, 1].", nameof(options));
        }
    }
}
