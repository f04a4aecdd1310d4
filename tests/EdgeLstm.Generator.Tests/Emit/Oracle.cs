using System.Linq;
using EdgeLstm.Model;
using EdgeLstm.Reference;

namespace EdgeLstm.Generator.Tests.Emit;

/// <summary>The correctness oracle for random models: the double-precision reference implementation (plain loops, no packing or fusion).</summary>
internal static class Oracle
{
    /// <summary>A whole window from the zero state: [steps, InputSize] -> [steps, OutputSize].</summary>
    public static double[] Run(NetworkModel network, float[] inputs, int steps)
    {
        var reference = new ReferenceNetwork(network);
        var outputs = new double[steps * network.OutputSize];
        reference.Run(inputs.Select(v => (double)v).ToArray(), outputs, steps);
        return outputs;
    }
}
