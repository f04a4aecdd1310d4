using System;
using EdgeLstm.Model;

namespace EdgeLstm.Reference;

/// <summary>Runs one layer of a <see cref="NetworkModel"/> over a block of time steps, keeping the layer's state.</summary>
internal abstract class LayerRunner
{
    public abstract int InputSize { get; }

    public abstract int OutputSize { get; }

    public static LayerRunner Create(Layer layer) => layer switch
    {
        RecurrentLayer recurrent => new RecurrentLayerRunner(recurrent),
        DenseLayer dense => new DenseLayerRunner(dense),
        _ => throw new ArgumentException($"Unknown layer type {layer.GetType().Name}.", nameof(layer)),
    };

    /// <summary>Returns to the zero state.</summary>
    public abstract void Reset();

    /// <summary>Row-major [steps, InputSize] to [steps, OutputSize]; the caller has checked the lengths.</summary>
    public abstract void Run(double[] inputs, double[] outputs, int steps);
}
