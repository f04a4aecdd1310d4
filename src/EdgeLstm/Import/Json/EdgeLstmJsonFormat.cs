using EdgeLstm.Model;

namespace EdgeLstm.Import.Json;

// PLACEHOLDER: replaced by the importer's implementation.
public static class EdgeLstmJsonFormat
{
    public static NetworkModel Import(string text, string file)
        => throw new ModelFormatException(file, string.Empty, "EdgeLstmJsonFormat is not implemented yet.");
}
