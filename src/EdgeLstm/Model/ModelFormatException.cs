using System;

namespace EdgeLstm;

/// <summary>
/// A weight file could not be turned into a model. The message names the file, where in it the problem is
/// (byte offset, tensor, node) and what was expected. Every import failure is this exception (or a subclass);
/// importers never let an IndexOutOfRange, NullReference or OutOfMemory escape.
/// </summary>
public class ModelFormatException : Exception
{
    public ModelFormatException(string file, string location, string problem, Exception? inner = null)
        : base(Compose(file, location, problem), inner)
    {
        File = file;
        Location = location;
        Problem = problem;
    }

    /// <summary>The file as the caller named it.</summary>
    public string File { get; }

    /// <summary>Where in the file: "offset 1234", "tensor 'rnn.weight_ih_l0'", "node 'LSTM_3' (LSTM)", or empty.</summary>
    public string Location { get; }

    /// <summary>What is wrong and what was expected.</summary>
    public string Problem { get; }

    private static string Compose(string file, string location, string problem)
        => string.IsNullOrEmpty(location) ? $"{file}: {problem}" : $"{file}: {location}: {problem}";
}

/// <summary>The content matches none of the supported formats (ONNX, safetensors, PyTorch zip, EdgeLstm or RTNeural JSON).</summary>
public sealed class UnrecognizedModelFormatException : ModelFormatException
{
    public UnrecognizedModelFormatException(string file, string problem)
        : base(file, string.Empty, problem)
    {
    }
}
