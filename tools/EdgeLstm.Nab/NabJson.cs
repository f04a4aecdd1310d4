using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using EdgeLstm.Evaluation.Nab;

namespace EdgeLstm.Nab;

/// <summary>The scores as JSON, for scripts (the train-per-machine track reads it): written with Utf8JsonWriter, no reflection.</summary>
internal static class NabJson
{
    public static void Write(string path, string detector, NabCorpus corpus, IReadOnlyList<NabCorpusScore> profiles)
    {
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("detector", detector);
        json.WriteNumber("files", corpus.Files.Count);
        json.WriteNumber("windows", corpus.WindowCount);
        json.WriteStartObject("profiles");
        foreach (var profile in profiles)
        {
            json.WriteStartObject(profile.Profile.Name);
            json.WriteNumber("threshold", profile.Threshold);
            json.WriteNumber("normalised", profile.NormalisedScore);
            json.WriteNumber("raw", profile.RawScore);
            json.WriteNumber("null", profile.NullScore);
            json.WriteNumber("perfect", profile.PerfectScore);
            json.WriteStartObject("files");
            foreach (var file in profile.Files)
            {
                json.WriteStartObject(file.File);
                json.WriteNumber("raw", file.RawScore);
                json.WriteNumber("windowsDetected", file.WindowsDetected);
                json.WriteNumber("windowsMissed", file.WindowsMissed);
                json.WriteNumber("tp", file.TruePositives);
                json.WriteNumber("fp", file.FalsePositives);
                json.WriteNumber("fn", file.FalseNegatives);
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }
}
