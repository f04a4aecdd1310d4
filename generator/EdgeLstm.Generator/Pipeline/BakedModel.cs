using EdgeLstm.Generator.Diagnostics;
using EdgeLstm.Generator.Emit;
using EdgeLstm.Model;

namespace EdgeLstm.Generator.Pipeline;

/// <summary>An imported, validated model and its self-test, or the problem that stopped it.</summary>
/// <param name="Request">What the attribute asked for.</param>
/// <param name="Network">The model, or null when <paramref name="Problem"/> is set.</param>
/// <param name="SelfTest">The self-test, or null when <paramref name="Problem"/> is set.</param>
/// <param name="Problem">Why no model could be made, or null.</param>
internal sealed record BakedModel(ModelRequest Request, NetworkModel? Network, SelfTestData? SelfTest, ModelProblem? Problem)
{
    /// <summary>Warnings that do not stop generation (what a state_dict could not say and was assumed).</summary>
    public EquatableArray<ModelProblem> Warnings { get; init; } = EquatableArray<ModelProblem>.Empty;
}
