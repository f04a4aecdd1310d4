extern alias runtime;

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace EdgeLstm.Generator.Tests.Pipeline;

/// <summary>
/// A project as the compiler sees it after build/EdgeLstm.targets ran: C# sources, weight files as base64
/// AdditionalFiles with their EdgeLstm metadata, JSON models as text, and the build properties from EdgeLstm.props.
/// </summary>
internal sealed class GeneratorHarness
{
    public const string ProjectDirectory = "/project";

    private readonly List<AdditionalText> _texts = new();
    private readonly Dictionary<string, IReadOnlyDictionary<string, string>> _metadata = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _global = new(StringComparer.Ordinal)
    {
        ["build_property.MSBuildProjectDirectory"] = ProjectDirectory,
        ["build_property.EdgeLstmBuildTargetsImported"] = "true",
        ["build_property.EdgeLstmMaxParameters"] = "4000000",
    };

    /// <summary>The C# version the project compiles with (LangVersion).</summary>
    public CSharpParseOptions ParseOptions { get; private set; } = new(LanguageVersion.Preview);

    /// <summary>Compiles the project with <paramref name="version"/>, as <c>&lt;LangVersion&gt;</c> would.</summary>
    public GeneratorHarness WithLanguageVersion(LanguageVersion version)
    {
        ParseOptions = new CSharpParseOptions(version);
        return this;
    }

    /// <summary>Sets (or with null removes) a build property, e.g. "EdgeLstmMaxParameters".</summary>
    public GeneratorHarness WithProperty(string name, string? value)
    {
        if (value is null) _global.Remove("build_property." + name);
        else _global["build_property." + name] = value;
        return this;
    }

    /// <summary>A binary weight file under the project, as EdgeLstm.targets passes it: base64 text in obj/.</summary>
    public InMemoryAdditionalText AddWeightFile(string relativePath, byte[] content)
        => Add(EncodedWeightFile(relativePath, content), SourcePath(relativePath), "base64");

    /// <summary>The AdditionalFile EdgeLstm.targets writes for a weight file (not added; for replacing one).</summary>
    public static InMemoryAdditionalText EncodedWeightFile(string relativePath, byte[] content)
        => new($"{ProjectDirectory}/obj/Debug/net10.0/edgelstm/{Path.GetFileName(relativePath)}.b64", Convert.ToBase64String(content));

    /// <summary>A weight file whose text form cannot be read (the read throws <paramref name="failure"/>).</summary>
    public InMemoryAdditionalText AddUnreadableWeightFile(string relativePath, Exception failure)
        => Add(new InMemoryAdditionalText($"{ProjectDirectory}/obj/edgelstm/{Path.GetFileName(relativePath)}.b64", null, failure), SourcePath(relativePath), "base64");

    /// <summary>
    /// The marker EdgeLstm.targets leaves for a named file it could not prepare (a folder, a file outside the project,
    /// a FIFO...): no content, only why. <paramref name="sourcePath"/> is the full path the attribute resolves to.
    /// </summary>
    public InMemoryAdditionalText AddProblemMarker(string sourcePath, string problem, string detail)
    {
        var text = new InMemoryAdditionalText($"{ProjectDirectory}/obj/Debug/net10.0/edgelstm/{Path.GetFileName(sourcePath)}.problem", $"{problem}: {detail}");
        _texts.Add(text);
        _metadata[text.Path] = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["build_metadata.AdditionalFiles.EdgeLstmSourceFile"] = sourcePath,
            ["build_metadata.AdditionalFiles.EdgeLstmEncoding"] = "problem",
            ["build_metadata.AdditionalFiles.EdgeLstmProblem"] = problem,
            ["build_metadata.AdditionalFiles.EdgeLstmProblemDetail"] = detail,
        };
        return text;
    }

    /// <summary>A JSON model under the project, passed as it is.</summary>
    public InMemoryAdditionalText AddJsonModel(string relativePath, string json)
        => Add(new InMemoryAdditionalText(SourcePath(relativePath), json), SourcePath(relativePath), "text");

    /// <summary>An AdditionalFile without EdgeLstm metadata, as a project without the EdgeLstm targets would pass it.</summary>
    public InMemoryAdditionalText AddPlainAdditionalFile(string relativePath, string? content)
    {
        var text = new InMemoryAdditionalText(SourcePath(relativePath), content);
        _texts.Add(text);
        return text;
    }

    public static string SourcePath(string relativePath) => $"{ProjectDirectory}/{relativePath}";

    public TestOptionsProvider Options() => new(new Dictionary<string, string>(_global), new Dictionary<string, IReadOnlyDictionary<string, string>>(_metadata));

    public GeneratorDriver CreateDriver()
        => CSharpGeneratorDriver.Create(
            new[] { new RecurrentModelGenerator().AsSourceGenerator() },
            _texts,
            ParseOptions,
            Options(),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator once over <paramref name="sources"/>.</summary>
    public GeneratorRun Run(params string[] sources) => GeneratorRun.Start(CreateDriver(), Compilation(sources));

    public CSharpCompilation Compilation(params string[] sources)
        => CSharpCompilation.Create(
            "TestProject",
            sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, ParseOptions, path: $"{ProjectDirectory}/Source{i}.cs")),
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>The shared framework and the EdgeLstm runtime (for RecurrentModelAttribute and IRecurrentModel).</summary>
    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    {
        string frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        IEnumerable<string> framework = Directory.GetFiles(frameworkDirectory, "*.dll")
            .Where(path => Path.GetFileName(path).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(path) is "netstandard.dll" or "mscorlib.dll");
        return framework
            .Append(typeof(runtime::EdgeLstm.RecurrentModelAttribute).Assembly.Location)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    });

    private InMemoryAdditionalText Add(InMemoryAdditionalText text, string sourceFile, string encoding)
    {
        _texts.Add(text);
        _metadata[text.Path] = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["build_metadata.AdditionalFiles.EdgeLstmSourceFile"] = sourceFile,
            ["build_metadata.AdditionalFiles.EdgeLstmEncoding"] = encoding,
        };
        return text;
    }
}
