using System;
using System.Collections.Generic;
using System.Linq;
using EdgeLstm.Model;

namespace EdgeLstm.Import;

/// <summary>
/// An architecture fact that a weight file did not state and the importer assumed: a PyTorch <c>.pt</c> state_dict
/// (and a safetensors file without <c>__metadata__</c>) holds tensors only, so the activation that <c>forward()</c>
/// applies after a linear head, and an <c>nn.RNN</c>'s nonlinearity, are not in it. The importer assumes PyTorch's
/// plain defaults (no head activation, tanh); a model trained with a sigmoid head or a relu RNN then computes
/// something else, silently, unless the user says so. Tools report each assumption and how to state the value.
/// </summary>
/// <param name="Key">The import option (and safetensors metadata key): <c>head_activation</c> or <c>nonlinearity</c>.</param>
/// <param name="Assumed">The value assumed: <c>none</c> or <c>tanh</c>.</param>
/// <remarks>Shared source: compiled into the runtime (net10.0) and the generator (netstandard2.0).</remarks>
public sealed record ImportAssumption(string Key, string Assumed)
{
    public const string HeadActivationKey = "head_activation";
    public const string NonlinearityKey = "nonlinearity";

    /// <summary>What was not stated, as a phrase: "the activation after the linear head".</summary>
    public string Subject => Key == HeadActivationKey ? "the activation after the linear head" : "the RNN's nonlinearity";

    /// <summary>The <c>RecurrentModelAttribute</c> property that states it.</summary>
    public string AttributeProperty => Key == HeadActivationKey ? "HeadActivation" : "Nonlinearity";

    /// <summary>The <c>edgelstm</c> option that states it.</summary>
    public string CommandLineOption => Key == HeadActivationKey ? "--head-activation" : "--nonlinearity";

    /// <summary>Every value it may take.</summary>
    public string Choices => Key == HeadActivationKey ? "none, sigmoid, tanh, relu, softmax" : "tanh, relu";

    /// <summary>
    /// What the importer assumed for <paramref name="model"/>, read from a file of <paramref name="format"/>: nothing
    /// for ONNX and JSON, which describe the whole network; for a state_dict, each fact the model needs that neither
    /// the file's metadata nor the import options stated (both end up in <see cref="ModelMetadata.Properties"/>).
    /// </summary>
    public static IReadOnlyList<ImportAssumption> Find(ModelFileFormat format, NetworkModel model)
    {
        if (model is null) throw new ArgumentNullException(nameof(model));
        if (format is not (ModelFileFormat.PyTorch or ModelFileFormat.SafeTensors))
        {
            return Array.Empty<ImportAssumption>();
        }
        bool Stated(string key) => model.Metadata.Properties.Any(p => string.Equals(p.Key, key, StringComparison.Ordinal));

        var assumed = new List<ImportAssumption>();
        if (model.Layers.OfType<DenseLayer>().Any() && !Stated(HeadActivationKey))
        {
            assumed.Add(new ImportAssumption(HeadActivationKey, "none"));
        }
        if (model.Layers.OfType<RecurrentLayer>().Any(l => l.Definition.TakesNonlinearity) && !Stated(NonlinearityKey))
        {
            assumed.Add(new ImportAssumption(NonlinearityKey, "tanh"));
        }
        return assumed;
    }
}
