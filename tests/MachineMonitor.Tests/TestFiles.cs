using System;
using System.IO;

namespace MachineMonitor.Tests;

/// <summary>Bundled data and a scratch folder deleted with the test class.</summary>
public sealed class TestFiles : IDisposable
{
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "machinemonitor-" + Guid.NewGuid().ToString("N"));

    public TestFiles() => System.IO.Directory.CreateDirectory(Directory);

    public static string Nab(string relative) => Path.Combine(AppContext.BaseDirectory, "data", "nab", relative);

    public static string Data(string name) => Path.Combine(AppContext.BaseDirectory, "data", name);

    public string File(string name) => Path.Combine(Directory, name);

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
