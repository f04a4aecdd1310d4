using System;
using System.Collections.Generic;
using System.Linq;
using EdgeLstm.Model;

namespace EdgeLstm.Import.Onnx;

/// <summary>
/// Reads the <c>activations</c>, <c>activation_alpha</c> and <c>activation_beta</c> attributes of LSTM, GRU and RNN nodes.
/// </summary>
/// <remarks>
/// The ONNX text says the alpha and beta lists are "consumed in the order of activation functions". ONNX Runtime reads
/// that as: each function that takes parameters consumes the next alpha (and beta) in turn, functions without
/// parameters consume nothing, and a list that runs out leaves the operator defaults. This follows ONNX Runtime,
/// the implementation the golden outputs come from. Names are matched without regard to case, as ONNX Runtime does.
/// </remarks>
internal static class OnnxRecurrentActivations
{
    public static ActivationFunction[] Read(OnnxNode node, CellKind cell, int directions, string file)
    {
        int perDirection = GateLayout.ActivationCount(cell);
        List<string>? names = OnnxAttributes.GetStrings(node, "activations", file);
        List<float> alphas = OnnxAttributes.GetFloats(node, "activation_alpha", file) ?? new List<float>();
        List<float> betas = OnnxAttributes.GetFloats(node, "activation_beta", file) ?? new List<float>();
        if (names is null)
        {
            if (alphas.Count > 0 || betas.Count > 0)
            {
                throw new ModelFormatException(file, node.Describe(), "activation_alpha/activation_beta are given without 'activations'.");
            }
            var defaults = new ActivationFunction[perDirection * directions];
            for (int d = 0; d < directions; d++)
            {
                for (int k = 0; k < perDirection; k++)
                {
                    // f is the gate function (sigmoid) except for the plain RNN, whose only function is tanh.
                    defaults[d * perDirection + k] = k == 0 && cell != CellKind.Rnn ? ActivationFunction.Sigmoid : ActivationFunction.Tanh;
                }
            }
            return defaults;
        }

        if (names.Count != perDirection * directions)
        {
            throw new ModelFormatException(file, node.Describe(),
                $"attribute 'activations' lists {names.Count} function(s); a {cell} with {directions} direction(s) needs {perDirection * directions}.");
        }
        var functions = new ActivationFunction[names.Count];
        int alphaIndex = 0, betaIndex = 0;
        for (int i = 0; i < names.Count; i++)
        {
            functions[i] = Parse(names[i], alphas, ref alphaIndex, betas, ref betaIndex, node, file);
        }
        if (alphaIndex < alphas.Count || betaIndex < betas.Count)
        {
            throw new ModelFormatException(file, node.Describe(),
                $"activation_alpha has {alphas.Count} and activation_beta {betas.Count} value(s), but the activations [{string.Join(", ", names.Take(8).Select(n => FileText.Quote(n)))}{(names.Count > 8 ? ", …" : "")}] use {alphaIndex} and {betaIndex}.");
        }
        return functions;
    }

    private static ActivationFunction Parse(string name, List<float> alphas, ref int alphaIndex, List<float> betas, ref int betaIndex, OnnxNode node, string file)
    {
        switch (name.ToLowerInvariant())
        {
            case "sigmoid": return ActivationFunction.Sigmoid;
            case "tanh": return ActivationFunction.Tanh;
            case "relu": return ActivationFunction.Relu;
            case "softsign": return new ActivationFunction(ActivationKind.Softsign);
            case "leakyrelu": return ActivationFunction.LeakyRelu(Next(alphas, ref alphaIndex, 0.01f));
            case "hardsigmoid": return ActivationFunction.HardSigmoid(Next(alphas, ref alphaIndex, 0.2f), Next(betas, ref betaIndex, 0.5f));
            case "affine": return new ActivationFunction(ActivationKind.Affine, Next(alphas, ref alphaIndex, 1f), Next(betas, ref betaIndex, 0f));
            case "scaledtanh": return new ActivationFunction(ActivationKind.ScaledTanh, Next(alphas, ref alphaIndex, 1f), Next(betas, ref betaIndex, 1f));
            default:
                throw new ModelFormatException(file, node.Describe(),
                    $"attribute 'activations' names {FileText.Quote(name)}, which is not supported; supported: Sigmoid, Tanh, Relu, HardSigmoid, LeakyRelu, Affine, ScaledTanh, Softsign.");
        }
    }

    private static float Next(List<float> values, ref int index, float fallback)
        => index < values.Count ? values[index++] : fallback;
}
