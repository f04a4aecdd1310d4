using System;
using System.IO;
using EdgeLstm.Import;
using EdgeLstm.Model;
using EdgeLstm.Reference;

namespace EdgeLstm;

/// <summary>
/// Runs any weight file EdgeLstm can read, without generating code: the double-precision reference implementation
/// behind a float API. Use it to check a model before baking it in, to compare generated code against, or where a few
/// milliseconds per step do not matter. It allocates per call; the generated models do not.
/// </summary>
/// <remarks>
/// A streaming model (every recurrent layer runs forward) keeps its state between calls. A model with a reverse or
/// bidirectional layer needs the whole window: every <see cref="Run"/> starts from the zero state and
/// <see cref="Step"/> throws <see cref="InvalidOperationException"/>.
/// </remarks>
public sealed class ReferenceModel
{
    private readonly ReferenceNetwork _network;
    private readonly double[] _stepInput;
    private readonly double[] _stepOutput;

    private ReferenceModel(NetworkModel model)
    {
        _network = new ReferenceNetwork(model);
        _stepInput = new double[model.InputSize];
        _stepOutput = new double[model.OutputSize];
    }

    /// <summary>Reads a weight file (ONNX, safetensors, PyTorch zip, EdgeLstm or RTNeural JSON; detected by content).</summary>
    /// <exception cref="ModelFormatException">The file cannot be read as a model.</exception>
    public static ReferenceModel Load(string path) => new(ModelImporter.Load(path));

    /// <summary>Reads a weight file with architecture facts it cannot carry (a .pt head activation, an RNN's relu).</summary>
    /// <exception cref="ModelFormatException">The file cannot be read as a model.</exception>
    public static ReferenceModel Load(string path, ImportOptions options) => new(ModelImporter.Load(path, options));

    /// <summary>Reads a weight file from a stream; <paramref name="name"/> names it in error messages.</summary>
    /// <exception cref="ModelFormatException">The content cannot be read as a model.</exception>
    public static ReferenceModel Load(Stream stream, string name) => new(ModelImporter.Load(stream, name));

    /// <summary>Runs a model already in memory (imported, or built by hand).</summary>
    /// <exception cref="ArgumentException">The model does not pass <see cref="ModelValidator"/>.</exception>
    public static ReferenceModel FromModel(NetworkModel model) => new(model ?? throw new ArgumentNullException(nameof(model)));

    /// <summary>The model being run.</summary>
    public NetworkModel Model => _network.Model;

    /// <summary>Features per input row.</summary>
    public int InputSize => _network.InputSize;

    /// <summary>Features per output row.</summary>
    public int OutputSize => _network.OutputSize;

    /// <summary>True when every recurrent layer runs forward, so that <see cref="Step"/> is allowed.</summary>
    public bool IsStreaming => _network.IsStreaming;

    /// <summary>Consumes one input row and writes one output row, continuing from the current state.</summary>
    /// <exception cref="InvalidOperationException">The model has a reverse or bidirectional layer and needs the whole window.</exception>
    /// <exception cref="ArgumentException">input is not InputSize long or output is not OutputSize long; no state changes.</exception>
    public void Step(ReadOnlySpan<float> input, Span<float> output)
    {
        if (!IsStreaming)
        {
            // Refused before any length complaint: no length would make this call valid.
            throw new InvalidOperationException(ReferenceNetwork.WholeWindowMessage);
        }
        CheckLength(input.Length, InputSize, nameof(input));
        CheckLength(output.Length, OutputSize, nameof(output));
        Widen(input, _stepInput);
        _network.Step(_stepInput, _stepOutput);
        Narrow(_stepOutput, output);
    }

    /// <summary>
    /// Runs T = inputs.Length / InputSize steps over row-major [T, InputSize] and writes [T, OutputSize]. A streaming
    /// model continues from its current state; any other model treats the call as one whole window from the zero state.
    /// </summary>
    /// <exception cref="ArgumentException">The lengths are not whole rows of matching counts; no state changes.</exception>
    public void Run(ReadOnlySpan<float> inputs, Span<float> outputs)
    {
        if (inputs.Length % InputSize != 0)
        {
            throw new ArgumentException($"inputs has {inputs.Length} values, which is not a whole number of rows of {InputSize}.", nameof(inputs));
        }
        int steps = inputs.Length / InputSize;
        CheckLength(outputs.Length, (long)steps * OutputSize, nameof(outputs));
        double[] input = new double[inputs.Length];
        double[] output = new double[outputs.Length];
        Widen(inputs, input);
        _network.Run(input, output, steps);
        Narrow(output, outputs);
    }

    /// <summary>Returns the recurrent state to zero.</summary>
    public void Reset() => _network.Reset();

    private static void CheckLength(int actual, long expected, string name)
    {
        if (actual != expected)
        {
            throw new ArgumentException($"{name} has {actual} values; expected {expected}.", name);
        }
    }

    private static void Widen(ReadOnlySpan<float> source, double[] destination)
    {
        for (int i = 0; i < source.Length; i++)
        {
            destination[i] = source[i];
        }
    }

    private static void Narrow(double[] source, Span<float> destination)
    {
        for (int i = 0; i < source.Length; i++)
        {
            destination[i] = (float)source[i];
        }
    }
}
