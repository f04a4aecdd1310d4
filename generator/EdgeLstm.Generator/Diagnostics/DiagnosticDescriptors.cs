using Microsoft.CodeAnalysis;

namespace EdgeLstm.Generator.Diagnostics;

/// <summary>
/// Every diagnostic the generator reports. IDs are stable: never reuse or renumber one, add new ones at the end.
/// All are reported at the [RecurrentModel] attribute, and each message names the file or class and the fix; all are
/// errors except ELSTM009, a warning about what a state_dict could not say.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "EdgeLstm";

    /// <summary>{0} path as written, {1} what was found there and what to do (see <see cref="Pipeline.ModelFileReader"/>).</summary>
    public static readonly DiagnosticDescriptor ModelFileNotFound = new(
        id: "ELSTM001",
        title: "Model file not found",
        messageFormat: "Model file '{0}' {1}",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    /// <summary>{0} path, {1} what the importer says.</summary>
    public static readonly DiagnosticDescriptor UnrecognizedModelFormat = new(
        id: "ELSTM002",
        title: "Model file format not recognised",
        messageFormat: "Model file '{0}' is in no format EdgeLstm reads: {1}",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    /// <summary>{0} path, {1} where in the file and what is wrong (the importer's message).</summary>
    public static readonly DiagnosticDescriptor InvalidModelFile = new(
        id: "ELSTM003",
        title: "Invalid model file",
        messageFormat: "Model file '{0}' is invalid: {1}",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    /// <summary>{0} class, {1} the type that lacks 'partial' (the class or a containing type).</summary>
    public static readonly DiagnosticDescriptor ClassNotPartial = new(
        id: "ELSTM004",
        title: "Model class must be partial",
        messageFormat: "Class '{0}' has [RecurrentModel] but '{1}' is not declared partial; the generator adds the model's code to the class as another part of it, so declare '{1}' as partial",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    /// <summary>{0} class, {1} why it is unsupported.</summary>
    public static readonly DiagnosticDescriptor UnsupportedClass = new(
        id: "ELSTM005",
        title: "Model class shape not supported",
        messageFormat: "Class '{0}' cannot hold a [RecurrentModel]: {1}. Use a non-generic, non-static, non-abstract class (not a record) with a public or internal parameterless constructor, not nested in a generic type.",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    /// <summary>{0} path, {1} parameter count, {2} limit, {3} a limit that would accept the model.</summary>
    public static readonly DiagnosticDescriptor ModelTooLarge = new(
        id: "ELSTM006",
        title: "Model too large to bake into code",
        messageFormat: "Model file '{0}' has {1} parameters, more than the {2} that EdgeLstm bakes into code by default (large models make slow builds and large binaries). To bake it anyway, raise the limit in the project file: <PropertyGroup><EdgeLstmMaxParameters>{3}</EdgeLstmMaxParameters></PropertyGroup>.",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    /// <summary>{0} path, {1} what is missing.</summary>
    public static readonly DiagnosticDescriptor BuildTargetsMissing = new(
        id: "ELSTM007",
        title: "EdgeLstm build targets did not prepare the model file",
        messageFormat: "Model file '{0}' cannot be read: {1}. The compiler cannot hand binary files to a source generator, so the EdgeLstm build targets (build/EdgeLstm.targets, imported by the EdgeLstm package) pass weight files as text; reference the EdgeLstm package itself rather than only its generator, and do not add weight files as <AdditionalFiles> by hand.",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    /// <summary>{0} what the generator was doing, {1} exception type, {2} exception message.</summary>
    public static readonly DiagnosticDescriptor InternalError = new(
        id: "ELSTM008",
        title: "EdgeLstm generator error",
        messageFormat: "The EdgeLstm generator failed while {0}: {1}: {2}. This is a bug in EdgeLstm; please report it together with the model file.",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    /// <summary>{0} path, {1} what the file does not say, {2} the value assumed, {3} the attribute property, {4} every value it may take.</summary>
    public static readonly DiagnosticDescriptor ArchitectureAssumed = new(
        id: "ELSTM009",
        title: "Architecture assumed for a state_dict",
        messageFormat: "Model file '{0}' does not say {1}, so EdgeLstm assumed {2}: a PyTorch state_dict holds tensors only, and if the model's forward() does something else (a sigmoid or softmax after the head, a relu RNN) the generated code silently computes a different function. State it on the attribute, which also silences this warning: [RecurrentModel(\"{0}\", {3} = \"{2}\")] (one of: {4}).",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true);

    /// <summary>{0} path, {1} why the build step did not read it (not a regular file, too large, an I/O error) and what to do.</summary>
    public static readonly DiagnosticDescriptor ModelFileNotRead = new(
        id: "ELSTM010",
        title: "Model file not read",
        messageFormat: "Model file '{0}' was not read: {1}",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    /// <summary>{0} class, {1} the C# version the project compiles with, {2} the oldest version the generated code needs.</summary>
    public static readonly DiagnosticDescriptor LanguageVersionTooLow = new(
        id: "ELSTM011",
        title: "C# version too old for the generated model",
        messageFormat: "Class '{0}' has [RecurrentModel], but the project compiles with C# {1}; the generated code needs C# {2} or later (an inline array holds the model's state, a file-local class its kernels). Remove <LangVersion> from the project file (net8.0 and later default to C# 12 or later) or set it to {2} or later.",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    /// <summary>{0} class, {1} the Streams value, {2} why it cannot be generated.</summary>
    public static readonly DiagnosticDescriptor UnsupportedStreams = new(
        id: "ELSTM012",
        title: "Multi-stream form not available",
        messageFormat: "Class '{0}' asks for Streams = {1}, which cannot be generated: {2}. Use Streams from 1 to 64 on a streaming model whose layers have no peepholes, projection or GRU linear_before_reset = 0, or leave Streams out and use one instance per stream.",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true);
}
