using System;
using System.Collections.Generic;
using System.Linq;
using EdgeLstm.Model;

namespace EdgeLstm.Import.Onnx;

/// <summary>
/// Walks an ONNX graph from its one data input to its one output and rebuilds it as a <see cref="NetworkModel"/>.
/// Only the nodes the output depends on are interpreted. Each tensor is classified (constant, zero state, run-time
/// shape arithmetic, final state, or data with a symbolic shape) so that torch.onnx.export's plumbing is followed
/// exactly; anything whose effect cannot be represented is refused with the node named, never approximated.
/// </summary>
internal sealed partial class OnnxGraphMapper
{
    /// <summary>Opsets of the default domain whose operator semantics this mapper was written against.</summary>
    public const long MinOpset = 7, MaxOpset = 24;

    private readonly OnnxModel _model;
    private readonly OnnxGraph _graph;
    private readonly string _file;
    private readonly Dictionary<string, OnnxValue> _values = new(StringComparer.Ordinal);
    private readonly long _opset;
    private readonly ImportMeter _meter;

    private OnnxGraphMapper(OnnxModel model, string file)
    {
        _model = model;
        _file = file;
        _meter = model.Meter;
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
            _meter.ChargeObjects(1, ValueBudget, OnnxTensorDecoder.Describe(initializer));
        }

        var dataInputs = new List<OnnxValueInfo>();
        foreach (OnnxValueInfo input in _graph.Inputs)
        {
            // Before IR version 4 initializers were also listed as graph inputs; they are constants, not data.
            if (!_values.ContainsKey(input.Name)) dataInputs.Add(input);
        }
        if (dataInputs.Count != 1)
        {
            throw new ModelFormatException(_file, $"graph {FileText.Quote(_graph.Name)}",
                $"the graph has {dataInputs.Count} inputs that are not initializers ({string.Join(", ", dataInputs.Take(8).Select(i => FileText.Quote(i.Name)))}{(dataInputs.Count > 8 ? ", …" : "")}); expected exactly one, the input sequence.");
        }
        if (_graph.Outputs.Count != 1)
        {
            throw new ModelFormatException(_file, $"graph {FileText.Quote(_graph.Name)}",
                $"the graph has {_graph.Outputs.Count} outputs; expected exactly one, the output sequence.");
        }

        OnnxValueInfo dataInput = dataInputs[0];
        string outputName = _graph.Outputs[0].Name;
        List<OnnxNode> live = LiveNodes(outputName);
        _values[dataInput.Name] = new DataValue(InitialLayout(dataInput, live), Array.Empty<Layer>(), null);
        foreach (OnnxNode node in live)
        {
            Apply(node);
        }

        if (!_values.TryGetValue(outputName, out OnnxValue? result))
        {
            throw new ModelFormatException(_file, $"graph output {FileText.Quote(outputName)}", "no node produces the graph output.");
        }
        if (result is not DataValue data)
        {
            throw new ModelFormatException(_file, $"graph output {FileText.Quote(outputName)}",
                result is FinalStateValue final
                    ? $"the output is the final state of {final.Producer.Describe()}; expected the full output sequence Y."
                    : "the output is not computed from the input sequence.");
        }
        if (!data.Layout.HasCanonicalFeatures || !data.Layout.TimeLeadsFeatures)
        {
            throw new ModelFormatException(_file, $"graph output {FileText.Quote(outputName)}",
                $"the output {data.Layout} does not hold each step's features in order after the sequence axis; the graph reorders features in a way EdgeLstm cannot represent.");
        }

