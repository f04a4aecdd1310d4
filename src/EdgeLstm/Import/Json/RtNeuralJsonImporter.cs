using EdgeLstm.Model;

namespace EdgeLstm.Import.Json;

// PLACEHOLDER: replaced by the importer's implementation.
public static class RtNeuralJsonImporter
{
    public static NetworkModel Import(string text, string file)
        => throw new ModelFormatException(file, string.Empty, "RtNeuralJsonImporter is not implemented yet.");
}
