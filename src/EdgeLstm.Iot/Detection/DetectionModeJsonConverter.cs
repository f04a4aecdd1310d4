using System;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdgeLstm.Iot.Detection;

/// <summary>
/// <see cref="DetectionMode"/> in calibration files: written as its name (<c>"NextStepPrediction"</c>), read from its
/// name in any case or its number, as <see cref="JsonStringEnumConverter"/> does; anything that names no mode is
/// refused (that converter let any number through).
/// </summary>
/// <remarks>
/// Not <see cref="JsonStringEnumConverter"/> (<c>UseStringEnumConverter</c>), nor the source generator's default for
/// an enum: both are System.Text.Json's enum converter, whose reader tells numeric strings apart with a regular
/// expression, and that one <see cref="System.Text.RegularExpressions.Regex"/> makes a Native AOT build carry the regex
/// parser and its engines, a third of a megabyte of a linux-arm64 device executable that has no other use for them.
/// Set on <see cref="DetectionMode"/> itself, so the generated metadata for the type uses it too. Three names are a
/// switch.
/// </remarks>
internal sealed class DetectionModeJsonConverter : JsonConverter<DetectionMode>
{
    private static ReadOnlySpan<DetectionMode> Modes => [DetectionMode.NextStepPrediction, DetectionMode.DirectScore, DetectionMode.LearnedReadout];

    public override DetectionMode Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        foreach (DetectionMode mode in Modes)
        {
            bool matches = reader.TokenType switch
            {
                JsonTokenType.String => string.Equals(reader.GetString(), Name(mode), StringComparison.OrdinalIgnoreCase),
                JsonTokenType.Number => reader.TryGetInt32(out int number) && number == (int)mode,
                _ => false,
            };
            if (matches)
            {
                return mode;
            }
        }

        throw new JsonException("mode must be one of NextStepPrediction, DirectScore, LearnedReadout.");
    }

    public override void Write(Utf8JsonWriter writer, DetectionMode value, JsonSerializerOptions options)
        => writer.WriteStringValue(Name(value));

    private static string Name(DetectionMode mode) => mode switch
    {
        DetectionMode.NextStepPrediction => nameof(DetectionMode.NextStepPrediction),
        DetectionMode.DirectScore => nameof(DetectionMode.DirectScore),
        DetectionMode.LearnedReadout => nameof(DetectionMode.LearnedReadout),
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Not a detection mode."),
    };
}
