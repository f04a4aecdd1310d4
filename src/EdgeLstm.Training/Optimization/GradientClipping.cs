using System;
using EdgeLstm.Training.Network;

namespace EdgeLstm.Training.Optimization;

/// <summary>
/// Global-norm gradient clipping as <c>torch.nn.utils.clip_grad_norm_</c>: when the L2 norm of all gradients together
/// exceeds the limit, every gradient is scaled by limit / (norm + 1e-6). It keeps the rare steep step of a recurrent
/// network (an exploding gradient) from throwing the weights far away.
/// </summary>
internal static class GradientClipping
{
    /// <summary>Clips in place; returns the norm before clipping.</summary>
    public static double ClipGlobalNorm(ParameterSet parameters, double maxNorm)
    {
        double squares = 0.0;
        foreach (Parameter parameter in parameters.All)
        {
            foreach (double g in parameter.Gradient)
            {
                squares += g * g;
            }
        }
        double norm = Math.Sqrt(squares);
        double scale = maxNorm / (norm + 1e-6);
        if (scale < 1.0)
        {
            foreach (Parameter parameter in parameters.All)
            {
                double[] gradient = parameter.Gradient;
                for (int i = 0; i < gradient.Length; i++)
                {
                    gradient[i] *= scale;
                }
            }
        }
        return norm;
    }
}
