using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;

namespace EdgeLstm.Tests.SafeTensors;

/// <summary>Writes small float32 safetensors files for tests that need a particular (often broken) state_dict.</summary>
internal sealed class SafeTensorsBuilder
{
    private readonly List<(string Name, int[] Shape, float[] Values)> _tensors = new();
    private readonly Dictionary<string, string> _metadata = new();

    public SafeTensorsBuilder Add(string name, int[] shape, float[]? values = null)
    {
        int count = 1;
        foreach (int d in shape) count *= d;
        values ??= Sequence(count, _tensors.Count);
        _tensors.Add((name, shape, values));
        return this;
    }

    public SafeTensorsBuilder Metadata(string key, string value)
    {
        _metadata[key] = value;
        return this;
    }

    /// <summary>An LSTM (or GRU/RNN by gate count) layer's four tensors under "rnn.".</summary>
    public SafeTensorsBuilder Recurrent(int layer, int gates, int hidden, int input, string suffix = "", bool bias = true)
    {
        Add($"rnn.weight_ih_l{layer}{suffix}", new[] { gates * hidden, input });
        Add($"rnn.weight_hh_l{layer}{suffix}", new[] { gates * hidden, hidden });
        if (bias)
        {
            Add($"rnn.bias_ih_l{layer}{suffix}", new[] { gates * hidden });
            Add($"rnn.bias_hh_l{layer}{suffix}", new[] { gates * hidden });
        }
        return this;
    }

    public byte[] Build()
    {
        var header = new Dictionary<string, object>();
        var data = new MemoryStream();
        foreach ((string name, int[] shape, float[] values) in _tensors)
        {
            long begin = data.Length;
            foreach (float v in values) data.Write(BitConverter.GetBytes(v));
            header[name] = new Dictionary<string, object> { ["dtype"] = "F32", ["shape"] = shape, ["data_offsets"] = new[] { begin, data.Length } };
        }
        if (_metadata.Count > 0) header["__metadata__"] = _metadata;
        byte[] json = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(header));
        var file = new MemoryStream();
        file.Write(BitConverter.GetBytes((ulong)json.Length));
        file.Write(json);
        data.Position = 0;
        data.CopyTo(file);
        return file.ToArray();
    }

    /// <summary>Distinct small values, so that a misplaced weight changes the model.</summary>
    private static float[] Sequence(int count, int seed)
    {
        var values = new float[count];
        for (int i = 0; i < count; i++) values[i] = (seed * 1000 + i) * 0.001f - 0.5f;
        return values;
    }
}
