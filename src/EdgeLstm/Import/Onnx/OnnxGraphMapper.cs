using System;
using System.Collections.Generic;
using EdgeLstm.Model;

namespace EdgeLstm.Import.Onnx;

/// <summary>
/// Walks an ONNX graph from its one data input to its one output and rebuilds it as a <see cref="NetworkModel"/>.
/// Only the nodes the output depends on are interpreted. Each tensor is classified (constant, zero state, shape vector
/// with the sequence length as a symbol, final states, or data with a symbolic shape; see OnnxValues.cs) so that
/// torch.onnx.export's plumbing is followed exactly; anything whose effect cannot be represented is refused with the
/// node named, never approximated. Partial files: .Input (which input axis is time), .Plumbing (zeros and shapes),
/// .DataPath (layout-only operators), .Selection (the last time step), .FinalState (h_n), .Head (the dense head).
/// </summary>
internal sealed partial class OnnxGraphMapper
{
    /// <summary>Opsets of the default domain whose operator semantics this mapper was written against.</summary>
    public const long MinOpset = 7, MaxOpset = 24;

    private readonly OnnxModel _model;
    private readonly OnnxGraph _graph;
    private readonly string _file;
    private readonly Dictionary<string, OnnxValue> _values = new(StringComparer.Ordinal);

    // The node that writes each tensor name (set once by LiveNodes), to look back from a node to the graph input.
    private readonly Dictionary<string, OnnxNode> _producers = new(StringComparer.Ordinal);
    private readonly long _opset;

    private OnnxGraphMapper(OnnxModel model, string file)
    {
        _model = model;
        _file = file;
        _graph = model.Graph ?? throw new ModelFormatException(file, string.Empty, "the ModelProto holds no graph.");
        _opset = DefaultDomainOpset(model, file);
    }

    /// <summary>Maps a parsed model.</summary>
    public static NetworkModel Map(OnnxModel model, string file) => new OnnxGraphMapper(model, file).Run();

    private NetworkModel Run()
    {
        if (_graph.SparseInitializerOffset >= 0)
        {
            throw new ModelFormatException(_file, $"offset {_graph.SparseInitializerOffset}", "sparse initializers are not supported; store the weights as dense initializers.");
        }
        foreach (OnnxTensor initializer in _graph.Initializers)
        {
            if (initializer.Name.Length == 0 || _values.ContainsKey(initializer.Name))
            {
                throw new ModelFormatException(_file, OnnxTensorDecoder.Describe(initializer), "initializer names must be unique and not empty.");
            }
            _values[initializer.Name] = new ConstantValue(initializer);
        }

        if (_graph.Outputs.Count != 1)
        {
            throw new ModelFormatException(_file, $"graph '{_graph.Name}'",
                $"the graph has {_graph.Outputs.Count} outputs; expected exactly one, the output sequence. Export with output_names=[\"output\"] and return only the output from forward().");
        }

        string outputName = _graph.Outputs[0].Name;
        List<OnnxNode> live = LiveNodes(outputName);
        OnnxValueInfo dataInput = DataInput(live);
        _values[dataInput.Name] = new DataValue(InitialLayout(dataInput, live), Array.Empty<Layer>(), null);
        foreach (OnnxNode node in live)
        {
            Apply(node);
        }

        if (!_values.TryGetValue(outputName, out OnnxValue? result))
        {
            throw new ModelFormatException(_file, $"graph output '{outputName}'", "no node produces the graph output.");
        }
        if (result is FinalStatesValue states)
        {
            result = FinalStatesAsOutput(states, outputName);
        }
        if (result is not DataValue data)
        {
            throw new ModelFormatException(_file, $"graph output '{outputName}'",
                result is FinalStateValue final
                    ? $"the output is {final.Describe()}; {FinalStateAdvice}"
                    : "the output is not computed from the input sequence.");
        }
        if (!data.Layout.HasCanonicalFeatures || !data.Layout.TimeLeadsFeatures)
        {
            throw new ModelFormatException(_file, $"graph output '{outputName}'",
                $"the output {data.Layout} does not hold each step's features in order after the sequence axis; the graph reorders features in a way EdgeLstm cannot represent.");
        }

        return new NetworkModel(data.CompletedLayers().ToArray(), null, BuildMetadata(data.LastStep));
    }

