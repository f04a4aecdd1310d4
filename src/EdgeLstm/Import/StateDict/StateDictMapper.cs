using System;
using System.Collections.Generic;
using System.Linq;
using EdgeLstm.Cells;
using EdgeLstm.Model;

namespace EdgeLstm.Import.StateDict;

/// <summary>
/// Turns the state_dict of one PyTorch recurrent module (nn.LSTM, nn.GRU or nn.RNN, possibly stacked and
/// bidirectional) plus an optional nn.Linear head into a <see cref="NetworkModel"/>. Shared by the safetensors and
/// the PyTorch .pt importers, which differ only in how they get the tensors out of the file.
/// </summary>
/// <remarks>
/// Expected keys: <c>&lt;rnn&gt;.weight_ih_l{k}</c> [G*H, I], <c>weight_hh_l{k}</c> [G*H, H], optional
/// <c>bias_ih_l{k}</c>, <c>bias_hh_l{k}</c> [G*H] (absent together when the module has bias=False), for an nn.LSTM with
/// proj_size = P also <c>weight_hr_l{k}</c> [P, H] (and then <c>weight_hh_l{k}</c> is [4H, P]), with a
/// <c>_reverse</c> twin of each for bidirectional layers; then optionally <c>&lt;head&gt;.weight</c> [out, in] and
/// <c>&lt;head&gt;.bias</c> [out]. Anything else is refused by name, since an unknown tensor is most likely a part of the
/// network this mapper would silently leave out.
/// Shared source: compiled into the runtime (net10.0) and the generator (netstandard2.0).
/// </remarks>
public static class StateDictMapper
{
    /// <summary>Maps the tensors and metadata of a state_dict to a validated model.</summary>
    /// <param name="tensors">The state_dict entries, in file order.</param>
    /// <param name="metadata">String metadata (safetensors' <c>__metadata__</c>); kept as the model's properties.</param>
    /// <param name="file">The file's name for messages and <see cref="ModelMetadata.SourceFile"/>.</param>
    /// <param name="format">The format name recorded in <see cref="ModelMetadata.Format"/> ("safetensors", "pytorch").</param>
    public static NetworkModel Map(IReadOnlyList<NamedTensor> tensors, IReadOnlyList<MetadataEntry> metadata, string file, string format)
    {
        if (tensors is null) throw new ArgumentNullException(nameof(tensors));
        if (metadata is null) throw new ArgumentNullException(nameof(metadata));

        StateDictMetadata options = StateDictMetadata.Parse(metadata, file);
        var recurrent = new Dictionary<(int Layer, bool Reverse), DirectionTensors>();
        string? recurrentModule = null;
        NamedTensor? headWeight = null, headBias = null;
        string? headModule = null;

        foreach (NamedTensor tensor in tensors)
        {
            if (RecurrentTensorName.TryParse(tensor.Name, out RecurrentTensorName name))
            {
                if (recurrentModule is not null && recurrentModule != name.Module)
                {
                    throw Error(file, tensor,
                        $"a second recurrent module ('{name.Module}' after '{recurrentModule}'); one nn.LSTM, nn.GRU or nn.RNN (stacked with num_layers) is supported.");
                }
                if (name.Layer >= ModelValidator.MaxLayers)
                {
                    throw Error(file, tensor, $"layer index {name.Layer} is beyond the {ModelValidator.MaxLayers} layers supported.");
                }
                recurrentModule = name.Module;
                if (!recurrent.TryGetValue((name.Layer, name.Reverse), out DirectionTensors? slot))
                {
                    recurrent[(name.Layer, name.Reverse)] = slot = new DirectionTensors();
                }
                slot.Set(name.Parameter, tensor, file);
                continue;
            }

            int dot = tensor.Name.LastIndexOf('.');
            string leaf = tensor.Name.Substring(dot + 1);
            string module = dot < 0 ? string.Empty : tensor.Name.Substring(0, dot);
            if (dot <= 0 || (leaf != "weight" && leaf != "bias"))
            {
                throw Error(file, tensor,
                    "unexpected tensor; expected the recurrent parameters (weight_ih_l{k}, weight_hh_l{k}, bias_ih_l{k}, bias_hh_l{k}, weight_hr_l{k} for proj_size, each with _reverse for a bidirectional module) and an optional linear head (<name>.weight, <name>.bias).");
            }
            if (headModule is not null && headModule != module)
            {
                throw Error(file, tensor,
                    $"a second head layer ('{module}' after '{headModule}'); a single nn.Linear head is supported.");
            }
            headModule = module;
            if (leaf == "weight") headWeight = tensor;
            else headBias = tensor;
        }

        if (recurrent.Count == 0)
        {
            throw new ModelFormatException(file, string.Empty,
                "no recurrent layer found: expected tensors named like 'rnn.weight_ih_l0' and 'rnn.weight_hh_l0' from nn.LSTM, nn.GRU or nn.RNN.");
        }

        var layers = new List<Layer>();
        RecurrentLayer[] recurrentLayers = MapRecurrent(recurrent, recurrentModule!, options, file);
        layers.AddRange(recurrentLayers);
        if (headModule is not null)
        {
            layers.Add(MapHead(headModule, headWeight, headBias, recurrentLayers[recurrentLayers.Length - 1].OutputSize, options, file));
        }
        else if (options.HasHeadActivation)
        {
            throw new ModelFormatException(file, $"metadata '{StateDictMetadata.HeadActivationKey}'",
                $"names {options.HeadActivation.Kind}, but the state_dict has no linear head to apply it to.");
        }

        InputNormalization? normalization = MapNormalization(options, recurrentLayers[0].Input, file);
        var model = new NetworkModel(layers.ToArray(), normalization,
            new ModelMetadata(FileStem(file), file, format, null, metadata.ToArray()));
        return ModelValidator.Validate(model, file);
    }

