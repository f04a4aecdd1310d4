using EdgeLstm.Generator.Diagnostics;
using EdgeLstm.Model;

namespace EdgeLstm.Generator.Pipeline;

/// <summary>The bytes of the weight file an attribute names, or why they could not be had.</summary>
/// <param name="ModelPath">The path as the attribute wrote it; also the name every message uses.</param>
/// <param name="Bytes">The weight file's content (decoded from base64 for binary formats); empty on a problem.</param>
/// <param name="MaxParameters">The size limit in force, carried here so that changing it re-checks the model.</param>
/// <param name="Problem">Why the file could not be read, or null.</param>
internal sealed record ModelFileContent(string ModelPath, EquatableArray<byte> Bytes, long MaxParameters, ModelProblem? Problem)
{
    public static ModelFileContent Failed(string modelPath, long maxParameters, ModelProblem problem)
        => new(modelPath, EquatableArray<byte>.Empty, maxParameters, problem);
}
