extern alias runtime;

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using EdgeLstm.Generator.Emit;
using EdgeLstm.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using IRecurrentModel = runtime::EdgeLstm.IRecurrentModel;

namespace EdgeLstm.Generator.Tests.Emit;

/// <summary>
/// Compiles emitted source in memory as a user project would (references: the framework and EdgeLstm.dll only,
/// no unsafe code), loads it into a collectible context and hands out instances through the runtime interfaces.
/// </summary>
internal sealed class EmittedAssembly
{
    private readonly Assembly _assembly;

    private EmittedAssembly(Assembly assembly, IReadOnlyList<Diagnostic> diagnostics)
    {
        _assembly = assembly;
        Diagnostics = diagnostics;
    }

    /// <summary>Warnings and errors the compiler reported (none are expected).</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>
    /// Compiles the sources; <paramref name="forceScalar"/> rewrites the dispatchers so that the scalar path runs on
    /// this machine (as with DOTNET_EnableHWIntrinsic=0).
    /// </summary>
    public static EmittedAssembly Compile(IEnumerable<string> sources, bool forceScalar = false)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        IEnumerable<SyntaxTree> trees = sources.Select((source, i) => CSharpSyntaxTree.ParseText(
            forceScalar ? ForceScalar(source) : source, parse, path: $"Model{i}.g.cs"));
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary,
            optimizationLevel: OptimizationLevel.Release, allowUnsafe: false, nullableContextOptions: NullableContextOptions.Enable,
            warningLevel: 9999);
        var compilation = CSharpCompilation.Create("Emitted" + Guid.NewGuid().ToString("N"), trees, References.Value, options);
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        var diagnostics = result.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .Where(d => !(forceScalar && d.Id == "CS0162")) // the rewritten dispatchers are unreachable on purpose
            .ToList();
        if (!result.Success)
        {
            throw new InvalidOperationException("Emitted source does not compile:\n" + string.Join("\n", diagnostics.Take(20)));
        }
        stream.Position = 0;
        var context = new AssemblyLoadContext("emitted", isCollectible: true);
        return new EmittedAssembly(context.LoadFromStream(stream), diagnostics);
    }

    public IRecurrentModel Create(string className) => (IRecurrentModel)Activator.CreateInstance(Type(className))!;

    public float SelfTest(string className) => (float)Type(className).GetMethod("SelfTest")!.Invoke(null, null)!;

    public Type Type(string className) => _assembly.GetType(className) ?? throw new InvalidOperationException($"{className} not found.");

    private static string ForceScalar(string source) => source
        .Replace("if (global::System.Runtime.Intrinsics.Arm.AdvSimd.Arm64.IsSupported)", "if (false)")
        .Replace("else if (global::System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated)", "else if (false)")
        .Replace("else if (global::System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated)", "else if (false)")
        .Replace("else if (global::System.Runtime.Intrinsics.Vector128.IsHardwareAccelerated)", "else if (false)");

    private static readonly Lazy<MetadataReference[]> References = new(() =>
    {
        string[] platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        // Only the framework (what a user project references) plus EdgeLstm.dll.
        string frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        return platform.Where(p => Path.GetDirectoryName(p) == frameworkDirectory)
            .Append(typeof(IRecurrentModel).Assembly.Location)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToArray();
    });
}

/// <summary>Specs for emitted test models: a class name, the network, and a self-test computed by the oracle.</summary>
internal static class TestSpecs
{
    public static ModelClassSpec For(string className, NetworkModel network, int selfTestSteps = 12, string? ns = "EdgeLstm.Emitted")
    {
        var random = new RandomModels(className.Sum(ch => ch)); // string.GetHashCode is randomised per process
        float[] inputs = random.Inputs(selfTestSteps, network.InputSize);
        float[] expected = Oracle.Run(network, inputs, selfTestSteps).Select(v => (float)v).ToArray();
        return new ModelClassSpec(ns, EquatableArray<string>.Empty, EquatableArray<string>.Empty, className, "models/test.json", network,
            new SelfTestData(selfTestSteps, inputs, expected));
    }

    public static string FullName(ModelClassSpec spec) => spec.Namespace is null ? spec.ClassName : spec.Namespace + "." + spec.ClassName;
}
