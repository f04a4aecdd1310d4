using EdgeLstm.Model;

namespace EdgeLstm.Import.Onnx;

// PLACEHOLDER: replaced by the importer's implementation.
public static class OnnxImporter
{
    public static NetworkModel Import(byte[] content, string file)
        => throw new ModelFormatException(file, string.Empty, "OnnxImporter is not implemented yet.");
}
