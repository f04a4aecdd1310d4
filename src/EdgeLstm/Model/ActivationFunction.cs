using System;
using System.Globalization;

namespace EdgeLstm.Model;

public enum ActivationKind
{
    /// <summary>f(x) = x. Dense layers only ("none").</summary>
    Identity,
    Sigmoid,
    Tanh,
    Relu,

    /// <summary>f(x) = max(0, min(1, alpha * x + beta)); ONNX defaults alpha 0.2, beta 0.5.</summary>
    HardSigmoid,

    /// <summary>f(x) = x if x &gt;= 0 else alpha * x; ONNX default alpha 0.01.</summary>
    LeakyRelu,

    /// <summary>f(x) = alpha * x + beta.</summary>
    Affine,

    /// <summary>f(x) = alpha * tanh(beta * x).</summary>
    ScaledTanh,

    /// <summary>f(x) = x / (1 + |x|).</summary>
    Softsign,

    /// <summary>Normalised exponential over the whole output vector. Dense layers only.</summary>
    Softmax,
}

/// <summary>An activation function with its ONNX parameters (unused ones are 0).</summary>
public sealed record ActivationFunction(ActivationKind Kind, float Alpha = 0f, float Beta = 0f)
{
    public static ActivationFunction Identity { get; } = new(ActivationKind.Identity);
    public static ActivationFunction Sigmoid { get; } = new(ActivationKind.Sigmoid);
    public static ActivationFunction Tanh { get; } = new(ActivationKind.Tanh);
    public static ActivationFunction Relu { get; } = new(ActivationKind.Relu);
    public static ActivationFunction Softmax { get; } = new(ActivationKind.Softmax);

    public static ActivationFunction HardSigmoid(float alpha = 0.2f, float beta = 0.5f) => new(ActivationKind.HardSigmoid, alpha, beta);

    public static ActivationFunction LeakyRelu(float alpha = 0.01f) => new(ActivationKind.LeakyRelu, alpha);

    /// <summary>True for functions applied element by element (everything but softmax).</summary>
    public bool IsElementwise => Kind != ActivationKind.Softmax;

    /// <summary>The function in double precision, as the reference implementation evaluates it.</summary>
    public double Apply(double x) => Kind switch
    {
        ActivationKind.Identity => x,
        ActivationKind.Sigmoid => 1.0 / (1.0 + Math.Exp(-x)),
        ActivationKind.Tanh => Math.Tanh(x),
        ActivationKind.Relu => x > 0 ? x : (double.IsNaN(x) ? x : 0.0),
        ActivationKind.HardSigmoid => Math.Max(0.0, Math.Min(1.0, Alpha * x + Beta)),
        ActivationKind.LeakyRelu => x >= 0 ? x : Alpha * x,
        ActivationKind.Affine => Alpha * x + Beta,
        ActivationKind.ScaledTanh => Alpha * Math.Tanh(Beta * x),
        ActivationKind.Softsign => x / (1.0 + Math.Abs(x)),
        ActivationKind.Softmax => throw new InvalidOperationException("Softmax is not an elementwise function."),
        _ => throw new InvalidOperationException($"Activation kind {(int)Kind} is not one EdgeLstm defines."),
    };

    public override string ToString() => Kind switch
    {
        ActivationKind.HardSigmoid or ActivationKind.Affine or ActivationKind.ScaledTanh
            => string.Format(CultureInfo.InvariantCulture, "{0}(alpha={1}, beta={2})", Kind, Alpha, Beta),
        ActivationKind.LeakyRelu => string.Format(CultureInfo.InvariantCulture, "{0}(alpha={1})", Kind, Alpha),
        ActivationKind.Identity or ActivationKind.Sigmoid or ActivationKind.Tanh or ActivationKind.Relu or ActivationKind.Softsign
            or ActivationKind.Softmax => Kind.ToString(),
        _ => throw new InvalidOperationException($"Activation kind {(int)Kind} is not one EdgeLstm defines."),
    };
}
