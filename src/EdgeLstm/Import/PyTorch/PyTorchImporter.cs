using EdgeLstm.Model;

namespace EdgeLstm.Import.PyTorch;

// PLACEHOLDER: replaced by the importer's implementation.
public static class PyTorchImporter
{
    public static NetworkModel Import(byte[] content, string file)
        => throw new ModelFormatException(file, string.Empty, "PyTorchImporter is not implemented yet.");
}
