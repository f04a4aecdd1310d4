using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace EdgeLstm.Tests.Onnx;

/// <summary>The golden cases (tests/cases, copied next to the test assembly) that ship a model.onnx.</summary>
internal static class OnnxCases
{
    public static string Root => Path.Combine(AppContext.BaseDirectory, "cases");

    public static IEnumerable<object[]> Names()
        => Directory.GetDirectories(Root)
            .Where(d => File.Exists(Path.Combine(d, "model.onnx")))
            .Select(d => new object[] { Path.GetFileName(d) })
            .OrderBy(n => (string)n[0], StringComparer.Ordinal);

    public static byte[] Model(string name) => File.ReadAllBytes(Path.Combine(Root, name, "model.onnx"));

    public static JsonElement Architecture(string name)
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, name, "case.json")));
        return document.RootElement.GetProperty("architecture").Clone();
    }
}
