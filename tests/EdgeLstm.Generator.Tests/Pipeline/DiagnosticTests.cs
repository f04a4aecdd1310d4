using System;
using System.IO;
using System.Linq;
using EdgeLstm.Import;
using EdgeLstm.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace EdgeLstm.Generator.Tests.Pipeline;

/// <summary>Each ELSTM diagnostic where it belongs: at the attribute, naming the file or class and the problem.</summary>
public sealed class DiagnosticTests
{
    private const string ModelPath = "models/machine.onnx";

    private const string MachineModel = """
        using EdgeLstm;

        namespace Sensors;

        [RecurrentModel("models/machine.onnx")]
        public sealed partial class MachineModel;

        // The user's code: it must compile whatever becomes of the model.
        static class Use
        {
            public static float Run()
            {
                var model = new MachineModel();
                float[] input = new float[MachineModel.InputSize], output = new float[MachineModel.OutputSize];
                model.Step(input, output);
                model.Run(input, output);
                model.Reset();
                return MachineModel.SelfTest() + Generic<MachineModel>();
            }

            private static int Generic<TModel>() where TModel : IStreamingModel, new() => TModel.InputSize;
        }
        """;

    private static byte[] CaseOnnx => File.ReadAllBytes(RepositoryFiles.CaseFile("lstm_i3_h16_dense3", "model.onnx"));

    [Fact]
    public void MissingFileIsReportedWithWhereItWasLookedFor()
    {
        var harness = new GeneratorHarness();
        InMemoryAdditionalText other = harness.AddWeightFile("models/other.onnx", CaseOnnx);

        Diagnostic diagnostic = SingleError(harness.Run(MachineModel), "ELSTM001");

        string message = diagnostic.GetMessage();
        Assert.Contains($"'{ModelPath}'", message);
        Assert.Contains($"'{GeneratorHarness.ProjectDirectory}/{ModelPath}'", message);
        Assert.Contains("project folder", message);
        Assert.Equal(0, other.Reads); // a file no attribute names is never read
    }

    [Fact]
    public void EmptyPathIsReportedAsNotFound()
    {
        var harness = new GeneratorHarness();
        SingleError(harness.Run(MachineModel.Replace(ModelPath, "")), "ELSTM001");
    }

    [Fact]
    public void UnrecognisedContentIsReported()
    {
        var harness = new GeneratorHarness();
        harness.AddWeightFile(ModelPath, new byte[] { 0x13, 0x37, 0x00, 0xFF, 0x42 });

        Diagnostic diagnostic = SingleError(harness.Run(MachineModel), "ELSTM002");

        Assert.Contains($"'{ModelPath}'", diagnostic.GetMessage());
        Assert.Contains("format not recognised", diagnostic.GetMessage());
    }

    [Fact]
    public void TruncatedFileIsReportedWithTheImportersMessage()
    {
        var harness = new GeneratorHarness();
        harness.AddWeightFile(ModelPath, CaseOnnx.Take(100).ToArray());

        Diagnostic diagnostic = SingleError(harness.Run(MachineModel), "ELSTM003");

        Assert.Contains($"Model file '{ModelPath}' is invalid: ", diagnostic.GetMessage());
    }

    [Fact]
    public void InvalidJsonModelIsReported()
    {
        var harness = new GeneratorHarness();
        harness.AddJsonModel("models/machine.json", "{ \"format\": \"edgelstm\", \"layers\": [ ");

        Diagnostic diagnostic = SingleError(harness.Run(MachineModel.Replace(ModelPath, "models/machine.json")), "ELSTM003");

        Assert.Contains("'models/machine.json'", diagnostic.GetMessage());
    }

