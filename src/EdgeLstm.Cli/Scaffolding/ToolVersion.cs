using System.Reflection;

namespace EdgeLstm.Cli.Scaffolding;

/// <summary>The tool's own package version; scaffolded projects reference the EdgeLstm package of the same version.</summary>
internal static class ToolVersion
{
    public static string Current { get; } = Read();

    private static string Read()
    {
        string? version = typeof(ToolVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        if (string.IsNullOrEmpty(version)) return "0.1.0";
        int plus = version!.IndexOf('+');
        return plus >= 0 ? version.Substring(0, plus) : version;
    }
}