    private static RecurrentLayer[] MapRecurrent(
        Dictionary<(int Layer, bool Reverse), DirectionTensors> recurrent, string module, StateDictMetadata options, string file)
    {
        int layerCount = recurrent.Keys.Max(k => k.Layer) + 1;
        bool bidirectional = recurrent.ContainsKey((0, true));
        string prefix = module.Length == 0 ? string.Empty : module + ".";

        // The cell and the hidden size come from the first layer's recurrent weights, [G*H, H].
        DirectionTensors first = Require(recurrent, 0, false, prefix, file);
        NamedTensor firstRecurrent = first.RecurrentWeights ?? throw Missing(file, $"{prefix}weight_hh_l0");
        (CellDefinition cell, int hidden, int projection) = InferCell(firstRecurrent, first.Projection, file);
        if (options.Cell is { } declared && declared != cell)
        {
            throw Error(file, firstRecurrent,
                $"shape {firstRecurrent.DescribeShape()} means a {cell.Kind} ({cell.GateCount} gates), but metadata '{StateDictMetadata.CellKey}' says {declared.Kind}.");
        }
        if (options.Nonlinearity is { } nonlinearity && !cell.TakesNonlinearity && nonlinearity.Kind != ActivationKind.Tanh)
        {
            throw new ModelFormatException(file, $"metadata '{StateDictMetadata.NonlinearityKey}'",
                $"{nonlinearity.Kind} applies to RNN cells only; this state_dict holds a {cell.Kind}.");
        }

        ActivationFunction[] activations = cell.PyTorchActivations(cell.TakesNonlinearity ? options.Nonlinearity : null);

        var layers = new RecurrentLayer[layerCount];
        int input = -1;
        for (int k = 0; k < layerCount; k++)
        {
            if (bidirectional != recurrent.ContainsKey((k, true)) && recurrent.ContainsKey((k, false)))
            {
                throw new ModelFormatException(file, $"layer {k}", bidirectional
                    ? "has no _reverse tensors, but layer 0 is bidirectional; PyTorch makes every layer of a module bidirectional or none."
                    : "has _reverse tensors, but layer 0 is unidirectional; PyTorch makes every layer of a module bidirectional or none.");
            }
            DirectionTensors forward = Require(recurrent, k, false, prefix, file);
            // Layer 0 defines the model's input size; later layers read the previous layer's output.
            if (k == 0)
            {
                NamedTensor inputWeights = forward.InputWeights ?? throw Missing(file, $"{prefix}weight_ih_l0");
                input = inputWeights.Shape.Count == 2 ? inputWeights.Shape[1] : -1;
                if (input <= 0) throw Error(file, inputWeights, $"shape {inputWeights.DescribeShape()}; expected [{cell.GateCount * hidden}, input_size].");
            }
            var directions = new List<DirectionWeights>
            {
                MapDirection(forward, cell, hidden, projection, input, k, "", prefix, activations, file),
            };
            if (bidirectional)
            {
                directions.Add(MapDirection(Require(recurrent, k, true, prefix, file), cell, hidden, projection, input, k, "_reverse", prefix, activations, file));
            }
            layers[k] = new RecurrentLayer(cell.Kind, input, hidden, bidirectional ? Direction.Bidirectional : Direction.Forward, directions.ToArray(),
                ProjectionSize: projection);
            input = layers[k].OutputSize;
        }
        return layers;
    }

