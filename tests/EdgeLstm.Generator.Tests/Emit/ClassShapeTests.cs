extern alias runtime;

using System.Linq;
using EdgeLstm.Generator.Emit;
using EdgeLstm.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;
using IRecurrentModel = runtime::EdgeLstm.IRecurrentModel;
using IStreamingModel = runtime::EdgeLstm.IStreamingModel;

namespace EdgeLstm.Generator.Tests.Emit;

/// <summary>Where the generated class can live, and what it says about itself.</summary>
public sealed class ClassShapeTests
{
    [Fact]
    public void WorksInTheGlobalNamespaceAndNestedInsideTypes()
    {
        NetworkModel network = RandomModelCatalogue.All["RnnTanhI2H6Dense2"];
        ModelClassSpec global = TestSpecs.For("GlobalModel", network, ns: null);
        ModelClassSpec nested = TestSpecs.For("NestedModel", network, ns: "Outer.Space") with
        {
            ContainingTypes = new[] { "partial class Host", "partial struct Inner" },
            ContainingTypeNames = new[] { "Host", "Inner" },
        };
        string hostDeclarations = "namespace Outer.Space { partial class Host { partial struct Inner { } } }";
        EmittedAssembly assembly = EmittedAssembly.Compile(new[] { ModelEmitter.Emit(global), ModelEmitter.Emit(nested), hostDeclarations });
        Assert.Empty(assembly.Diagnostics);

        var a = (IStreamingModel)assembly.Create("GlobalModel");
        IRecurrentModel b = assembly.Create("Outer.Space.Host+Inner+NestedModel");
        float[] inputs = new RandomModels(3).Inputs(5, 2);
        float[] first = new float[10], second = new float[10];
        a.Run(inputs, first);
        b.Run(inputs, second);
        Assert.Equal(first, second);
        Assert.Contains(first, v => v != 0f);
    }

    // The field and its inline-array type.
    private static readonly string[] RunScratch = { "_edgeLstmRunScratch", "EdgeLstmRunScratch" };

    [Fact]
    public void TheUsersClassGetsItsPublicSurfaceAndStateOnly()
    {
        // What issue 11 asks of the class the user declared; everything else belongs to the file-local kernels class.
        string[] surface =
        {
            "InputSize", "OutputSize", "IsStreaming", "EdgeLstm.IRecurrentModel.InputSize", "EdgeLstm.IRecurrentModel.OutputSize",
            "EdgeLstm.IRecurrentModel.IsStreaming", "Step", "Run", "Reset", "SelfTest", "_edgeLstmState", "_edgeLstmStateStart", "EdgeLstmState",
        };
        foreach ((string name, string source) in CompiledCatalogue.Sources)
        {
            SyntaxNode root = CSharpSyntaxTree.ParseText(source).GetRoot();
            ClassDeclarationSyntax userClass = root.DescendantNodes().OfType<ClassDeclarationSyntax>().Single(c => c.Identifier.Text == name);
            // A streaming model whose Run projects a chunk of inputs at once keeps that chunk's scratch rows in the
            // instance (state, not a helper: Run stays allocation-free); the models whose Run is a loop over Step have none.
            string[] members = userClass.Members.Select(MemberName).Where(m => !RunScratch.Contains(m)).ToArray();
            Assert.Equal(surface.Where(m => m != "Step" || CompiledCatalogue.Specs[name].Network.IsStreaming).OrderBy(m => m), members.OrderBy(m => m));

            ClassDeclarationSyntax kernels = root.DescendantNodes().OfType<ClassDeclarationSyntax>().Single(c => c.Identifier.Text == name + "Kernels");
            Assert.Equal(new[] { "file", "static" }, kernels.Modifiers.Select(m => m.Text));
            Assert.Null(kernels.Parent as ClassDeclarationSyntax); // beside the user's class, not in it
        }
    }

    [Fact]
    public void MembersAndTypesNamedLikeTheGeneratedHelpersChangeNothing()
    {
        // A user's class with members called like the helpers the generated code used to put into it, and types in its
        // namespace called like the ones the generated code uses: neither may clash with nor hijack the generated code.
        ModelClassSpec spec = TestSpecs.For("Hijacked", RandomModelCatalogue.All["StackedNormalizedSoftmax"]);
        const string user = """
            namespace EdgeLstm.Emitted
            {
                public sealed partial class Hijacked
                {
                    public static void Softmax(ref float y, int count) => throw new System.NotSupportedException("the user's Softmax");
                    private static int CheckRows(int inputs, int outputs) => throw new System.NotSupportedException("the user's CheckRows");
                    private static void ThrowLength(string parameter, string expected, int actual) => throw new System.NotSupportedException();
                    public int VectorMath { get; } = 42;
                    private static void StepCore(ref float input, ref float output) => throw new System.NotSupportedException();
                }

                internal static class VectorMath { public static float Sigmoid(float x) => float.NaN; public static float Tanh(float x) => float.NaN; }
                internal static class Unsafe { }
                internal static class MemoryMarshal { }
                internal static class Vector128 { }
                internal sealed class ArgumentException { }
                internal static class MathF { }
            }
            """;

        EmittedAssembly assembly = EmittedAssembly.Compile(new[] { ModelEmitter.Emit(spec), user });

        Assert.Empty(assembly.Diagnostics);
        IRecurrentModel model = assembly.Create("EdgeLstm.Emitted.Hijacked");
        float[] inputs = new RandomModels(5).Inputs(9, spec.Network.InputSize);
        double[] expected = Oracle.Run(spec.Network, inputs, 9);
        float[] outputs = new float[expected.Length];
        model.Run(inputs, outputs);
        Assert.All(expected.Zip(outputs), pair => Assert.InRange(pair.Second, pair.First - 1e-5, pair.First + 1e-5));
        Assert.True(assembly.SelfTest("EdgeLstm.Emitted.Hijacked") < 1e-5f);
    }

    private static string MemberName(MemberDeclarationSyntax member) => member switch
    {
        FieldDeclarationSyntax field => field.Declaration.Variables.Single().Identifier.Text,
        PropertyDeclarationSyntax property => property.ExplicitInterfaceSpecifier is { } explicitInterface
            ? explicitInterface.Name.ToString().Replace("global::", "") + "." + property.Identifier.Text
            : property.Identifier.Text,
        MethodDeclarationSyntax method => method.Identifier.Text,
        StructDeclarationSyntax type => type.Identifier.Text,
        _ => member.Kind().ToString(),
    };
}