    [Fact]
    public void ClassWithoutPartialIsReported()
    {
        var harness = new GeneratorHarness();
        harness.AddWeightFile(ModelPath, CaseOnnx);

        GeneratorRun run = harness.Run(MachineModel.Replace("sealed partial class", "sealed class"));

        // Nothing can be added to a class that is not partial, so the user's uses of its members do not compile.
        Diagnostic diagnostic = ErrorAtAttribute(run, "ELSTM004");
        Assert.Contains("'Sensors.MachineModel'", diagnostic.GetMessage());
        Assert.Empty(run.Result.GeneratedSources);
    }

    [Fact]
    public void ContainingTypeWithoutPartialIsNamed()
    {
        var harness = new GeneratorHarness();
        harness.AddWeightFile(ModelPath, CaseOnnx);
        const string source = """
            using EdgeLstm;
            namespace Sensors;
            public static class Outer
            {
                [RecurrentModel("models/machine.onnx")]
                public sealed partial class MachineModel;
            }
            """;

        Diagnostic diagnostic = ErrorAtAttribute(harness.Run(source), "ELSTM004");

        Assert.Contains("but 'Sensors.Outer' is not declared partial", diagnostic.GetMessage());
    }

    [Theory]
    [InlineData("public sealed partial class MachineModel<T>;", "generic")]
    [InlineData("public partial class Outer<T> { [RecurrentModel(\"models/machine.onnx\")] public sealed partial class MachineModel; }", "nested in the generic type 'Sensors.Outer<T>'")]
    [InlineData("public static partial class MachineModel;", "static")]
    [InlineData("public sealed partial record MachineModel;", "record")]
    [InlineData("public abstract partial class MachineModel;", "abstract")]
    [InlineData("public sealed partial class MachineModel { public MachineModel(int seed) { } }", "no public or internal parameterless constructor")]
    [InlineData("public sealed partial class MachineModel { private MachineModel() { } }", "no public or internal parameterless constructor")]
    public void UnsupportedClassShapeIsReported(string declaration, string reason)
    {
        var harness = new GeneratorHarness();
        harness.AddWeightFile(ModelPath, CaseOnnx);
        string source = declaration.StartsWith("public partial class Outer", StringComparison.Ordinal)
            ? $"using EdgeLstm;\nnamespace Sensors;\n{declaration}"
            : $"using EdgeLstm;\nnamespace Sensors;\n[RecurrentModel(\"{ModelPath}\")]\n{declaration}";

        GeneratorRun run = harness.Run(source);

        Diagnostic diagnostic = SingleError(run, "ELSTM005");
        Assert.Contains(reason, diagnostic.GetMessage());
        // The class still gets its surface, with bodies that throw: the only error is the ELSTM one, none in generated files.
        Assert.Contains("could not generate", Assert.Single(run.Result.GeneratedSources).SourceText.ToString());
    }

    [Theory]
    [InlineData(LanguageVersion.CSharp10, "10.0")]
    [InlineData(LanguageVersion.CSharp11, "11.0")]
    [InlineData(LanguageVersion.CSharp8, "8.0")]
    public void TooOldLanguageVersionIsReportedAndNothingElse(LanguageVersion version, string shown)
    {
        var harness = new GeneratorHarness().WithLanguageVersion(version);
        harness.AddWeightFile(ModelPath, CaseOnnx);
        // Old C# cannot call static abstract members: the user's code uses the instance members only.
        const string source = """
            using EdgeLstm;
            namespace Sensors
            {
                [RecurrentModel("models/machine.onnx")]
                public sealed partial class MachineModel { }

                static class Use
                {
                    public static void Run() { var model = new MachineModel(); float[] buffer = new float[MachineModel.InputSize]; model.Run(buffer, buffer); }
                }
            }
            """;

        Diagnostic diagnostic = SingleError(harness.Run(source), "ELSTM011");

        Assert.Contains($"compiles with C# {shown}", diagnostic.GetMessage());
        Assert.Contains("C# 12 or later", diagnostic.GetMessage());
    }