    private static DirectionWeights MapDirection(
        DirectionTensors tensors, CellDefinition cell, int hidden, int projection, int input, int layer, string suffix, string prefix,
        ActivationFunction[] activations, string file)
    {
        int rows = cell.GateCount * hidden;
        NamedTensor inputWeights = tensors.InputWeights ?? throw Missing(file, $"{prefix}weight_ih_l{layer}{suffix}");
        NamedTensor recurrentWeights = tensors.RecurrentWeights ?? throw Missing(file, $"{prefix}weight_hh_l{layer}{suffix}");
        CheckShape(inputWeights, file, rows, input);
        CheckShape(recurrentWeights, file, rows, projection > 0 ? projection : hidden);
        float[] projectionWeights = Array.Empty<float>();
        if (projection > 0)
        {
            NamedTensor weights = tensors.Projection ?? throw Missing(file,
                $"{prefix}weight_hr_l{layer}{suffix} (layer 0 has a projection, weight_hr_l0; nn.LSTM projects every layer or none)");
            CheckShape(weights, file, projection, hidden);
            projectionWeights = weights.Values;
        }
        else if (tensors.Projection is { } unexpected)
        {
            throw Error(file, unexpected, "a projection (proj_size) in this layer, but layer 0 has none; nn.LSTM projects every layer or none.");
        }
        if ((tensors.InputBias is null) != (tensors.RecurrentBias is null))
        {
            string present = tensors.InputBias is null ? "bias_hh" : "bias_ih";
            string absent = tensors.InputBias is null ? "bias_ih" : "bias_hh";
            throw Missing(file, $"{prefix}{absent}_l{layer}{suffix} ({present}_l{layer}{suffix} is present; PyTorch writes both or, with bias=False, neither)");
        }
        float[] inputBias = new float[rows], recurrentBias = new float[rows];
        if (tensors.InputBias is { } ib && tensors.RecurrentBias is { } rb)
        {
            CheckShape(ib, file, rows);
            CheckShape(rb, file, rows);
            inputBias = ib.Values;
            recurrentBias = rb.Values;
        }
        return new DirectionWeights(
            PyTorchGateOrder.ToCanonical(inputWeights.Values, cell, hidden, input),
            PyTorchGateOrder.ToCanonical(recurrentWeights.Values, cell, hidden, hidden),
            PyTorchGateOrder.ToCanonical(inputBias, cell, hidden, 1),
            PyTorchGateOrder.ToCanonical(recurrentBias, cell, hidden, 1),
            EquatableArray<float>.Empty,
            activations,
            projectionWeights);
    }

    private static DenseLayer MapHead(string module, NamedTensor? weight, NamedTensor? bias, int inputs, StateDictMetadata options, string file)
    {
        if (weight is null)
        {
            throw Missing(file, $"{module}.weight ({module}.bias is present; a linear head needs its weight)");
        }
        if (weight.Shape.Count != 2 || weight.Shape[0] <= 0)
        {
            throw Error(file, weight, $"shape {weight.DescribeShape()}; expected [out_features, {inputs}].");
        }
        int outputs = weight.Shape[0];
        CheckShape(weight, file, outputs, inputs);
        float[] biasValues = new float[outputs];
        if (bias is not null)
        {
            CheckShape(bias, file, outputs);
            biasValues = bias.Values;
        }
        return new DenseLayer(inputs, outputs, weight.Values, biasValues, options.HeadActivation);
    }

    private static InputNormalization? MapNormalization(StateDictMetadata options, int inputSize, string file)
    {
        if (options.InputMean is not { } mean || options.InputStd is not { } std) return null;
        foreach ((string key, float[] values) in new[] { (StateDictMetadata.InputMeanKey, mean), (StateDictMetadata.InputStdKey, std) })
        {
            if (values.Length != inputSize)
            {
                throw new ModelFormatException(file, $"metadata '{key}'", $"has {values.Length} values; the model has {inputSize} input channels.");
            }
        }
        return new InputNormalization(mean, std);
    }

