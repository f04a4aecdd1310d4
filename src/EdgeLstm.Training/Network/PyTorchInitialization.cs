using System;
using EdgeLstm.Training.Numerics;

namespace EdgeLstm.Training.Network;

/// <summary>
/// Initial values drawn from the distributions PyTorch uses by default, so that a model trained here starts where
/// the same model would in PyTorch (the distributions, not PyTorch's random bits): every recurrent weight and bias
/// uniform in ±1/√hidden (<c>nn.RNNBase.reset_parameters</c>); the head's weight and bias uniform in ±1/√in_features
/// (<c>nn.Linear</c>: kaiming_uniform with a = √5 gives exactly that bound).
/// </summary>
internal static class PyTorchInitialization
{
    public static void Initialize(ParameterSet parameters, NetworkShape shape, SplitMix64 random)
    {
        // Both bounds are 1/√hidden: the head's in_features is the hidden size.
        double bound = 1.0 / Math.Sqrt(shape.Hidden);
        foreach (Parameter parameter in parameters.All)
        {
            for (int i = 0; i < parameter.Length; i++)
            {
                parameter.Values[i] = random.NextUniform(-bound, bound);
            }
        }
    }
}
