using System;
using EdgeLstm.Model;

namespace EdgeLstm.Reference;

// PLACEHOLDER API: the reference implementation (double precision, plain loops) replaces the bodies.
// Shared source (runtime and generator): arrays, not spans, so that it compiles for netstandard2.0.
public sealed class ReferenceNetwork
{
    public ReferenceNetwork(NetworkModel model) => Model = model;

    public NetworkModel Model { get; }

    public int InputSize => Model.InputSize;

    public int OutputSize => Model.OutputSize;

    public bool IsStreaming => Model.IsStreaming;

    /// <summary>Zero state.</summary>
    public void Reset() => throw new NotImplementedException();

    /// <summary>One step (streaming models only): input [InputSize] -> output [OutputSize].</summary>
    public void Step(double[] input, double[] output) => throw new NotImplementedException();

    /// <summary>T steps, row-major [T, InputSize] -> [T, OutputSize]; continues from the current state for streaming models.</summary>
    public void Run(double[] inputs, double[] outputs, int steps) => throw new NotImplementedException();
}
