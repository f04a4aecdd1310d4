using System;
using System.Collections.Generic;
using System.Text;

namespace EdgeLstm.HostileFiles;

/// <summary>safetensors files: an 8-byte little-endian header length, the JSON header, the data.</summary>
internal static class SafeTensorsFiles
{
    public static byte[] Build(string header, int dataBytes)
    {
        byte[] json = Encoding.UTF8.GetBytes(header);
        byte[] file = new byte[8 + json.Length + dataBytes];
        BitConverter.TryWriteBytes(file.AsSpan(0, 8), (ulong)json.Length);
        json.CopyTo(file, 8);
        return file;
    }

    /// <summary>A one-layer LSTM (input 1, hidden 1) whose four tensors lie at the given data offsets.</summary>
    public static byte[] Lstm(IReadOnlyList<(long Begin, long End)> offsets, int dataBytes)
    {
        string[] names = { "rnn.weight_ih_l0", "rnn.weight_hh_l0", "rnn.bias_ih_l0", "rnn.bias_hh_l0" };
        string[] shapes = { "[4,1]", "[4,1]", "[4]", "[4]" };
        var header = new StringBuilder("{");
        for (int i = 0; i < names.Length; i++)
        {
            if (i > 0) header.Append(',');
            header.Append($"\"{names[i]}\":{{\"dtype\":\"F32\",\"shape\":{shapes[i]},\"data_offsets\":[{offsets[i].Begin},{offsets[i].End}]}}");
        }
        return Build(header.Append('}').ToString(), dataBytes);
    }
}
