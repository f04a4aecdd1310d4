using System.Text.Json.Serialization;

namespace EdgeLstm.Conformance.Golden;

/// <summary>
/// Compile-time JSON metadata for <see cref="GoldenCase"/>: Native AOT cannot reflect over the type at run time.
/// Unknown members of case.json (architecture, source) are skipped; a missing or null member is an error rather than
/// a null that would surface later as a confusing model failure.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(GoldenCase))]
internal sealed partial class GoldenCaseJsonContext : JsonSerializerContext;
