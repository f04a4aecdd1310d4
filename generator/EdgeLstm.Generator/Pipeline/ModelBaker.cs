using System;
using System.Globalization;
using System.Linq;
using System.Threading;
using EdgeLstm.Generator.Diagnostics;
using EdgeLstm.Generator.Emit;
using EdgeLstm.Import;
using EdgeLstm.Model;

namespace EdgeLstm.Generator.Pipeline;

/// <summary>Imports a weight file, checks its size against the limit and computes its self-test. Never throws.</summary>
internal static class ModelBaker
{
    public static BakedModel Bake(ModelFileContent content, CancellationToken cancellationToken)
    {
        ModelRequest request = content.Request;
        string path = request.Path;
        if (content.Problem is not null)
        {
            return Failed(content.Problem);
        }
        try
        {
            NetworkModel network = ModelImporter.Load(content.Bytes.AsArray(), path, request.ImportOptions);
            cancellationToken.ThrowIfCancellationRequested();

            long parameters = network.ParameterCount;
            if (parameters > content.MaxParameters)
            {
                return Failed(ModelProblem.Create(DiagnosticDescriptors.ModelTooLarge,
                    path, Format(parameters), Format(content.MaxParameters), SuggestedLimit(parameters)));
            }

            SelfTestData selfTest = SelfTestBuilder.Build(network);
            return new BakedModel(request, network, selfTest, null) { Warnings = Assumptions(content, network) };
        }
        catch (UnrecognizedModelFormatException e)
        {
            return Failed(ModelProblem.Create(DiagnosticDescriptors.UnrecognizedModelFormat, path, Describe(e)));
        }
        catch (ModelFormatException e)
        {
            return Failed(ModelProblem.Create(DiagnosticDescriptors.InvalidModelFile, path, Describe(e)));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The importers turn malformed input into ModelFormatException; anything else is a bug in EdgeLstm, and
            // the compiler must still get a diagnostic rather than an exception (which it reports as CS8785 and
            // which stops every generator's output).
            return Failed(ModelProblem.Create(DiagnosticDescriptors.InternalError,
                $"importing model file '{path}'", e.GetType().FullName!, e.Message));
        }

        BakedModel Failed(ModelProblem problem) => new(request, null, null, problem);
    }

    /// <summary>ELSTM009 for each architecture fact the file did not state and the importer assumed.</summary>
    private static ModelProblem[] Assumptions(ModelFileContent content, NetworkModel network)
    {
        string path = content.Request.Path;
        ModelFileFormat format = ModelImporter.DetectFormat(content.Bytes.AsArray(), path);
        return ImportAssumption.Find(format, network)
            .Select(a => ModelProblem.Create(DiagnosticDescriptors.ArchitectureAssumed, path, a.Subject, a.Assumed, a.AttributeProperty, a.Choices))
            .ToArray();
    }

    /// <summary>Where and what, without repeating the file name the diagnostic already shows.</summary>
    private static string Describe(ModelFormatException e)
        => string.IsNullOrEmpty(e.Location) ? e.Problem : $"{e.Location}: {e.Problem}";

    private static string Format(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>The parameter count rounded up to a round number, as a value to paste into the project file.</summary>
    private static string SuggestedLimit(long parameters)
    {
        const long Step = 1_000_000;
        long rounded = (parameters + Step - 1) / Step * Step;
        return rounded.ToString(CultureInfo.InvariantCulture);
    }
}