    /// <summary>
    /// The cell, hidden size and projection size from layer 0: the recurrent weights are [G*H, H] and every cell has a
    /// different G; with a projection (weight_hr_l0 [P, H], an nn.LSTM with proj_size = P) they are [G*H, P].
    /// </summary>
    private static (CellDefinition Cell, int Hidden, int Projection) InferCell(NamedTensor recurrentWeights, NamedTensor? projection, string file)
    {
        IReadOnlyList<int> shape = recurrentWeights.Shape;
        if (projection is not null)
        {
            IReadOnlyList<int> projected = projection.Shape;
            if (projected.Count != 2 || projected[0] <= 0 || projected[1] <= 0)
            {
                throw Error(file, projection, $"shape {projection.DescribeShape()}; expected [proj_size, hidden_size].");
            }
            int hidden = projected[1], size = projected[0];
            if (shape.Count == 2 && shape[1] == size && shape[0] % hidden == 0)
            {
                foreach (CellDefinition cell in CellDefinition.All)
                {
                    if (shape[0] / hidden == cell.GateCount && cell.TakesProjection) return (cell, hidden, size);
                }
            }
            throw Error(file, recurrentWeights,
                $"shape {recurrentWeights.DescribeShape()}, with the projection {projection.Name} {projection.DescribeShape()}; expected [4 * {hidden}, {size}]: only an LSTM has a projection (proj_size).");
        }
        if (shape.Count == 2 && shape[1] > 0 && shape[0] % shape[1] == 0)
        {
            foreach (CellDefinition cell in CellDefinition.All)
            {
                if (shape[0] / shape[1] == cell.GateCount) return (cell, shape[1], 0);
            }
        }
        throw Error(file, recurrentWeights,
            $"shape {recurrentWeights.DescribeShape()}; expected [G*H, H] with G = {string.Join(", ", CellDefinition.All.Select(c => $"{c.GateCount} ({c.DisplayName})"))}.");
    }

    private static DirectionTensors Require(Dictionary<(int Layer, bool Reverse), DirectionTensors> recurrent, int layer, bool reverse, string prefix, string file)
    {
        if (recurrent.TryGetValue((layer, reverse), out DirectionTensors? tensors)) return tensors;
        string suffix = reverse ? "_reverse" : string.Empty;
        throw Missing(file, $"{prefix}weight_ih_l{layer}{suffix} and {prefix}weight_hh_l{layer}{suffix} (layers must run l0, l1, ... without gaps)");
    }

    private static void CheckShape(NamedTensor tensor, string file, params int[] expected)
    {
        bool matches = tensor.Shape.Count == expected.Length;
        for (int i = 0; matches && i < expected.Length; i++)
        {
            matches = tensor.Shape[i] == expected[i];
        }
        if (!matches)
        {
            throw Error(file, tensor, $"shape {tensor.DescribeShape()}; expected [{string.Join(", ", expected)}].");
        }
    }

    private static ModelFormatException Error(string file, NamedTensor tensor, string problem)
        => new(file, $"tensor '{tensor.Name}'", problem);

    private static ModelFormatException Missing(string file, string what)
        => new(file, string.Empty, $"missing tensor {what}.");

    /// <summary>The file name without folders or extension; written by hand because Path rejects some names on .NET Framework hosts.</summary>
    private static string FileStem(string file)
    {
        int slash = Math.Max(file.LastIndexOf('/'), file.LastIndexOf('\\'));
        string name = file.Substring(slash + 1);
        int dot = name.LastIndexOf('.');
        return dot > 0 ? name.Substring(0, dot) : name;
    }

    /// <summary>The tensors of one direction of one layer, as found so far.</summary>
    private sealed class DirectionTensors
    {
        public NamedTensor? InputWeights { get; private set; }
        public NamedTensor? RecurrentWeights { get; private set; }
        public NamedTensor? InputBias { get; private set; }
        public NamedTensor? RecurrentBias { get; private set; }
        public NamedTensor? Projection { get; private set; }

        public void Set(RecurrentParameter parameter, NamedTensor tensor, string file)
        {
            NamedTensor? previous = parameter switch
            {
                RecurrentParameter.InputWeights => InputWeights,
                RecurrentParameter.RecurrentWeights => RecurrentWeights,
                RecurrentParameter.InputBias => InputBias,
                RecurrentParameter.RecurrentBias => RecurrentBias,
                RecurrentParameter.Projection => Projection,
                _ => throw new ArgumentOutOfRangeException(nameof(parameter), parameter, "Not a tensor of one direction."),
            };
            if (previous is not null) throw Error(file, tensor, "appears twice.");
            switch (parameter)
            {
                case RecurrentParameter.InputWeights: InputWeights = tensor; break;
                case RecurrentParameter.RecurrentWeights: RecurrentWeights = tensor; break;
                case RecurrentParameter.InputBias: InputBias = tensor; break;
                case RecurrentParameter.RecurrentBias: RecurrentBias = tensor; break;
                case RecurrentParameter.Projection: Projection = tensor; break;
                default: throw new ArgumentOutOfRangeException(nameof(parameter), parameter, "Not a tensor of one direction.");
            }
        }
    }
}
