using System;
using System.IO;

namespace EdgeLstm.Iot.Tests.Support;

/// <summary>Paths to bundled test data and scratch directories.</summary>
public static class TestData
{
    public static string Nab(string relative) => Path.Combine(AppContext.BaseDirectory, "data", "nab", relative);

    public static string NewTempDirectory()
    {
        string path = Path.Combine(Path.GetTempPath(), "edgelstm-iot-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}
