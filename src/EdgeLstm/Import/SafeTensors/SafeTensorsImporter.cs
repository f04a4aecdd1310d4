using EdgeLstm.Model;

namespace EdgeLstm.Import.SafeTensors;

// PLACEHOLDER: replaced by the importer's implementation.
public static class SafeTensorsImporter
{
    public static NetworkModel Import(byte[] content, string file)
        => throw new ModelFormatException(file, string.Empty, "SafeTensorsImporter is not implemented yet.");
}
