using System.Linq;
using EdgeLstm.Cells;
using EdgeLstm.Model;

namespace EdgeLstm.Import.Json;

/// <summary>
/// The spelling of every enum value and member in the EdgeLstm JSON format, in one place so that the reader
/// and the writer cannot drift apart. docs/json-format.md documents the same names.
/// </summary>
internal static class EdgeLstmJsonNames
{
    public const string FormatName = "edgelstm";
    public const int Version = 1;

    public static readonly string[] RootMembers = { "format", "version", "metadata", "normalization", "layers" };
    public static readonly string[] MetadataMembers = { "name", "source_file", "format", "producer", "properties" };
    public static readonly string[] PropertyMembers = { "key", "value" };
    public static readonly string[] NormalizationMembers = { "mean", "std" };
    public static readonly string[] RecurrentMembers =
    {
        "type", "cell", "input_size", "hidden_size", "projection_size", "direction", "clip", "input_forget", "linear_before_reset", "directions",
    };
    public static readonly string[] DirectionMembers =
    {
        "input_weights", "recurrent_weights", "input_bias", "recurrent_bias", "peepholes", "projection_weights", "activations",
    };
    public static readonly string[] DenseMembers = { "type", "input_size", "output_size", "weights", "bias", "activation" };
    public static readonly string[] ActivationMembers = { "kind", "alpha", "beta" };

    private static readonly (Direction Kind, string Name)[] Directions =
    {
        (Direction.Forward, "forward"), (Direction.Reverse, "reverse"), (Direction.Bidirectional, "bidirectional"),
    };

    private static readonly (ActivationKind Kind, string Name)[] Activations =
    {
        (ActivationKind.Identity, "identity"),
        (ActivationKind.Sigmoid, "sigmoid"),
        (ActivationKind.Tanh, "tanh"),
        (ActivationKind.Relu, "relu"),
        (ActivationKind.HardSigmoid, "hard_sigmoid"),
        (ActivationKind.LeakyRelu, "leaky_relu"),
        (ActivationKind.Affine, "affine"),
        (ActivationKind.ScaledTanh, "scaled_tanh"),
        (ActivationKind.Softsign, "softsign"),
        (ActivationKind.Softmax, "softmax"),
    };

    /// <summary>A cell is spelled by its <see cref="CellDefinition.Id"/>.</summary>
    public static string Name(CellKind kind) => CellDefinition.For(kind).Id;

    public static string Name(Direction kind) => Directions.First(d => d.Kind == kind).Name;

    public static string Name(ActivationKind kind) => Activations.First(a => a.Kind == kind).Name;

    public static CellDefinition ParseCell(JsonNode node)
        => CellDefinition.FromId(node.AsString()) is { } cell && cell.Id == node.AsString()
            ? cell
            : throw node.Error($"unknown cell \"{node.AsString()}\"; expected one of: {string.Join(", ", CellDefinition.All.Select(c => c.Id))}.");

    public static Direction ParseDirection(JsonNode node) => Parse(node, Directions, "direction");

    public static ActivationKind ParseActivation(JsonNode node) => Parse(node, Activations, "activation");

    /// <summary>Which of alpha and beta a function reads; both must be written for it, the others default to 0.</summary>
    public static (bool Alpha, bool Beta) Parameters(ActivationKind kind) => kind switch
    {
        ActivationKind.HardSigmoid or ActivationKind.Affine or ActivationKind.ScaledTanh => (true, true),
        ActivationKind.LeakyRelu => (true, false),
        ActivationKind.Identity or ActivationKind.Sigmoid or ActivationKind.Tanh or ActivationKind.Relu or ActivationKind.Softsign
            or ActivationKind.Softmax => (false, false),
        _ => throw new System.ArgumentOutOfRangeException(nameof(kind), kind, "Not an activation EdgeLstm defines."),
    };

    private static T Parse<T>(JsonNode node, (T Kind, string Name)[] table, string what)
    {
        string text = node.AsString();
        foreach ((T kind, string name) in table)
        {
            if (name == text) return kind;
        }
        throw node.Error($"unknown {what} \"{text}\"; expected one of: {string.Join(", ", table.Select(t => t.Name))}.");
    }
}