    /// <summary>The metadata key that says the graph keeps only the last time step (its value names the node).</summary>
    public const string LastStepProperty = "edgelstm.onnx.last_step_only";

    private ModelMetadata BuildMetadata(string? lastStep)
    {
        var properties = new List<MetadataEntry>(_model.MetadataProps.Count + 1);
        foreach (KeyValuePair<string, string> entry in _model.MetadataProps)
        {
            properties.Add(new MetadataEntry(entry.Key, entry.Value));
        }
        if (lastStep is not null)
        {
            // Recorded so that whoever reads the model learns why it outputs every step while the graph outputs one.
            properties.Add(new MetadataEntry(LastStepProperty,
                $"{lastStep} keeps only the last time step; Step returns that value for the sequence so far, and the last row of Run is the exported graph's output."));
        }
        string producer = (_model.ProducerName + " " + _model.ProducerVersion).Trim();
        return new ModelMetadata(
            _graph.Name.Length == 0 ? null : _graph.Name,
            _file,
            "onnx",
            producer.Length == 0 ? null : producer,
            properties.ToArray());
    }

    private static long DefaultDomainOpset(OnnxModel model, string file)
    {
        long version = -1;
        foreach (OnnxOpset opset in model.OpsetImports)
        {
            if (opset.Domain is "" or "ai.onnx") version = opset.Version;
        }
        if (version < 0)
        {
            throw new ModelFormatException(file, string.Empty, "the model imports no opset of the default ONNX domain; expected opset_import with domain \"\".");
        }
        if (version < MinOpset || version > MaxOpset)
        {
            throw new ModelFormatException(file, string.Empty,
                $"the model uses ONNX opset {version}; supported: {MinOpset} to {MaxOpset}. Re-export with opset_version={Math.Min(Math.Max(version, MinOpset), MaxOpset)}.");
        }
        return version;
    }

    // The nodes the graph output depends on, in file order. Nodes feeding only unused outputs do not change the
    // result, so they are neither interpreted nor refused.
    private List<OnnxNode> LiveNodes(string outputName)
    {
        foreach (OnnxNode node in _graph.Nodes)
        {
            foreach (string output in node.Outputs)
            {
                if (output.Length == 0) continue;
                if (_producers.ContainsKey(output) || _values.ContainsKey(output))
                {
                    throw new ModelFormatException(_file, node.Describe(), $"output '{output}' is produced more than once; ONNX graphs assign every name once.");
                }
                _producers[output] = node;
            }
        }

        var isLive = new HashSet<OnnxNode>();
        var pending = new Stack<string>();
        pending.Push(outputName);
        while (pending.Count > 0)
        {
            if (_producers.TryGetValue(pending.Pop(), out OnnxNode? node) && isLive.Add(node))
            {
                foreach (string input in node.Inputs)
                {
                    if (input.Length > 0) pending.Push(input);
                }
            }
        }
        return _graph.Nodes.FindAll(isLive.Contains);
    }

