using System;

namespace EdgeLstm;

/// <summary>
/// Asks the EdgeLstm source generator to bake the weight file at <see cref="Path"/> into this partial class as
/// fixed-size, allocation-free inference code.
/// </summary>
/// <example>
/// <code>
/// [RecurrentModel("models/machine.onnx")]
/// public sealed partial class MachineModel;
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class RecurrentModelAttribute : Attribute
{
    /// <param name="path">The weight file, relative to the project folder (.onnx, .safetensors, .pt or .json).</param>
    public RecurrentModelAttribute(string path) => Path = path;

    /// <summary>The weight file, relative to the project folder.</summary>
    public string Path { get; }

    /// <summary>
    /// The head's activation (none, sigmoid, tanh, relu, softmax) for a PyTorch <c>.pt</c> state_dict, which holds
    /// tensors only. safetensors files say it in <c>__metadata__</c>; ONNX and JSON files describe it themselves.
    /// </summary>
    public string? HeadActivation { get; set; }

    /// <summary>
    /// Independent states stepped together (1 to 64; default 1). With more than one, the class's <c>Step</c> takes one
    /// row per stream, [Streams, InputSize], and writes [Streams, OutputSize]: every weight is read once per step for all
    /// streams, and stream s gives exactly the floats one single-stream instance would give for its rows. For a detector
    /// watching several channels or machines with one model.
    /// </summary>
    public int Streams { get; set; } = 1;

    /// <summary>An RNN's nonlinearity (tanh or relu) for a PyTorch <c>.pt</c> state_dict; see <see cref="HeadActivation"/>.</summary>
    public string? Nonlinearity { get; set; }
}
