using System;
using System.Collections.Generic;
using System.Linq;

namespace EdgeLstm.Training.Network;

/// <summary>Every parameter of a network, in state_dict order (recurrent layers from l0, then the head).</summary>
internal sealed class ParameterSet
{
    private readonly Parameter[] _parameters;
    private readonly Dictionary<string, Parameter> _byName;

    private ParameterSet(Parameter[] parameters)
    {
        _parameters = parameters;
        _byName = parameters.ToDictionary(p => p.Name, StringComparer.Ordinal);
    }

    /// <summary>Zero-valued parameters for <paramref name="shape"/>, named and shaped as PyTorch's.</summary>
    public static ParameterSet Create(NetworkShape shape)
    {
        var parameters = new List<Parameter>();
        int rows = shape.Gates * shape.Hidden;
        for (int layer = 0; layer < shape.Layers; layer++)
        {
            parameters.Add(new Parameter(StateDictNames.InputWeights(layer), rows, shape.LayerInputs(layer)));
            parameters.Add(new Parameter(StateDictNames.RecurrentWeights(layer), rows, shape.Hidden));
            parameters.Add(new Parameter(StateDictNames.InputBias(layer), rows));
            parameters.Add(new Parameter(StateDictNames.RecurrentBias(layer), rows));
        }
        parameters.Add(new Parameter(StateDictNames.HeadWeight, shape.Outputs, shape.Hidden));
        parameters.Add(new Parameter(StateDictNames.HeadBias, shape.Outputs));
        return new ParameterSet(parameters.ToArray());
    }

    public IReadOnlyList<Parameter> All => _parameters;

    public Parameter this[string name] => _byName.TryGetValue(name, out Parameter? parameter)
        ? parameter
        : throw new KeyNotFoundException($"The network has no parameter '{name}'.");

    /// <summary>Learned scalars in total.</summary>
    public long Count => _parameters.Sum(p => (long)p.Length);

    public void ClearGradients()
    {
        foreach (Parameter parameter in _parameters)
        {
            parameter.ClearGradient();
        }
    }

    /// <summary>A copy of every value, to come back to (the best epoch so far).</summary>
    public double[][] Snapshot() => _parameters.Select(p => (double[])p.Values.Clone()).ToArray();

    public void Restore(double[][] snapshot)
    {
        for (int i = 0; i < _parameters.Length; i++)
        {
            Array.Copy(snapshot[i], _parameters[i].Values, _parameters[i].Length);
        }
    }
}
