using EdgeLstm.Generator.Diagnostics;
using EdgeLstm.Model;

namespace EdgeLstm.Generator.Pipeline;

/// <summary>The bytes of the weight file an attribute names, or why they could not be had.</summary>
/// <param name="Request">What the attribute asked for.</param>
/// <param name="Bytes">The weight file's content (decoded from base64 for binary formats); empty on a problem.</param>
/// <param name="MaxParameters">The size limit in force, carried here so that changing it re-checks the model.</param>
/// <param name="Problem">Why the file could not be read, or null.</param>
internal sealed record ModelFileContent(ModelRequest Request, EquatableArray<byte> Bytes, long MaxParameters, ModelProblem? Problem)
{
    public static ModelFileContent Failed(ModelRequest request, long maxParameters, ModelProblem problem)
        => new(request, EquatableArray<byte>.Empty, maxParameters, problem);
}
