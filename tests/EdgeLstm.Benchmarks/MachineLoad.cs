using System.IO;

namespace EdgeLstm.Benchmarks;

/// <summary>
/// The machine's load average, recorded beside the results: on a shared machine other work steals cycles from the
/// benchmarks, and a reader needs to know how busy it was to judge the numbers.
/// </summary>
public static class MachineLoad
{
    public static string Describe()
    {
        const string path = "/proc/loadavg";
        if (!File.Exists(path)) return "unknown (no /proc/loadavg)";
        string[] fields = File.ReadAllText(path).Split(' ');
        return fields.Length >= 3
            ? $"{fields[0]} / {fields[1]} / {fields[2]} (1 / 5 / 15 min) on {System.Environment.ProcessorCount} logical cores"
            : "unknown";
    }
}
