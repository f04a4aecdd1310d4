using System;
using EdgeLstm.Benchmarks.Models;
using Microsoft.ML.OnnxRuntime;

namespace EdgeLstm.Benchmarks.OnnxRuntime;

/// <summary>
/// ONNX Runtime running the whole-sequence graph over a fixed number of steps: input and output tensors
/// pre-allocated over pinned managed arrays and bound once, so a run is one <see cref="InferenceSession.RunWithBinding"/>.
/// Every run starts from the zero state (the exported graph builds it), like a generated Reset + Run.
/// </summary>
public sealed class OnnxSequenceRunner : IDisposable
{
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly float[] _inputs;
    private readonly float[] _outputs;
    private readonly OrtValue _inputValue;
    private readonly OrtValue _outputValue;
    private readonly OrtIoBinding _binding;

    public OnnxSequenceRunner(BenchModel model, int steps, OrtThreads threads)
    {
        _session = OnnxSessions.Open(model.SequenceGraphPath, threads);
        _inputs = new float[steps * BenchModel.InputSize];
        _outputs = new float[steps * BenchModel.OutputSize];
        _inputValue = OrtValue.CreateTensorValueFromMemory(_inputs, [steps, 1, BenchModel.InputSize]);
        _outputValue = OrtValue.CreateTensorValueFromMemory(_outputs, [steps, 1, BenchModel.OutputSize]);
        _binding = _session.CreateIoBinding();
        _binding.BindInput("input", _inputValue);
        _binding.BindOutput("output", _outputValue);
    }

    /// <summary>Row-major [steps, 8]; fill before <see cref="Run"/>.</summary>
    public Span<float> Inputs => _inputs;

    /// <summary>Row-major [steps, 4] after <see cref="Run"/>.</summary>
    public ReadOnlySpan<float> Outputs => _outputs;

    public void Run() => _session.RunWithBinding(_runOptions, _binding);

    public void Dispose()
    {
        _binding.Dispose();
        _inputValue.Dispose();
        _outputValue.Dispose();
        _runOptions.Dispose();
        _session.Dispose();
    }
}
