using System;
using System.IO;
using System.Text;
using EdgeLstm.Import.Json;
using EdgeLstm.Model;
using Xunit;

namespace EdgeLstm.Tests.Json;

/// <summary>Broken input of every kind must end in <see cref="ModelFormatException"/> naming the file, and nothing else.</summary>
public sealed class MalformedJsonTests
{
    private const string File = "broken.json";

    private static readonly string SmallModel = EdgeLstmJsonFormat.Write(TestModels.GruRnnEverything(TestModels.Weights));

    private static readonly string RtNeuralModel =
        System.IO.File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "RtNeural", "onnx_gru_lbr0_i3_h16.rtneural.json"));

    public static TheoryData<string> Importers => new() { "edgelstm", "rtneural" };

    [Theory]
    [MemberData(nameof(Importers))]
    public void EveryTruncationIsAFormatError(string importer)
    {
        // Trailing whitespace is not part of the document: cutting it off leaves a valid file.
        string text = (importer == "edgelstm" ? SmallModel : RtNeuralModel).TrimEnd();
        // Every length near both ends, and a stride through the middle (the files are tens of kilobytes).
        int stride = Math.Max(1, text.Length / 3000);
        for (int length = 0; length < text.Length; length += length < 500 || length > text.Length - 500 ? 1 : stride)
        {
            AssertFormatError(importer, text.Substring(0, length));
        }
    }

    [Theory]
    [MemberData(nameof(Importers))]
    public void RandomCorruptionIsAFormatErrorOrAModel(string importer)
    {
        string text = importer == "edgelstm" ? SmallModel : RtNeuralModel;
        const string alphabet = "{}[]\":,-+.eE0123456789 tfnulNaI\\x";
        var random = new Random(7);
        for (int i = 0; i < 3000; i++)
        {
            var corrupted = new StringBuilder(text);
            for (int edits = random.Next(1, 4); edits > 0; edits--)
            {
                int at = random.Next(corrupted.Length);
                switch (random.Next(3))
                {
                    case 0: corrupted[at] = alphabet[random.Next(alphabet.Length)]; break;
                    case 1: corrupted.Remove(at, 1); break;
                    default: corrupted.Insert(at, alphabet[random.Next(alphabet.Length)]); break;
                }
            }
            try
            {
                Import(importer, corrupted.ToString());
            }
            catch (ModelFormatException e)
            {
                Assert.Equal(File, e.File);
            }
        }
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    public void NonFiniteTokensAreRefusedByName(string token)
    {
        string text = SmallModel.Replace("\"bias\": [", "\"bias\": [" + token + ", ");
        var error = Assert.Throws<ModelFormatException>(() => EdgeLstmJsonFormat.Import(text, File));
        Assert.Contains("NaN or Infinity", error.Message);
        Assert.Contains("JSON offset " + text.IndexOf(token, StringComparison.Ordinal), error.Location);
    }

    [Theory]
    [InlineData(100)]
    [InlineData(1_000_000)]
    public void DeepNestingIsRefusedWithoutOverflowingTheStack(int depth)
    {
        string arrays = new string('[', depth) + new string(']', depth);
        var error = Assert.Throws<ModelFormatException>(() => EdgeLstmJsonFormat.Import(arrays, File));
        Assert.Contains("nested deeper", error.Problem);

        var objects = new StringBuilder();
        for (int i = 0; i < depth; i++) objects.Append("{\"a\":");
        Assert.Throws<ModelFormatException>(() => RtNeuralJsonImporter.Import(objects.ToString(), File));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("{} {}")]
    [InlineData("{\"a\": 01}")]
    [InlineData("{\"a\": 1.}")]
    [InlineData("{\"a\": .5}")]
    [InlineData("{\"a\": 1e}")]
    [InlineData("{\"a\": \"\\q\"}")]
    [InlineData("{\"a\": \"\\u12\"}")]
    [InlineData("{\"a\": \"line\nbreak\"}")]
    [InlineData("{\"a\": tru}")]
    [InlineData("{\"a\" 1}")]
    [InlineData("{\"a\": 1,}")]
    [InlineData("{\"a\": [1,]}")]
    [InlineData("{'a': 1}")]
    [InlineData("{\"a\": 1} // comment")]
    public void InvalidJsonIsAFormatErrorInBothImporters(string text)
    {
        AssertFormatError("edgelstm", text);
        AssertFormatError("rtneural", text);
    }

    private static void AssertFormatError(string importer, string text)
    {
        try
        {
            Import(importer, text);
        }
        catch (ModelFormatException e)
        {
            Assert.Equal(File, e.File);
            return;
        }
        Assert.Fail($"{importer} accepted: {text}");
    }

    private static NetworkModel Import(string importer, string text)
        => importer == "edgelstm" ? EdgeLstmJsonFormat.Import(text, File) : RtNeuralJsonImporter.Import(text, File);
}