    [Fact]
    public void PlaceholderMembersThrowNamingTheDiagnostic()
    {
        var harness = new GeneratorHarness();
        GeneratorRun run = harness.Run(MachineModel);
        SingleError(run, "ELSTM001");

        using var image = new MemoryStream();
        Assert.True(run.Output.Emit(image).Success);
        var context = new System.Runtime.Loader.AssemblyLoadContext("placeholder", isCollectible: true);
        try
        {
            System.Reflection.Assembly assembly = context.LoadFromStream(new MemoryStream(image.ToArray()));
            var selfTest = assembly.GetType("Sensors.MachineModel")!.GetMethod("SelfTest")!;
            var thrown = Assert.Throws<System.Reflection.TargetInvocationException>(() => selfTest.Invoke(null, null));
            Assert.IsType<InvalidOperationException>(thrown.InnerException);
            Assert.Contains("ELSTM001", thrown.InnerException!.Message);
            Assert.Contains("Sensors.MachineModel", thrown.InnerException.Message);
        }
        finally
        {
            context.Unload();
        }
    }

    [Fact]
    public void ModelAboveTheParameterLimitIsReportedWithHowToRaiseIt()
    {
        var harness = new GeneratorHarness().WithProperty("EdgeLstmMaxParameters", "1000");
        harness.AddWeightFile(ModelPath, CaseOnnx);

        Diagnostic diagnostic = SingleError(harness.Run(MachineModel), "ELSTM006");

        string message = diagnostic.GetMessage();
        Assert.Contains($"'{ModelPath}'", message);
        Assert.Contains("1,000", message);
        Assert.Contains("<EdgeLstmMaxParameters>", message);
    }

    [Fact]
    public void BinaryFileWithoutTheBuildTargetsIsReportedAndNeverRead()
    {
        var harness = new GeneratorHarness();
        InMemoryAdditionalText raw = harness.AddPlainAdditionalFile(ModelPath, "\0\0binary");

        Diagnostic diagnostic = SingleError(harness.Run(MachineModel), "ELSTM007");

        Assert.Contains($"'{ModelPath}'", diagnostic.GetMessage());
        Assert.Contains("plain AdditionalFile", diagnostic.GetMessage());
        Assert.Equal(0, raw.Reads); // reading it would make the compiler fail with CS2015
    }

    [Fact]
    public void MissingBuildPropertiesAreReportedAsMissingTargets()
    {
        var harness = new GeneratorHarness()
            .WithProperty("MSBuildProjectDirectory", null)
            .WithProperty("EdgeLstmBuildTargetsImported", null);

        Diagnostic diagnostic = SingleError(harness.Run(MachineModel), "ELSTM007");

        Assert.Contains("build properties were not imported", diagnostic.GetMessage());
    }

    [Fact]
    public void ExceptionWhileReadingBecomesAnInternalErrorDiagnostic()
    {
        var harness = new GeneratorHarness();
        harness.AddUnreadableWeightFile(ModelPath, new IOException("the disk is on fire"));

        GeneratorRun run = harness.Run(MachineModel);

        Diagnostic diagnostic = SingleError(run, "ELSTM008");
        Assert.Contains("System.IO.IOException: the disk is on fire", diagnostic.GetMessage());
        Assert.Contains($"'{ModelPath}'", diagnostic.GetMessage());
    }

    [Fact]
    public void AnExceptionInsideAnImporterIsReportedAsABugNotAsABadFile()
    {
        var harness = new GeneratorHarness();
        harness.AddWeightFile(ModelPath, CaseOnnx);

        GeneratorRun run;
        using (ImporterFaultInjection.Inject(_ => new IndexOutOfRangeException("Index was outside the bounds of the array.")))
        {
            run = harness.Run(MachineModel);
        }

        string message = SingleError(run, "ELSTM008").GetMessage();
        Assert.Contains($"'{ModelPath}'", message);
        Assert.Contains("System.IndexOutOfRangeException: Index was outside the bounds of the array.", message);
        Assert.Contains("This is a bug in EdgeLstm", message);
        // The class gets its placeholder, whose members throw naming the error.
        Assert.Contains("EdgeLstm could not generate this class (ELSTM008)", Assert.Single(run.Result.GeneratedSources).SourceText.ToString());
    }

