using System;
using EdgeLstm.Generator.Emit;
using EdgeLstm.Model;
using EdgeLstm.Reference;

namespace EdgeLstm.Generator.Pipeline;

/// <summary>
/// The generated class's boot-time self-test: a fixed input, and what the double-precision reference implementation
/// computes for it at build time. The generated SIMD code must reproduce it on the device, which catches a wrong
/// build, a miscompiled kernel or corrupted weights before the model is trusted with real data.
/// </summary>
internal static class SelfTestBuilder
{
    /// <summary>Rows of input: enough for the recurrent state to matter, small enough to keep the class small.</summary>
    public const int Steps = 16;

    public static SelfTestData Build(NetworkModel network)
    {
        int inputSize = network.InputSize;
        int outputSize = network.OutputSize;

        // Smooth, bounded, different on every channel and step, and the same on every machine (no Random).
        var inputs = new float[Steps * inputSize];
        for (int t = 0; t < Steps; t++)
        {
            for (int i = 0; i < inputSize; i++)
            {
                inputs[t * inputSize + i] = (float)(0.9 * Math.Sin(0.61 * t + 1.37 * i + 0.3));
            }
        }

        // The reference reads the float inputs widened to double: exactly what the generated code sees.
        var wideInputs = Array.ConvertAll(inputs, x => (double)x);
        var outputs = new double[Steps * outputSize];
        var reference = new ReferenceNetwork(network);
        reference.Reset();
        reference.Run(wideInputs, outputs, Steps);

        return new SelfTestData(Steps, inputs, Array.ConvertAll(outputs, y => (float)y));
    }
}
