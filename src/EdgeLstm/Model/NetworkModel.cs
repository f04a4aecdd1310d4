using System.Linq;

namespace EdgeLstm.Model;

/// <summary>
/// The one description of a network that every part of EdgeLstm shares: importers produce it, the
/// reference implementation runs it, the generator bakes it. Immutable, equatable by content, and free
/// of Roslyn types so that it can flow through an incremental generator pipeline.
/// </summary>
/// <param name="Layers">Applied in order to each time step; at least one recurrent layer comes first.</param>
/// <param name="Normalization">Optional per-channel input standardisation, applied before the first layer.</param>
/// <param name="Metadata">Where the model came from.</param>
public sealed record NetworkModel(
    EquatableArray<Layer> Layers,
    InputNormalization? Normalization,
    ModelMetadata Metadata)
{
    public int InputSize => Layers[0].InputSize;

    public int OutputSize => Layers[Layers.Count - 1].OutputSize;

    /// <summary>True when every recurrent layer runs forward, so the model can be stepped one sample at a time.</summary>
    public bool IsStreaming => Layers.OfType<RecurrentLayer>().All(l => l.IsStreaming);

    /// <summary>Learned scalars: weights, biases, peepholes, normalisation.</summary>
    public long ParameterCount
    {
        get
        {
            long count = Normalization is null ? 0 : Normalization.Mean.Count + Normalization.Std.Count;
            foreach (Layer layer in Layers)
            {
                switch (layer)
                {
                    case RecurrentLayer r:
                        foreach (DirectionWeights d in r.Directions)
                        {
                            count += d.InputWeights.Count + d.RecurrentWeights.Count + d.InputBias.Count + d.RecurrentBias.Count + d.Peepholes.Count
                                     + d.ProjectionWeights.Count;
                        }
                        break;
                    case DenseLayer dense:
                        count += dense.Weights.Count + dense.Bias.Count;
                        break;
                    default:
                        throw UnknownLayer(layer);
                }
            }
            return count;
        }
    }

    /// <summary>Multiply-adds per time step: the matrix-vector products, which dominate the cost.</summary>
    public long MultiplyAddsPerStep
    {
        get
        {
            long count = 0;
            foreach (Layer layer in Layers)
            {
                switch (layer)
                {
                    case RecurrentLayer r:
                        count += r.Directions.Count * ((long)r.GateCount * r.Hidden * (r.Input + r.OutputsPerDirection)
                                                       + (r.HasProjection ? (long)r.ProjectionSize * r.Hidden : 0));
                        break;
                    case DenseLayer dense:
                        count += (long)dense.Inputs * dense.Outputs;
                        break;
                    default:
                        throw UnknownLayer(layer);
                }
            }
            return count;
        }
    }

    private static System.InvalidOperationException UnknownLayer(Layer layer)
        => new($"A {layer.GetType().Name} is not a layer EdgeLstm can compute.");

    public NetworkModel WithMetadata(ModelMetadata metadata) => this with { Metadata = metadata };
}
