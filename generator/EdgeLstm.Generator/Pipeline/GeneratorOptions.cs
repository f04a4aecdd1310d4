using System.Globalization;
using Microsoft.CodeAnalysis.Diagnostics;

namespace EdgeLstm.Generator.Pipeline;

/// <summary>The MSBuild properties the generator reads (made visible by build/EdgeLstm.props).</summary>
/// <param name="ProjectDirectory">Model paths are relative to it; null when the EdgeLstm props were not imported.</param>
/// <param name="MaxParameters">Larger models are refused with ELSTM006.</param>
/// <param name="BuildTargetsImported">Whether build/EdgeLstm.targets ran, which encodes binary weight files.</param>
internal sealed record GeneratorOptions(string? ProjectDirectory, long MaxParameters, bool BuildTargetsImported)
{
    public const long DefaultMaxParameters = 4_000_000;

    public static GeneratorOptions Read(AnalyzerConfigOptionsProvider provider)
    {
        AnalyzerConfigOptions global = provider.GlobalOptions;
        string? projectDirectory = global.TryGetValue("build_property.MSBuildProjectDirectory", out string? dir) && !string.IsNullOrWhiteSpace(dir)
            ? dir
            : null;
        long maxParameters = global.TryGetValue("build_property.EdgeLstmMaxParameters", out string? max) &&
                             long.TryParse(max?.Replace("_", string.Empty).Replace(",", string.Empty), NumberStyles.Integer, CultureInfo.InvariantCulture, out long parsed) &&
                             parsed > 0
            ? parsed
            : DefaultMaxParameters;
        bool targetsImported = global.TryGetValue("build_property.EdgeLstmBuildTargetsImported", out string? imported) &&
                               string.Equals(imported, "true", System.StringComparison.OrdinalIgnoreCase);
        return new GeneratorOptions(projectDirectory, maxParameters, targetsImported);
    }
}
