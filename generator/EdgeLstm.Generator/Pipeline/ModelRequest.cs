using EdgeLstm.Import;

namespace EdgeLstm.Generator.Pipeline;

/// <summary>
/// One model to import: the file, and the architecture facts the attribute adds for files that cannot carry them
/// (a PyTorch .pt state_dict holds tensors only). Models are imported once per distinct request, apart from the
/// classes naming them, so that editing a class does not import its model again.
/// </summary>
/// <param name="Path">The path as the attribute wrote it (empty when it gave none); also the name every message uses.</param>
/// <param name="HeadActivation">RecurrentModelAttribute.HeadActivation, or null.</param>
/// <param name="Nonlinearity">RecurrentModelAttribute.Nonlinearity, or null.</param>
internal sealed record ModelRequest(string Path, string? HeadActivation, string? Nonlinearity)
{
    public ImportOptions ImportOptions => ImportOptions.From(("head_activation", HeadActivation), ("nonlinearity", Nonlinearity));
}