        return new NetworkModel(data.CompletedLayers().ToArray(), null, BuildMetadata());
    }

    private ModelMetadata BuildMetadata()
    {
        var properties = new MetadataEntry[_model.MetadataProps.Count];
        for (int i = 0; i < properties.Length; i++)
        {
            properties[i] = new MetadataEntry(_model.MetadataProps[i].Key, _model.MetadataProps[i].Value);
        }
        string producer = (_model.ProducerName + " " + _model.ProducerVersion).Trim();
        return new ModelMetadata(
            _graph.Name.Length == 0 ? null : _graph.Name,
            _file,
            "onnx",
            producer.Length == 0 ? null : producer,
            properties);
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
        var producers = new Dictionary<string, OnnxNode>(StringComparer.Ordinal);
        foreach (OnnxNode node in _graph.Nodes)
        {
            foreach (string output in node.Outputs)
            {
                if (output.Length == 0) continue;
                if (producers.ContainsKey(output) || _values.ContainsKey(output))
                {
                    throw new ModelFormatException(_file, node.Describe(), $"output {FileText.Quote(output)} is produced more than once; ONNX graphs assign every name once.");
                }
                producers[output] = node;
            }
        }

        var isLive = new HashSet<OnnxNode>();
        var pending = new Stack<string>();
        pending.Push(outputName);
        while (pending.Count > 0)
        {
            if (producers.TryGetValue(pending.Pop(), out OnnxNode? node) && isLive.Add(node))
            {
                foreach (string input in node.Inputs)
                {
                    if (input.Length > 0) pending.Push(input);
                }
            }
        }
        return _graph.Nodes.FindAll(isLive.Contains);
    }

    // The graph input's axes. torch writes [seq, batch, features] (batch 1); the time axis is the one that is not 1,
    // and when the declared shape cannot tell, the first recurrent node's layout decides.
    private OnnxDataLayout InitialLayout(OnnxValueInfo input, List<OnnxNode> live)
    {
        string where = $"graph input {FileText.Quote(input.Name)}";
        if (!input.IsTensor)
        {
            throw new ModelFormatException(_file, where, "the input is not a tensor; expected a float tensor [seq, 1, features].");
        }
        if (input.HasType && input.ElementType != (int)OnnxDataType.Float)
        {
            throw new ModelFormatException(_file, where, $"the input has element type {OnnxTensorDecoder.DescribeType(input.ElementType)}; expected FLOAT.");
        }

        OnnxNode? firstRecurrent = live.Find(n => OnnxRecurrentMapper.IsRecurrent(n.OpType));
        List<long?>? shape = input.Shape;
        int rank = shape?.Count ?? 3;
        long? features = shape is { Count: > 0 } ? shape[shape.Count - 1] : null;
        if (features is null && firstRecurrent is not null
            && _values.TryGetValue(firstRecurrent.Input(1), out OnnxValue? w) && w is ConstantValue { Tensor.Dims.Count: 3 } weights)
        {
            features = weights.Tensor.Dims[2];
        }
        if (features is null || features <= 0 || features > ModelValidator.MaxDimension)
        {
            throw new ModelFormatException(_file, where, $"the input's feature size is {(features is null ? "unknown" : features.ToString())}; expected a declared last dimension of 1..{ModelValidator.MaxDimension}.");
        }

        int time;
        if (rank == 2)
        {
            time = 0;
        }
        else if (rank == 3)
        {
            bool firstIsOne = shape is not null && shape[0] == 1, secondIsOne = shape is not null && shape[1] == 1;
            if (firstIsOne != secondIsOne)
            {
                time = firstIsOne ? 1 : 0;
            }
            else
            {
                time = firstRecurrent is not null && OnnxRecurrentMapper.Layout(firstRecurrent, _file) == 1 ? 1 : 0;
            }
            if (shape is not null && shape[1 - time] is long batch && batch != 1)
            {
                throw new ModelFormatException(_file, where, $"the input shape [{DescribeShape(shape)}] has batch size {batch}; expected 1.");
            }
        }
        else
        {
            throw new ModelFormatException(_file, where, $"the input has rank {rank}; expected [seq, 1, features] (or [1, seq, features], or [seq, features]).");
        }
        return OnnxDataLayout.Sequence(rank, time, rank - 1, (int)features.Value);
    }

    private static string DescribeShape(List<long?> shape) => string.Join(", ", shape.ConvertAll(d => d?.ToString() ?? "?"));

    private void Apply(OnnxNode node)
    {
        if (node.Domain is not ("" or "ai.onnx"))
        {
            throw new ModelFormatException(_file, node.Describe(), $"operator domain {FileText.Quote(node.Domain)} is not supported; only standard ONNX operators are.");
        }
        var inputs = new OnnxValue?[node.Inputs.Count];
        bool hasData = false;
        for (int i = 0; i < inputs.Length; i++)
        {
            string name = node.Inputs[i];
            if (name.Length == 0) continue;
            if (!_values.TryGetValue(name, out OnnxValue? value))
            {
                throw new ModelFormatException(_file, node.Describe(),
                    $"input {FileText.Quote(name)} is used before any node produces it; expected a topologically sorted graph where every name is defined.");
            }
            if (value is FinalStateValue final)
            {
                throw new ModelFormatException(_file, node.Describe(),
                    $"input {FileText.Quote(name)} is the final state output of {final.Producer.Describe()}; only the full output sequence Y may feed later nodes.");
            }
            hasData |= value is DataValue;
            inputs[i] = value;
        }

        if (OnnxRecurrentMapper.IsRecurrent(node.OpType))
        {
            ApplyRecurrent(node, inputs);
        }
        else if (node.OpType is "Shape" or "Size")
        {
            // Reading the data's shape does not compute with its values: torch sizes its zero states this way.
            Define(node, 0, new UnevaluatedValue(node));
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
            Charge(node, value);
            _values[node.Outputs[output]] = value;
        }
    }

    private const string ValueBudget = "ONNX values tracked by the graph mapper";

    // Every tracked value is charged, and a value on the data path by its rank: a graph that Unsqueezes to rank R and
    // then Transposes K times would otherwise hold K·R axes from a file of K + R small fields.
    private void Charge(OnnxNode node, OnnxValue value)
    {
        _meter.ChargeObjects(1, ValueBudget, node.Describe());
        if (value is DataValue data) _meter.ChargeRank(data.Layout.Rank, node.Describe());
    }

    private OnnxValue Lookup(string name) => _values[name];

    private void ApplyRecurrent(OnnxNode node, OnnxValue?[] inputs)
    {
        if (inputs.Length == 0 || inputs[0] is not DataValue x)
        {
            throw new ModelFormatException(_file, node.Describe(), "input X is not computed from the graph's input sequence.");
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
        Define(node, 0, x.Append(layer, new OnnxDataLayout(y)));
        for (int i = 1; i < node.Outputs.Count; i++) Define(node, i, new FinalStateValue(node));
    }

    // Ops whose result is all zeros when their first input is: what torch uses to cut per-layer zero states.
    private static readonly HashSet<string> ZeroPreserving = new(StringComparer.Ordinal)
    {
        "Slice", "Squeeze", "Unsqueeze", "Reshape", "Transpose", "Expand", "Cast", "Gather", "Tile", "Flatten",
    };

    // Nodes that do not touch the data: constants, the zero-state and shape plumbing. Their values are classified,
    // not computed; a later consumer refuses them where their value would matter.
    private void ApplyConstantOperator(OnnxNode node, OnnxValue?[] inputs)
    {
        OnnxValue result;
        switch (node.OpType)
        {
            case "Constant":
                result = ConstantNodeValue(node);
                break;
            case "Identity" when inputs.Length == 1 && inputs[0] is { } same:
                result = same;
                break;
            case "ConstantOfShape":
                OnnxTensor? fill = OnnxAttributes.GetTensor(node, "value", _file);
                result = fill is null || OnnxTensorDecoder.IsAllZero(fill, _file) ? new ZeroValue() : new UnevaluatedValue(node);
                break;
            case "Concat" when inputs.Length > 0 && Array.TrueForAll(inputs, i => i is ZeroValue):
                result = new ZeroValue();
                break;
            default:
                result = ZeroPreserving.Contains(node.OpType) && inputs.Length > 0 && inputs[0] is ZeroValue
                    ? new ZeroValue()
                    : new UnevaluatedValue(node);
                break;
        }
        for (int i = 0; i < node.Outputs.Count; i++) Define(node, i, i == 0 ? result : new UnevaluatedValue(node));
    }

    private OnnxValue ConstantNodeValue(OnnxNode node)
    {
        if (OnnxAttributes.GetTensor(node, "value", _file) is { } tensor)
        {
            return new ConstantValue(tensor);
        }
        var synthetic = new OnnxTensor { Offset = node.Offset, Name = node.Outputs.Count > 0 ? node.Outputs[0] : node.Name };
        if (OnnxAttributes.GetFloat(node, "value_float", _file) is float f)
        {
            synthetic.DataType = (int)OnnxDataType.Float;
            synthetic.FloatData.Add(f);
        }
        else if (node.Attribute("value_int") is not null)
        {
            synthetic.DataType = (int)OnnxDataType.Int64;
            synthetic.Int64Data.Add(OnnxAttributes.GetInt(node, "value_int", 0, _file));
        }
        else if (OnnxAttributes.GetFloats(node, "value_floats", _file) is { } floats)
        {
            synthetic.DataType = (int)OnnxDataType.Float;
            synthetic.Dims.Add(floats.Count);
            synthetic.FloatData.AddRange(floats);
        }
        else if (OnnxAttributes.GetInts(node, "value_ints", _file) is { } ints)
        {
            synthetic.DataType = (int)OnnxDataType.Int64;
            synthetic.Dims.Add(ints.Count);
            synthetic.Int64Data.AddRange(ints);
        }
        else
        {
            // value_string(s) and sparse_value: never weights or shapes the importer reads.
            return new UnevaluatedValue(node);
        }
        return new ConstantValue(synthetic);
    }
}
