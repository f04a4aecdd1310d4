using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace EdgeLstm.Fleet.Tests.Support;

/// <summary>What a device's JSON-lines log holds, read independently of the code under test.</summary>
public static class EventLogFile
{
    /// <summary>The complete lines of the log (a torn last line, which the device repairs on its next start, is left out).</summary>
    public static IReadOnlyList<string> Lines(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        string text;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
        using (var reader = new StreamReader(stream))
        {
            text = reader.ReadToEnd();
        }

        int end = text.LastIndexOf('\n');
        return end < 0 ? [] : text[..end].Split('\n');
    }

    /// <summary>The ids the protocol promises for the log of <paramref name="deviceId"/>: device id and line number from 1.</summary>
    public static IEnumerable<string> ExpectedIds(string path, string deviceId)
        => Lines(path).Select((_, i) => $"{deviceId}:{i + 1}");

    /// <summary>The received event minus what the publisher adds (id, device): it must equal the logged line.</summary>
    public static Dictionary<string, JsonElement> WithoutEnvelope(JsonElement received)
        => received.EnumerateObject().Where(p => p.Name is not ("id" or "device")).ToDictionary(p => p.Name, p => p.Value.Clone());
}
