using System;
using System.IO;
using System.Text;
using EdgeLstm.Import;
using EdgeLstm.Testing;
using Xunit;

namespace EdgeLstm.Tests.Importers;

/// <summary>
/// Only a file that does not decode is the user's fault (<see cref="ModelFormatException"/>); an exception that a bug in
/// an importer throws goes on as it is, so that the generator (ELSTM008) and the CLI (exit 3) report it as a bug.
/// </summary>
public sealed class ImporterFailurePolicyTests
{
    private static byte[] CaseFile(string file) => File.ReadAllBytes(Path.Combine(GoldenCase.DefaultRoot, "lstm_i3_h16_dense3", file));

    public static TheoryData<Exception> Bugs() => new()
    {
        new IndexOutOfRangeException("Index was outside the bounds of the array."),
        new NullReferenceException("Object reference not set to an instance of an object."),
        new InvalidCastException("Unable to cast."),
        new InvalidOperationException("Sequence contains no elements."),
        new ArgumentOutOfRangeException("index"),
        new OverflowException("Arithmetic operation resulted in an overflow."),
        new FormatException("Input string was not in a correct format."),
        new OutOfMemoryException("Array dimensions exceeded supported range."),
    };

    [Theory]
    [MemberData(nameof(Bugs))]
    public void AnExceptionFromInsideAnImporterIsNotReportedAsABadFile(Exception bug)
    {
        using IDisposable _ = ImporterFaultInjection.Inject(_ => bug);

        Exception thrown = Record.Exception(() => ModelImporter.Load(CaseFile("model.onnx"), "model.onnx"));

        Assert.Same(bug, thrown);
    }

    [Theory]
    [InlineData(typeof(InvalidDataException))]
    [InlineData(typeof(DecoderFallbackException))]
    public void ADecodingFailureIsABadFileNamingTheFile(Type decoding)
    {
        using IDisposable _ = ImporterFaultInjection.Inject(_ => (Exception)Activator.CreateInstance(decoding, "bad bytes")!);

        var e = Assert.Throws<ModelFormatException>(() => ModelImporter.Load(CaseFile("model.pt"), "model.pt"));

        Assert.StartsWith("model.pt: ", e.Message);
        Assert.Contains("bad bytes", e.Message);
        Assert.IsType(decoding, e.InnerException);
    }

    [Fact]
    public void TheSeamIsOffOutsideItsScope()
    {
        using (ImporterFaultInjection.Inject(_ => new NullReferenceException()))
        {
            Assert.Throws<NullReferenceException>(() => ModelImporter.Load(CaseFile("model.onnx"), "model.onnx"));
        }

        Assert.Equal(3, ModelImporter.Load(CaseFile("model.onnx"), "model.onnx").OutputSize);
    }
}
