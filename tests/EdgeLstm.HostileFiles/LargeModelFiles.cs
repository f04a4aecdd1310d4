using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using EdgeLstm.Import;
using EdgeLstm.Import.Json;

namespace EdgeLstm.HostileFiles;

/// <summary>
/// Legitimate files as large as the default model size limit allows: one LSTM layer of 700 inputs and 700 units
/// (3,925,600 parameters, under 4,000,000) in every format, with pseudo-random weights (so they compress as real
/// weights do). The budgets must let every one of them through, within the memory bound they promise.
/// </summary>
public static class LargeModelFiles
{
    public const int Input = 700, Hidden = 700;

    public static long Parameters => 4L * Hidden * (Input + Hidden) + 8L * Hidden;

    private static readonly Lazy<(float[] W, float[] R, float[] B)> Weights = new(() =>
    {
        var random = new Random(20240613);
        float[] Make(int count) => Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 0.4 - 0.2)).ToArray();
        return (Make(4 * Hidden * Input), Make(4 * Hidden * Hidden), Make(8 * Hidden));
    });

    /// <summary>The file names and their contents.</summary>
    public static IEnumerable<(string Name, Func<byte[]> Build)> All { get; } = new (string, Func<byte[]>)[]
    {
        ("large.onnx", () => OnnxFiles.Lstm(Input, Hidden, Weights.Value.W, Weights.Value.R, Weights.Value.B)),
        ("large.safetensors", SafeTensors),
        ("large-f32.pt", () => Torch(double64: false)),
        ("large-f64.pt", () => Torch(double64: true)),
        ("large.json", Json),
    };

    /// <summary>
    /// A legitimate .pt of an LSTM with <paramref name="input"/> inputs and <paramref name="hidden"/> units whose float64
    /// weights are all zero (a model saved before training): it deflates to almost nothing, so it costs far more to
    /// read than its size suggests, and needs a model size limit that covers it.
    /// </summary>
    public static byte[] CompressedZeros(int input, int hidden)
    {
        (string Name, int Elements, int[] Shape)[] tensors =
        {
            ("rnn.weight_ih_l0", 4 * hidden * input, new[] { 4 * hidden, input }),
            ("rnn.weight_hh_l0", 4 * hidden * hidden, new[] { 4 * hidden, hidden }),
            ("rnn.bias_ih_l0", 4 * hidden, new[] { 4 * hidden }),
            ("rnn.bias_hh_l0", 4 * hidden, new[] { 4 * hidden }),
        };
        byte[] pickle = PickleWriter.StateDict(tensors.Select((t, i) => (t.Name, i.ToString(System.Globalization.CultureInfo.InvariantCulture), t.Elements, 0, t.Shape)), "DoubleStorage");
        var zip = new ZipWriter().Stored("archive/data.pkl", pickle);
        for (int i = 0; i < tensors.Length; i++) zip.Deflated($"archive/data/{i}", Deflated.Repeat(0, 8L * tensors[i].Elements));
        return zip.ToArray();
    }

    private static IEnumerable<(string Name, float[] Values, int[] Shape)> StateDict()
    {
        (float[] w, float[] r, float[] b) = Weights.Value;
        yield return ("rnn.weight_ih_l0", w, new[] { 4 * Hidden, Input });
        yield return ("rnn.weight_hh_l0", r, new[] { 4 * Hidden, Hidden });
        yield return ("rnn.bias_ih_l0", b.AsSpan(0, 4 * Hidden).ToArray(), new[] { 4 * Hidden });
        yield return ("rnn.bias_hh_l0", b.AsSpan(4 * Hidden).ToArray(), new[] { 4 * Hidden });
    }

    private static byte[] SafeTensors()
    {
        var header = new StringBuilder("{");
        var data = new MemoryStream();
        foreach ((string name, float[] values, int[] shape) in StateDict())
        {
            if (header.Length > 1) header.Append(',');
            long begin = data.Length;
            data.Write(Bytes(values));
            header.Append($"\"{name}\":{{\"dtype\":\"F32\",\"shape\":[{string.Join(",", shape)}],\"data_offsets\":[{begin},{data.Length}]}}");
        }
        byte[] file = SafeTensorsFiles.Build(header.Append('}').ToString(), (int)data.Length);
        data.ToArray().CopyTo(file, file.Length - data.Length);
        return file;
    }

    /// <summary>As torch.save writes a state_dict: stored entries, one storage per tensor.</summary>
    private static byte[] Torch(bool double64)
    {
        var tensors = StateDict().ToList();
        byte[] pickle = PickleWriter.StateDict(tensors.Select((t, i) => (t.Name, i.ToString(System.Globalization.CultureInfo.InvariantCulture), t.Values.Length, 0, t.Shape)),
            double64 ? "DoubleStorage" : "FloatStorage");
        var zip = new ZipWriter().Stored("archive/data.pkl", pickle).Stored("archive/byteorder", Encoding.ASCII.GetBytes("little"));
        for (int i = 0; i < tensors.Count; i++)
        {
            byte[] storage = double64 ? tensors[i].Values.SelectMany(v => BitConverter.GetBytes((double)v)).ToArray() : Bytes(tensors[i].Values);
            zip.Stored($"archive/data/{i}", storage);
        }
        return zip.Stored("archive/version", Encoding.ASCII.GetBytes("3\n")).ToArray();
    }

    /// <summary>EdgeLstm JSON of the same model, written by EdgeLstm's own writer from the safetensors form.</summary>
    private static byte[] Json()
    {
        var model = ModelImporter.Load(SafeTensors(), "large.safetensors");
        return Encoding.UTF8.GetBytes(EdgeLstmJsonFormat.Write(model));
    }

    private static byte[] Bytes(float[] values)
    {
        byte[] bytes = new byte[values.Length * 4];
        Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
        return bytes;
    }
}