    [Fact]
    public void ValidModelGeneratesCompilableSourceWithoutDiagnostics()
    {
        var harness = new GeneratorHarness();
        harness.AddWeightFile(ModelPath, CaseOnnx);

        GeneratorRun run = harness.Run(MachineModel);

        Assert.Empty(run.Diagnostics);
        Assert.Empty(run.CompilationErrors);
        GeneratedSourceResult generated = Assert.Single(run.Result.GeneratedSources);
        Assert.Equal("Sensors.MachineModel.g.cs", generated.HintName);
    }

    [Fact]
    public void ImportOptionsFromTheAttributeReachTheImporter()
    {
        var harness = new GeneratorHarness();
        harness.AddWeightFile("models/anomaly.pt", File.ReadAllBytes(RepositoryFiles.CaseFile("lstm_i1_h24_dense1_sigmoid", "model.pt")));
        harness.AddWeightFile(ModelPath, CaseOnnx);
        const string source = """
            using EdgeLstm;
            namespace Sensors;
            [RecurrentModel("models/anomaly.pt", HeadActivation = "sigmoid")]
            public sealed partial class AnomalyModel;
            [RecurrentModel("models/machine.onnx", HeadActivation = "sigmoid")]
            public sealed partial class MachineModel;
            """;

        GeneratorRun run = harness.Run(source);

        // The .pt state_dict needs the option and gets it; an ONNX file describes its head itself, so the
        // importer refuses the option, which shows that it arrived.
        Diagnostic diagnostic = SingleError(run, "ELSTM003");
        Assert.Contains($"'{ModelPath}'", diagnostic.GetMessage());
        GeneratedSourceResult[] sources = run.Result.GeneratedSources.OrderBy(g => g.HintName, StringComparer.Ordinal).ToArray();
        Assert.Equal(new[] { "Sensors.AnomalyModel.g.cs", "Sensors.MachineModel.g.cs" }, sources.Select(g => g.HintName));
        Assert.DoesNotContain("could not generate", sources[0].SourceText.ToString());
        Assert.Contains("could not generate", sources[1].SourceText.ToString());
    }

    /// <summary>
    /// Asserts that the run reported exactly one diagnostic, <paramref name="id"/>, as an error at the attribute, and that
    /// it is the build's only error: the class's placeholder keeps every use of it compiling.
    /// </summary>
    internal static Diagnostic SingleError(GeneratorRun run, string id)
    {
        Assert.Equal(id, Assert.Single(run.Diagnostics).Id);
        Assert.Empty(run.CompilationErrors);
        return ErrorAtAttribute(run, id);
    }

    /// <summary>Asserts that the run reported <paramref name="id"/> once, as an error at the attribute (the class's
    /// shape is checked apart from its model, so a shape error may come with a model error).</summary>
    internal static Diagnostic ErrorAtAttribute(GeneratorRun run, string id)
    {
        Diagnostic diagnostic = Assert.Single(run.Diagnostics, d => d.Id == id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        // The pipeline carries locations as values (file, span), so they come back as file locations, not tree ones.
        FileLinePositionSpan lineSpan = diagnostic.Location.GetLineSpan();
        SyntaxTree tree = Assert.Single(run.Input.SyntaxTrees, t => t.FilePath == lineSpan.Path);
        Assert.StartsWith("RecurrentModel(", tree.GetText().ToString(diagnostic.Location.SourceSpan));
        Assert.Equal(tree.GetLineSpan(diagnostic.Location.SourceSpan).Span, lineSpan.Span);
        return diagnostic;
    }
}
