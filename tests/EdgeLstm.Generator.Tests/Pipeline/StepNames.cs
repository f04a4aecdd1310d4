namespace EdgeLstm.Generator.Tests.Pipeline;

/// <summary>
/// The generator's tracking names (EdgeLstm.Generator.TrackingNames, internal to the generator; spelled out here
/// rather than exposing the generator's internals to tests, whose polyfills would clash with the framework's).
/// </summary>
internal static class StepNames
{
    public const string Targets = "Targets";
    public const string Options = "Options";
    public const string ModelFileCandidates = "ModelFileCandidates";
    public const string RequestedModels = "RequestedModels";
    public const string ModelFileContents = "ModelFileContents";
    public const string BakedModels = "BakedModels";
    public const string Results = "Results";

    /// <summary>Every step, to check that none is missing from a run's tracked steps.</summary>
    public static readonly string[] All = { Targets, Options, ModelFileCandidates, RequestedModels, ModelFileContents, BakedModels, Results };
}
