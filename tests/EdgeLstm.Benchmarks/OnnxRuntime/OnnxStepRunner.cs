using System;
using EdgeLstm.Benchmarks.Models;
using Microsoft.ML.OnnxRuntime;

namespace EdgeLstm.Benchmarks.OnnxRuntime;

/// <summary>
/// ONNX Runtime as a streaming peer, set up as favourably as it allows: the one-step graph (state in, state out),
/// every tensor pre-allocated over pinned managed arrays and bound once, and two bindings that ping-pong the state
/// buffers, so that a step is a single <see cref="InferenceSession.RunWithBinding"/> call with no copying or
/// allocation of state.
/// </summary>
public sealed class OnnxStepRunner : IDisposable
{
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly float[] _input = new float[BenchModel.InputSize];
    private readonly float[] _output = new float[BenchModel.OutputSize];
    private readonly float[][] _states;
    private readonly OrtValue[] _values;
    private readonly OrtIoBinding _evenStep;
    private readonly OrtIoBinding _oddStep;
    private bool _odd;

    public OnnxStepRunner(BenchModel model, OrtThreads threads)
    {
        _session = OnnxSessions.Open(model.StepGraphPath, threads);
        long[] stateShape = [model.Layers, 1, model.Hidden];
        int stateCount = model.HasCellState ? 2 : 1;

        // [h, c] read on even steps and written on odd steps, then the other way round.
        _states = new float[2 * stateCount][];
        for (int i = 0; i < _states.Length; i++)
        {
            _states[i] = new float[model.Layers * model.Hidden];
        }
        OrtValue input = OrtValue.CreateTensorValueFromMemory(_input, [1, 1, BenchModel.InputSize]);
        OrtValue output = OrtValue.CreateTensorValueFromMemory(_output, [1, 1, BenchModel.OutputSize]);
        OrtValue[] stateA = new OrtValue[stateCount];
        OrtValue[] stateB = new OrtValue[stateCount];
        for (int i = 0; i < stateCount; i++)
        {
            stateA[i] = OrtValue.CreateTensorValueFromMemory(_states[i], stateShape);
            stateB[i] = OrtValue.CreateTensorValueFromMemory(_states[stateCount + i], stateShape);
        }
        _values = [input, output, .. stateA, .. stateB];

        _evenStep = Bind(input, output, stateA, stateB);
        _oddStep = Bind(input, output, stateB, stateA);
    }

    /// <summary>Write the next sample here before <see cref="Step"/>.</summary>
    public Span<float> Input => _input;

    /// <summary>The head output of the last step.</summary>
    public ReadOnlySpan<float> Output => _output;

    public void Step()
    {
        _session.RunWithBinding(_runOptions, _odd ? _oddStep : _evenStep);
        _odd = !_odd;
    }

    /// <summary>Zero state; the next step starts a new sequence.</summary>
    public void Reset()
    {
        foreach (float[] state in _states)
        {
            Array.Clear(state);
        }
        _odd = false;
    }

    public void Dispose()
    {
        _evenStep.Dispose();
        _oddStep.Dispose();
        foreach (OrtValue value in _values)
        {
            value.Dispose();
        }
        _runOptions.Dispose();
        _session.Dispose();
    }

    private OrtIoBinding Bind(OrtValue input, OrtValue output, OrtValue[] stateIn, OrtValue[] stateOut)
    {
        OrtIoBinding binding = _session.CreateIoBinding();
        binding.BindInput("input", input);
        binding.BindInput("h0", stateIn[0]);
        binding.BindOutput("output", output);
        binding.BindOutput("hn", stateOut[0]);
        if (stateIn.Length > 1)
        {
            binding.BindInput("c0", stateIn[1]);
            binding.BindOutput("cn", stateOut[1]);
        }
        return binding;
    }
}
