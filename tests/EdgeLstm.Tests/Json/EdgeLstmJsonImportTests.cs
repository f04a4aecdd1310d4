using EdgeLstm.Import.Json;
using EdgeLstm.Model;
using Xunit;

namespace EdgeLstm.Tests.Json;

/// <summary>Hand-written documents: what they mean, and the errors for what is wrong with them.</summary>
public sealed class EdgeLstmJsonImportTests
{
    private const string File = "hand.json";

    // An LSTM (input 1, hidden 1) and a dense head, written the way a person would: a flat matrix, rows, names.
    private const string Valid = """
        {
          "format": "edgelstm",
          "version": 1,
          "normalization": {"mean": [0.5], "std": [2]},
          "layers": [
            {
              "type": "recurrent",
              "cell": "lstm",
              "input_size": 1,
              "hidden_size": 1,
              "direction": "forward",
              "directions": [
                {
                  "input_weights": [1, 2, 3, 4],
                  "recurrent_weights": [[5], [6], [7], [8]],
                  "input_bias": [0.1, 0.2, 0.3, 0.4],
                  "recurrent_bias": [0, 0, 0, 0],
                  "activations": ["sigmoid", {"kind": "scaled_tanh", "alpha": 1.5, "beta": 0.5}, "tanh"]
                }
              ]
            },
            {"type": "dense", "input_size": 1, "output_size": 2, "weights": [[1], [-1]], "bias": [0, 1e-3], "activation": "identity"}
          ]
        }
        """;

    [Fact]
    public void HandWrittenDocumentMeansWhatItSays()
    {
        NetworkModel model = EdgeLstmJsonFormat.Import(Valid, File);

        var lstm = Assert.IsType<RecurrentLayer>(model.Layers[0]);
        Assert.Equal((CellKind.Lstm, 1, 1, Direction.Forward, (float?)null, false), (lstm.Cell, lstm.Input, lstm.Hidden, lstm.Direction, lstm.Clip, lstm.InputForget));
        DirectionWeights weights = lstm.Directions[0];
        Assert.Equal(new[] { 1f, 2f, 3f, 4f }, weights.InputWeights.AsArray());
        Assert.Equal(new[] { 5f, 6f, 7f, 8f }, weights.RecurrentWeights.AsArray());
        Assert.Equal(new[] { 0.1f, 0.2f, 0.3f, 0.4f }, weights.InputBias.AsArray());
        Assert.True(weights.Peepholes.IsEmpty);
        Assert.Equal(new ActivationFunction(ActivationKind.ScaledTanh, 1.5f, 0.5f), weights.Activations[1]);
        var dense = Assert.IsType<DenseLayer>(model.Layers[1]);
        Assert.Equal(new[] { 1f, -1f }, dense.Weights.AsArray());
        Assert.Equal(0.001f, dense.Bias[1]);
        Assert.Equal(ActivationFunction.Identity, dense.Activation);
        Assert.Equal(new[] { 2f }, model.Normalization!.Std.AsArray());
    }

    [Fact]
    public void TheExampleInTheFormatDocumentIsValid()
    {
        string markdown = System.IO.File.ReadAllText(System.IO.Path.Combine(System.AppContext.BaseDirectory, "TestData", "json-format.md"));
        int start = markdown.IndexOf("```json\n{\n  \"format\"", System.StringComparison.Ordinal) + "```json\n".Length;
        string example = markdown.Substring(start, markdown.IndexOf("```", start, System.StringComparison.Ordinal) - start);

        NetworkModel model = EdgeLstmJsonFormat.Import(example, "json-format.md");

        Assert.Equal(new ModelMetadata("vibration", null, null, "by hand", new[] { new MetadataEntry("site", "pump 3") }), model.Metadata);
        // Apart from its metadata, the documented example is the hand-written document tested above.
        Assert.Equal(EdgeLstmJsonFormat.Import(Valid, File).Layers, model.Layers);
    }

    [Fact]
    public void WithoutMetadataTheImporterRecordsWhereTheModelCameFrom()
    {
        ModelMetadata metadata = EdgeLstmJsonFormat.Import(Valid, File).Metadata;
        Assert.Equal(File, metadata.SourceFile);
        Assert.Equal("edgelstm-json", metadata.Format);
    }

    [Fact]
    public void PropertiesMayBeAnObjectOrAListOfPairs()
    {
        string asObject = Valid.Replace("\"version\": 1,", "\"version\": 1, \"metadata\": {\"name\": \"n\", \"properties\": {\"a\": \"1\", \"b\": \"2\"}},");
        string asList = Valid.Replace("\"version\": 1,", "\"version\": 1, \"metadata\": {\"name\": \"n\", \"properties\": [{\"key\": \"a\", \"value\": \"1\"}, {\"key\": \"b\", \"value\": \"2\"}]},");

        ModelMetadata fromObject = EdgeLstmJsonFormat.Import(asObject, File).Metadata;
        Assert.Equal(new ModelMetadata("n", null, null, null, new[] { new MetadataEntry("a", "1"), new MetadataEntry("b", "2") }), fromObject);
        Assert.Equal(fromObject, EdgeLstmJsonFormat.Import(asList, File).Metadata);
    }

