using System.Text;

namespace EdgeLstm.Cli.Scaffolding;

/// <summary>Names for a scaffolded project: it, its namespace and its model class are C# identifiers.</summary>
internal static class ProjectNames
{
    /// <summary>True for a plain C# identifier (ASCII letters, digits, underscores; not starting with a digit).</summary>
    public static bool IsIdentifier(string name)
    {
        if (name.Length == 0 || char.IsDigit(name[0])) return false;
        foreach (char c in name)
        {
            if (!(c == '_' || (c < 128 && char.IsLetterOrDigit(c)))) return false;
        }
        return true;
    }

    /// <summary>A PascalCase identifier from a folder name: "machine-monitor" becomes "MachineMonitor".</summary>
    public static string FromFolder(string folder)
    {
        var name = new StringBuilder();
        bool upper = true;
        foreach (char c in folder)
        {
            if (c < 128 && char.IsLetterOrDigit(c))
            {
                name.Append(upper ? char.ToUpperInvariant(c) : c);
                upper = false;
            }
            else
            {
                upper = true;
            }
        }
        if (name.Length == 0) return "EdgeModel";
        if (char.IsDigit(name[0])) name.Insert(0, "Model");
        return name.ToString();
    }

    /// <summary>
    /// Why <paramref name="name"/> cannot name a project, or null. A project named like a package it references makes
    /// NuGet refuse the restore (NU1108, a dependency cycle), and NuGet compares package IDs ignoring case.
    /// </summary>
    public static string? Collision(string name)
        => string.Equals(name, "EdgeLstm", System.StringComparison.OrdinalIgnoreCase)
            ? $"the project name '{name}' is the name of the EdgeLstm package it references, which NuGet refuses (NU1108); " +
              "choose another with --name, e.g. --name EdgeLstmApp"
            : null;

    /// <summary>The generated model class: the project name plus "Model", so that it never collides with the namespace.</summary>
    public static string ModelClass(string projectName) => projectName + "Model";
}
