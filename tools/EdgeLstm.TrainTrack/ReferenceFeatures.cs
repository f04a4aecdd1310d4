using System;
using EdgeLstm;
using EdgeLstm.Model;

namespace EdgeLstm.TrainTrack;

/// <summary>
/// A head-less recurrent model run by the reference implementation, in the shape the device's detector takes: one
/// input, <see cref="Hidden"/> features (the last layer's hidden state). It stands in for the generated class
/// (MachineFeatures) so that one program can run a different model per file.
/// </summary>
internal sealed class ReferenceFeatures : IStreamingModel
{
    public const int Hidden = 32;

    private readonly ReferenceModel _model;

    public ReferenceFeatures(NetworkModel features)
    {
        if (features.InputSize != 1 || features.OutputSize != Hidden)
        {
            throw new ArgumentException($"{features.Metadata.SourceFile}: expected 1 input and {Hidden} features, found {features.InputSize} and {features.OutputSize}.");
        }
        _model = ReferenceModel.FromModel(features);
    }

    public static int InputSize => 1;

    public static int OutputSize => Hidden;

    public static bool IsStreaming => true;

    public void Step(ReadOnlySpan<float> input, Span<float> output) => _model.Step(input, output);

    public void Run(ReadOnlySpan<float> inputs, Span<float> outputs) => _model.Run(inputs, outputs);

    public void Reset() => _model.Reset();

    /// <summary>
    /// The recurrent core of a model: its recurrent layers without the linear head (so the output is the hidden state)
    /// and without input standardisation (the detector standardises the stream itself, online). The shipped
    /// machine_features.safetensors is already that; a model from `edgelstm train` has a head and input_mean/input_std.
    /// </summary>
    public static NetworkModel CoreOf(NetworkModel trained)
    {
        RecurrentLayer[] layers = Array.ConvertAll(
            Array.FindAll(trained.Layers.AsArray(), l => l is RecurrentLayer), l => (RecurrentLayer)l);
        return new NetworkModel(layers, Normalization: null, trained.Metadata);
    }
}
