using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace EdgeLstm.Conformance.ExportCorpus;

/// <summary>
/// One model of the export corpus (tests/exports/&lt;model&gt;/golden.json, written by make_exports.py): the .onnx
/// files torch.onnx.export wrote for it, one per form and opset, and PyTorch's outputs for each golden sequence.
/// </summary>
/// <param name="Name">The model folder's name.</param>
/// <param name="Streaming">False for a bidirectional model, which runs whole windows only.</param>
/// <param name="InputSize">Features per input row.</param>
/// <param name="OutputSize">Features per output row.</param>
/// <param name="Files">Variant (form_opsetN) to file name in the model folder.</param>
/// <param name="Sequences">The sequences PyTorch ran: the export's own length and another.</param>
public sealed record CorpusGolden(
    string Name,
    bool Streaming,
    int InputSize,
    int OutputSize,
    Dictionary<string, string> Files,
    CorpusSequence[] Sequences);

/// <summary>One input sequence and PyTorch's output for it, row-major [Steps, size].</summary>
public sealed record CorpusSequence(int Steps, float[] Input, float[] Output);

/// <summary>Compile-time JSON metadata for <see cref="CorpusGolden"/> (Native AOT cannot reflect).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(CorpusGolden))]
internal sealed partial class CorpusGoldenJsonContext : JsonSerializerContext;