    private void Apply(OnnxNode node)
    {
        if (node.Domain is not ("" or "ai.onnx"))
        {
            throw new ModelFormatException(_file, node.Describe(), $"operator domain '{node.Domain}' is not supported; only standard ONNX operators are.");
        }
        var inputs = new OnnxValue?[node.Inputs.Count];
        bool hasData = false, hasFinalStates = false;
        for (int i = 0; i < inputs.Length; i++)
        {
            string name = node.Inputs[i];
            if (name.Length == 0) continue;
            if (!_values.TryGetValue(name, out OnnxValue? value))
            {
                throw new ModelFormatException(_file, node.Describe(),
                    $"input '{name}' is used before any node produces it; expected a topologically sorted graph where every name is defined.");
            }
            if (value is FinalStateValue final)
            {
                throw new ModelFormatException(_file, node.Describe(), $"input '{name}' is {final.Describe()}; {FinalStateAdvice}");
            }
            hasData |= value is DataValue;
            hasFinalStates |= value is FinalStatesValue;
            inputs[i] = value;
        }

        if (OnnxRecurrentMapper.IsRecurrent(node.OpType))
        {
            ApplyRecurrent(node, inputs);
        }
        else if (node.OpType == "Shape")
        {
            // Reading the data's shape does not compute with its values: torch sizes zero states and reshapes this way.
            Define(node, 0, OnnxShapeArithmetic.ShapeOf(node, inputs.Length > 0 ? inputs[0] : null, _file));
        }
        else if (node.OpType == "Size")
        {
            Define(node, 0, new UnevaluatedValue(node));
        }
        else if (hasFinalStates)
        {
            Define(node, 0, ApplyFinalStates(node, inputs));
        }
        else if (hasData)
        {
            Define(node, 0, ApplyDataOperator(node, inputs));
        }
        else
        {
            ApplyConstantOperator(node, inputs);
        }
    }

    private void Define(OnnxNode node, int output, OnnxValue value)
    {
        if (output < node.Outputs.Count && node.Outputs[output].Length > 0)
        {
            _values[node.Outputs[output]] = value;
        }
    }

    private OnnxValue Lookup(string name) => _values[name];

    private void ApplyRecurrent(OnnxNode node, OnnxValue?[] inputs)
    {
        if (inputs.Length == 0 || inputs[0] is not DataValue x)
        {
            throw new ModelFormatException(_file, node.Describe(), "input X is not computed from the graph's input sequence.");
        }
        if (x.LastStep is { } lastStep)
        {
            throw new ModelFormatException(_file, node.Describe(),
                $"input X holds only the last time step, kept by {lastStep}; a recurrent layer over one step per window cannot be streamed. Keep every step up to the last recurrent layer (slice out[:, -1, :] after it).");
        }
        long layout = OnnxRecurrentMapper.Layout(node, _file);
        int time = layout == 0 ? 0 : 1;
        OnnxDataLayout shape = x.Layout;
        if (shape.Rank != 3 || !shape[time].IsTime || !shape[1 - time].IsUnit || !shape.IsFeatureAxis(2))
        {
            throw new ModelFormatException(_file, node.Describe(),
                $"input X has the symbolic shape {shape}; with layout={layout} expected {(layout == 0 ? "[seq, 1, features]" : "[1, seq, features]")} with the features in order.");
        }

        RecurrentLayer layer = OnnxRecurrentMapper.Map(node, shape.FeatureCount, Lookup, _file);
        int directions = layer.Directions.Count;
        var y = new DataAxis[4];
        var directionAxis = new DataAxis(false, directions, layer.Hidden);
        var hiddenAxis = new DataAxis(false, layer.Hidden, 1);
        if (layout == 0)
        {
            // Y is [seq, num_directions, batch, hidden]: forward then reverse, as RecurrentLayer concatenates them.
            y[0] = DataAxis.Time; y[1] = directionAxis; y[2] = DataAxis.Unit; y[3] = hiddenAxis;
        }
        else
        {
            // Y is [batch, seq, num_directions, hidden].
            y[0] = DataAxis.Unit; y[1] = DataAxis.Time; y[2] = directionAxis; y[3] = hiddenAxis;
        }
        DataValue output = x.Append(layer, new OnnxDataLayout(y));
        Define(node, 0, output);
        Define(node, 1, layout == 0 ? FinalHiddenStates(node, layer, output) : new FinalStateValue(node, 1));
        Define(node, 2, new FinalStateValue(node, 2));
    }
}
