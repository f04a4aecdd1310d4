namespace EdgeLstm.Generator;

/// <summary>
/// Names of the pipeline steps, so that tests can check which steps ran, were cached or were modified after an edit
/// (<c>GeneratorRunResult.TrackedSteps</c>).
/// </summary>
internal static class TrackingNames
{
    /// <summary>One entry per [RecurrentModel] class: symbol-free <see cref="Pipeline.ModelTarget"/>.</summary>
    public const string Targets = nameof(Targets);

    /// <summary>The MSBuild properties the generator reads.</summary>
    public const string Options = nameof(Options);

    /// <summary>AdditionalFiles that may be model files (carry EdgeLstm metadata or a model extension); nothing read.</summary>
    public const string ModelFileCandidates = nameof(ModelFileCandidates);

    /// <summary>Distinct models (path and import options) named by attributes.</summary>
    public const string RequestedModels = nameof(RequestedModels);

    /// <summary>The bytes of each requested model file, or why they could not be found.</summary>
    public const string ModelFileContents = nameof(ModelFileContents);

    /// <summary>Imported, validated models with their self-test data, or the import error.</summary>
    public const string BakedModels = nameof(BakedModels);

    /// <summary>Per class: the emitter's input and the diagnostics to report.</summary>
    public const string Results = nameof(Results);
}
