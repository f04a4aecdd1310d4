using System.CommandLine;
using EdgeLstm.Import;

namespace EdgeLstm.Cli.Commands;

/// <summary>
/// --head-activation and --nonlinearity: what a PyTorch .pt state_dict (or a safetensors file without metadata) cannot
/// say, stated by the user as the [RecurrentModel] attribute's HeadActivation and Nonlinearity state it. Every command
/// that loads a model takes them, so that inspect, validate, convert, new and calibrate all see the same network the
/// generator bakes.
/// </summary>
internal sealed class ArchitectureOptions
{
    public ArchitectureOptions()
    {
        HeadActivation.AcceptOnlyFromAmong("none", "sigmoid", "tanh", "relu", "softmax");
        Nonlinearity.AcceptOnlyFromAmong("tanh", "relu");
    }

    public Option<string?> HeadActivation { get; } = new("--head-activation")
    {
        Description = "For a .pt state_dict (or safetensors without __metadata__): the activation forward() applies after the " +
                      "linear head (none, sigmoid, tanh, relu, softmax). Not given: none is assumed, and reported.",
    };

    public Option<string?> Nonlinearity { get; } = new("--nonlinearity")
    {
        Description = "For a .pt state_dict: an nn.RNN's nonlinearity (tanh, relu). Not given: tanh is assumed, and reported.",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(HeadActivation);
        command.Options.Add(Nonlinearity);
    }

    /// <summary>The options as the importer takes them; the ones not given are left out.</summary>
    public ImportOptions Read(ParseResult parse)
        => ImportOptions.From(
            (ImportAssumption.HeadActivationKey, parse.GetValue(HeadActivation)),
            (ImportAssumption.NonlinearityKey, parse.GetValue(Nonlinearity)));
}
