using System;
using EdgeLstm.Model;
using static EdgeLstm.Generator.Emit.GlobalNames;

namespace EdgeLstm.Generator.Emit;

/// <summary>
/// C# expressions applying an <see cref="ActivationFunction"/> (and the ONNX <c>clip</c> before it) through
/// <c>EdgeLstm.Numerics.VectorMath</c>, whose vector and scalar overloads share names, so one spelling serves every path.
/// </summary>
internal static class ActivationEmitter
{
    /// <summary>The expression f(clip(<paramref name="operand"/>)); clip is null for none.</summary>
    public static string Apply(ActivationFunction function, string operand, float? clip = null)
    {
        string x = clip is { } bound ? $"{VectorMath}.Clip({operand}, {FloatLiteral.Format(bound)})" : operand;
        string alpha = FloatLiteral.Format(function.Alpha), beta = FloatLiteral.Format(function.Beta);
        return function.Kind switch
        {
            ActivationKind.Identity => x,
            ActivationKind.Sigmoid => $"{VectorMath}.Sigmoid({x})",
            ActivationKind.Tanh => $"{VectorMath}.Tanh({x})",
            ActivationKind.Relu => $"{VectorMath}.Relu({x})",
            ActivationKind.HardSigmoid => $"{VectorMath}.HardSigmoid({x}, {alpha}, {beta})",
            ActivationKind.LeakyRelu => $"{VectorMath}.LeakyRelu({x}, {alpha})",
            ActivationKind.Affine => $"{VectorMath}.Affine({x}, {alpha}, {beta})",
            ActivationKind.ScaledTanh => $"{VectorMath}.ScaledTanh({x}, {alpha}, {beta})",
            ActivationKind.Softsign => $"{VectorMath}.Softsign({x})",
            ActivationKind.Softmax => throw new ArgumentException("Softmax is not an elementwise activation.", nameof(function)),
            _ => throw new ArgumentOutOfRangeException(nameof(function), function.Kind, "Not an activation the emitter knows."),
        };
    }
}
