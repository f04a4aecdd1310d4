using System;

namespace EdgeLstm.Iot.Sources;

/// <summary>Argument checks shared by the sources.</summary>
internal static class SourceGuard
{
    public static void RequireLength(Span<float> values, int channelCount)
    {
        if (values.Length != channelCount)
        {
            throw new ArgumentException($"The sample span has {values.Length} elements; this source has {channelCount} channels.", nameof(values));
        }
    }
}