    [Theory]
    [InlineData("\"format\": \"edgelstm\",", "", "", "missing member \"format\"")]
    [InlineData("\"edgelstm\"", "\"rtneural\"", "format", "expected \"edgelstm\"")]
    [InlineData("\"version\": 1", "\"version\": 2", "version", "unsupported version 2")]
    [InlineData("\"version\": 1", "\"version\": \"1\"", "version", "expected an integer")]
    [InlineData("\"cell\": \"lstm\"", "\"cell\": \"lstmm\"", "layers[0].cell", "unknown cell \"lstmm\"; expected one of: lstm, gru, rnn")]
    [InlineData("\"direction\": \"forward\"", "\"direction\": \"backward\"", "layers[0].direction", "unknown direction")]
    [InlineData("\"hidden_size\": 1", "\"hidden_size\": 1.0", "layers[0].hidden_size", "expected an integer")]
    [InlineData("\"hidden_size\": 1", "\"hidden_size\": 0", "layers[0].hidden_size", "outside 1..65536")]
    [InlineData("\"hidden_size\": 1,", "\"hidden_size\": 1, \"colour\": \"red\",", "layers[0].colour", "unexpected member \"colour\"")]
    [InlineData("\"recurrent_bias\": [0, 0, 0, 0]", "\"recurrent_bias\": [0, 0, 0]", "layers[0].directions[0].recurrent_bias", "has 3 value(s); expected 4")]
    [InlineData("\"recurrent_bias\": [0, 0, 0, 0]", "\"recurrent_bias\": [0, 0, \"0\", 0]", "layers[0].directions[0].recurrent_bias[2]", "expected a number, found the string \"0\"")]
    [InlineData("\"recurrent_bias\": [0, 0, 0, 0]", "\"recurrent_bias\": [0, 0, 1e39, 0]", "layers[0].directions[0].recurrent_bias[2]", "outside the float32 range")]
    [InlineData("\"input_bias\": [0.1, 0.2, 0.3, 0.4],", "", "layers[0].directions[0]", "missing member \"input_bias\"")]
    [InlineData("[[5], [6], [7], [8]]", "[[5], [6, 0], [7], [8]]", "layers[0].directions[0].recurrent_weights[1]", "row 1 of recurrent_weights")]
    [InlineData("[[5], [6], [7], [8]]", "[[5], [6], [7]]", "layers[0].directions[0].recurrent_weights", "3 row(s); expected 4")]
    [InlineData("\"input_weights\": [1, 2, 3, 4]", "\"input_weights\": [1, 2, 3]", "layers[0].directions[0].input_weights", "expected 4 × 1 = 4")]
    [InlineData("\"tanh\"]", "\"hard_sigmoid\"]", "layers[0].directions[0].activations[2]", "hard_sigmoid takes parameters")]
    [InlineData("\"tanh\"]", "\"gelu\"]", "layers[0].directions[0].activations[2]", "unknown activation \"gelu\"")]
    [InlineData("\"tanh\"]", "\"tanh\", \"tanh\"]", "layers[0].directions[0].activations", "an array of 3 item(s), found 4")]
    [InlineData("\"beta\": 0.5}", "\"beta\": 0.5, \"gamma\": 1}", "layers[0].directions[0].activations[1].gamma", "unexpected member")]
    [InlineData(", \"beta\": 0.5}", "}", "layers[0].directions[0].activations[1]", "missing member \"beta\"")]
    [InlineData("\"activation\": \"identity\"", "\"activation\": \"softmax\", \"activation\": \"identity\"", "", "duplicate member \"activation\"")]
    [InlineData("\"type\": \"dense\", \"input_size\": 1", "\"type\": \"dense\", \"input_size\": 2", "layers[1].input_size", "does not match the previous layer's output size 1")]
    [InlineData("\"type\": \"dense\"", "\"type\": \"conv\"", "layers[1].type", "unknown layer type \"conv\"")]
    [InlineData("\"std\": [2]", "\"std\": [0]", "input normalisation", "must be positive")]
    [InlineData("\"std\": [2]", "\"std\": [2, 3]", "normalization.std", "expected 1")]
    [InlineData("\"recurrent_bias\": [0, 0, 0, 0],", "\"recurrent_bias\": [0, 0, 0, 0], \"peepholes\": [1, 2],", "layers[0].directions[0].peepholes", "expected 3")]
    [InlineData("\"direction\": \"forward\"", "\"direction\": \"bidirectional\"", "layers[0].directions", "an array of 2 item(s), found 1")]
    public void ErrorsNameTheFileAndTheJsonPath(string find, string replace, string path, string problem)
    {
        Assert.Contains(find, Valid);
        string text = Valid.Replace(find, replace);

        var error = Assert.Throws<ModelFormatException>(() => EdgeLstmJsonFormat.Import(text, File));

        Assert.Equal(File, error.File);
        Assert.StartsWith(File + ": ", error.Message);
        Assert.Contains(path, error.Location);
        Assert.Contains(problem, error.Problem);
    }

    [Fact]
    public void ErrorLocationsCarryTheJsonOffsetToo()
    {
        string text = Valid.Replace("\"cell\": \"lstm\"", "\"cell\": \"lstmm\"");
        var error = Assert.Throws<ModelFormatException>(() => EdgeLstmJsonFormat.Import(text, File));
        int offset = text.IndexOf("\"lstmm\"", System.StringComparison.Ordinal);
        Assert.Equal($"layers[0].cell (JSON offset {offset})", error.Location);
    }
}
