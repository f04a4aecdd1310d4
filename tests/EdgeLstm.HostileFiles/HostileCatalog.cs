using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace EdgeLstm.HostileFiles;

/// <summary>
/// Every hostile weight file of issue 13's table, and more of each family. Sizes are those of the issue where it
/// gives them; the bombs inflate to 256 MiB – 1 GiB. Building all of them takes a few seconds (deflating 4 GiB).
/// </summary>
public static class HostileCatalog
{
    private const long GiB = 1L << 30, MiB = 1L << 20;

    private static readonly Lazy<Deflated> GibOfZeros = new(() => Deflated.Repeat(0, GiB));

    public static IReadOnlyList<HostileFile> All { get; } = new HostileFile[]
    {
        // Zip bombs: bytes inflated must be counted across entries and per use of a shared stream.
        new("shared-stream.pt", "zip bomb",
            "1,390 zip entries whose local headers all lead to one 1 MB deflate stream of 1 GiB of zeros; each is a storage",
            "the entries of a zip archive never share bytes",
            SharedStreamArchive),
        new("storage-1gib.pt", "zip bomb",
            "a valid LSTM whose 16 weights view one 1 GiB storage of zeros (1 MB deflated)",
            "storage bytes that no tensor views",
            () => TorchArchive(SmallLstmPickle("0", (int)(GiB / 4)), ("archive/data/0", GibOfZeros.Value))),

        // Pickle bombs: objects, marks, memo entries and string lengths.
        new("empty-dicts-1gib.pt", "pickle bomb",
            "data.pkl is 1 GiB of EMPTY_DICT opcodes, deflated to 1 MB",
            "bytes extracted from zip entries",
            () => TorchArchive(("archive/data.pkl", Deflated.Repeat((byte)'}', GiB - 2, new byte[] { 0x80, 2 })))),
        new("empty-dicts-8mib.pt", "pickle bomb",
            "data.pkl is 8 MiB of EMPTY_DICT opcodes, stored",
            "pickle objects, memo entries and marks",
            () => StoredPickle(Repeat((byte)'}', 8 * MiB))),
        new("marks-1gib.pt", "pickle bomb",
            "data.pkl is 1 GiB of MARK opcodes, deflated",
            "bytes extracted from zip entries",
            () => TorchArchive(("archive/data.pkl", Deflated.Repeat((byte)'(', GiB - 2, new byte[] { 0x80, 2 })))),
        new("memo-2m.pt", "pickle bomb",
            "one dict memoized under 2 million different LONG_BINPUT indices (10 MB, stored)",
            "pickle objects, memo entries and marks",
            () => StoredPickle(MemoBomb(2_000_000))),
        new("string-256mib.pt", "pickle bomb",
            "a BINUNICODE8 string of 256 MiB, deflated",
            "bytes extracted from zip entries",
            () => TorchArchive(("archive/data.pkl", Deflated.Repeat((byte)'a', 256 * MiB, Concat(new byte[] { 0x80, 2, 0x8D }, BitConverter.GetBytes(256 * MiB)))))),

        // Long text copied into messages.
        new("global-256mib.pt", "long text",
            "a GLOBAL whose module name is 256 MiB, deflated to 261 KB",
            "bytes extracted from zip entries",
            () => TorchArchive(("archive/data.pkl", Deflated.Repeat((byte)'a', 256 * MiB, new byte[] { 0x80, 2, (byte)'c' }, Encoding.ASCII.GetBytes("\nb\n"))))),
        new("global-16mib.pt", "long text",
            "a GLOBAL whose module name is 16 MiB: a 16 KB file",
            "a GLOBAL name is longer than the 1,048,576 bytes",
            () => TorchArchive(("archive/data.pkl", Deflated.Repeat((byte)'a', 16 * MiB, new byte[] { 0x80, 2, (byte)'c' }, Encoding.ASCII.GetBytes("\nb\n"))))),
        new("byteorder-256mib.pt", "long text",
            "a byteorder entry of 256 MiB, deflated",
            "torch.save writes",
            () => TorchArchive(("archive/data.pkl", Deflated.Of(SmallLstmPickle("0", 16))),
                ("archive/byteorder", Deflated.Repeat((byte)'b', 256 * MiB)), ("archive/data/0", Deflated.Of(new byte[64])))),
        new("key-64mib.pt", "long text",
            "a state_dict key of 64 MiB whose value is not a tensor",
            "bytes extracted from zip entries",
            () => TorchArchive(("archive/data.pkl", Deflated.Of(LongKeyPickle(64 * (int)MiB))))),
        new("key-1m.pt", "long text",
            "a state_dict key of a million characters whose value is not a tensor: under the text budget, so it reaches a message",
            "…' (1,000,000 characters)",
            () => TorchArchive(("archive/data.pkl", Deflated.Of(LongKeyPickle(1_000_000))))),
        new("global-1m.pt", "long text",
            "a GLOBAL whose module name is a million characters: refused by name, which the message must shorten",
            "…' (1,000,002 characters)",
            () => TorchArchive(("archive/data.pkl", Deflated.Repeat((byte)'a', 1_000_000, new byte[] { 0x80, 2, (byte)'c' }, Encoding.ASCII.GetBytes("\nb\n"))))),
        new("dtype-1m.safetensors", "long text",
            "a tensor whose dtype is a million characters",
            "…' (1,000,000 characters)",
            () => SafeTensorsFiles.Build("{\"rnn.weight_ih_l0\":{\"dtype\":\"" + new string('Q', 1_000_000) + "\",\"shape\":[4,1],\"data_offsets\":[0,16]}}", 16)),
        new("name-1m.safetensors", "long text",
            "a tensor whose name is a million characters",
            "…' (1,000,000 characters)",
            () => SafeTensorsFiles.Build("{\"" + new string('n', 1_000_000) + "\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}", 16)),
        new("member-1m.json", "long text",
            "an EdgeLstm JSON root member whose name is a million characters",
            "…\" (1,000,000 characters)",
            () => Encoding.UTF8.GetBytes("{\"format\":\"edgelstm\",\"version\":1,\"" + new string('m', 1_000_000) + "\":1}")),
        new("op-on-state-1m.onnx", "long text",
            "a node whose op_type is a million characters, applied to an LSTM's final hidden state",
            "(1,000,000 characters) on a final hidden state",
            () => OnnxFiles.LongOpOnFinalState(1_000_000)),
        new("module-1m.safetensors", "long text",
            "an LSTM module whose name is a million characters, missing its weight_hh_l0: the message names the missing tensor",
            "…' (1,000,013 characters).",
            () => SafeTensorsFiles.Build("{\"" + new string('m', 1_000_000) + ".weight_ih_l0\":{\"dtype\":\"F32\",\"shape\":[4,1],\"data_offsets\":[0,16]}}", 16)),
        new("folder-64k.pt", "long text",
            "a torch archive whose folder name is 65,000 characters (every unpickler message starts with the pickle's path) and whose pickle is a list",
            "… (65,009 characters)",
            () => TorchArchive(new string('f', 65_000) + "/data.pkl", new PickleWriter().Proto().Op(']').Op('.').ToArray())),
        new("op-type-1m.onnx", "long text",
            "a node whose op_type is a million characters",
            "(1,000,000 characters)",
            () => OnnxFiles.LongOpType(1_000_000)),
        new("dtype-16mib.safetensors", "long text",
            "a tensor whose dtype is a 16 MiB string",
            "a JSON string is longer than the 1,048,576 bytes",
            () => SafeTensorsFiles.Build("{\"rnn.weight_ih_l0\":{\"dtype\":\"" + new string('Q', 16 << 20) + "\",\"shape\":[4,1],\"data_offsets\":[0,16]}}", 16)),
        new("name-16mib.safetensors", "long text",
            "a tensor whose name is a 16 MiB string",
            "a JSON string is longer than the 1,048,576 bytes",
            () => SafeTensorsFiles.Build("{\"" + new string('n', 16 << 20) + "\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}", 16)),
        new("member-16mib.json", "long text",
            "an EdgeLstm JSON root member whose name is 16 MiB",
            "a JSON string is longer than the 1,048,576 bytes",
            () => Encoding.UTF8.GetBytes("{\"format\":\"edgelstm\",\"version\":1,\"" + new string('m', 16 << 20) + "\":1}")),
        new("format-16mib.json", "long text",
            "an EdgeLstm JSON whose \"format\" is a 16 MiB string",
            "a JSON string is longer than the 1,048,576 bytes",
            () => Encoding.UTF8.GetBytes("{\"format\":\"" + new string('f', 16 << 20) + "\",\"version\":1}")),
        new("op-type-16mib.onnx", "long text",
            "a node whose op_type is 16 MiB",
            "longer than the 1,048,576 bytes",
            () => OnnxFiles.LongOpType(16 << 20)),

        // Structures that cost far more memory than the bytes describing them.
        new("quadratic-20000x20000.onnx", "quadratic graph",
            "one Unsqueeze to rank 20,000, then 20,000 Transposes without perm (535 KB): 400 million axes if each value keeps its own",
            "axes of the values the ONNX graph mapper tracks|supported on the data path",
            () => OnnxFiles.QuadraticTransposes(20_000, 20_000)),
        new("quadratic-100000x100000.onnx", "quadratic graph",
            "one Unsqueeze to rank 100,000, then 100,000 Transposes without perm (2.8 MB): 10 billion axes",
            "ONNX nodes, attributes, tensors",
            () => OnnxFiles.QuadraticTransposes(100_000, 100_000)),
        new("quadratic-perm-600x600.onnx", "quadratic graph",
            "one Unsqueeze to rank 600, then 600 Transposes each with a 600-entry perm (677 KB)",
            "axes of the values the ONNX graph mapper tracks|supported on the data path",
            () => OnnxFiles.QuadraticTransposes(600, 600, swapFirstTwo: true)),
        new("deep-matmul-12000.onnx", "quadratic graph",
            "12,000 chained MatMuls sharing one 1×1 weight (0.3 MB, within the object budget): 72 million layer references if each value keeps its own list",
            "65 layers here; at most 64 layers",
            () => OnnxFiles.DeepMatMuls(12_000)),
        new("deep-lstm-5000.onnx", "quadratic graph",
            "5,000 chained one-unit LSTM layers (LSTM + Squeeze) sharing one set of weights (0.45 MB, within the object budget)",
            "65 layers here; at most 64 layers",
            () => OnnxFiles.DeepLstms(5_000)),
        new("empty-nodes-20mb.onnx", "plain file",
            "10 million empty NodeProtos (20 MB)",
            "ONNX nodes, attributes, tensors",
            () => OnnxFiles.EmptyNodes(10_000_000)),
        new("packed-ints-16mb.onnx", "plain file",
            "a perm attribute of 16 million packed one-byte integers",
            "ONNX numbers",
            () => OnnxFiles.PackedIntsBomb(16 << 20)),
        new("zeros-40mb.json", "plain file",
            "40 MB of JSON zeros in one array",
            "JSON numbers",
            () => JsonZeros(40_000_000)),
        new("header-zeros-16mb.safetensors", "plain file",
            "a safetensors header whose shape array is 8 million zeros",
            "JSON numbers",
            () => SafeTensorsFiles.Build("{\"x\":{\"dtype\":\"F32\",\"shape\":[" + string.Join(",", Enumerable.Repeat("0", 8_000_000)) + "],\"data_offsets\":[0,0]}}", 0)),

        // Arithmetic that wraps, ranges that overlap.
        new("wrapped-dims.onnx", "wrapped arithmetic",
            "initial_h dims [3, 6148914691236517206], whose product wraps 64 bits to 2, over 2 zeros",
            "dims [3, 6148914691236517206] describe more than 2147483647 elements",
            () => OnnxFiles.LstmWithInitialH(new[] { 3L, 6148914691236517206L }, 2)),
        new("wrapped-reshape.onnx", "wrapped arithmetic",
            "an LSTM's output reshaped to [0, 0, 0, 4, 2^62 + 2], whose product per step wraps 64 bits to the 8 features there are",
            "has more elements per step than the input",
            () => OnnxFiles.WrappedReshape()),
        new("overlapping-offsets.safetensors", "overlapping ranges",
            "four LSTM tensors whose data_offsets all are [0, 16)",
            "overlap",
            () => SafeTensorsFiles.Lstm(new (long, long)[] { (0, 16), (0, 16), (0, 16), (0, 16) }, 16)),
        new("interleaved-offsets.safetensors", "overlapping ranges",
            "four LSTM tensors whose data_offsets overlap by half",
            "overlap",
            () => SafeTensorsFiles.Lstm(new (long, long)[] { (0, 16), (8, 24), (24, 40), (32, 48) }, 48)),

        // Not regular files: created at the path when the files are written.
        new("dev-zero.onnx", "not a regular file", "a symbolic link to /dev/zero", "is a device, not a regular file", null, SpecialFile.DevZeroLink),
        new("fifo.pt", "not a regular file", "a named pipe nobody writes to", "is a named pipe (FIFO), not a regular file", null, SpecialFile.Fifo),
        new("directory.safetensors", "not a regular file", "a directory", "is a directory", null, SpecialFile.Directory),
    };

    public static HostileFile Get(string name) => All.Single(f => f.Name == name);

    // A one-layer LSTM, input 1, hidden 1, in one storage: weight_ih [4, 1], weight_hh [4, 1], bias_ih [4], bias_hh [4].
    private static byte[] SmallLstmPickle(string storage, int storageElements) => PickleWriter.StateDict(new[]
    {
        ("rnn.weight_ih_l0", storage, storageElements, 0, new[] { 4, 1 }),
        ("rnn.weight_hh_l0", storage, storageElements, 4, new[] { 4, 1 }),
        ("rnn.bias_ih_l0", storage, storageElements, 8, new[] { 4 }),
        ("rnn.bias_hh_l0", storage, storageElements, 12, new[] { 4 }),
    });

    private static byte[] SharedStreamArchive()
    {
        const int Entries = 1390;
        string[] names = Enumerable.Range(0, Entries).Select(i => $"archive/data/{i}").ToArray();
        byte[] pickle = PickleWriter.StateDict(Enumerable.Range(0, Entries).Select(i => ($"t{i}", i.ToString(System.Globalization.CultureInfo.InvariantCulture), 1, 0, new[] { 1 })));
        return new ZipWriter().Stored("archive/data.pkl", pickle).SharedStream(names, GibOfZeros.Value).ToArray();
    }

    private static byte[] TorchArchive(byte[] pickle, params (string Name, Deflated Data)[] storages)
    {
        var zip = new ZipWriter().Stored("archive/data.pkl", pickle);
        foreach ((string name, Deflated data) in storages) zip.Deflated(name, data);
        return zip.ToArray();
    }

    private static byte[] TorchArchive(params (string Name, Deflated Data)[] entries)
    {
        var zip = new ZipWriter();
        foreach ((string name, Deflated data) in entries) zip.Deflated(name, data);
        return zip.ToArray();
    }

    private static byte[] TorchArchive(string picklePath, byte[] pickle) => new ZipWriter().Stored(picklePath, pickle).ToArray();

    private static byte[] StoredPickle(byte[] body) => new ZipWriter().Stored("archive/data.pkl", Concat(new byte[] { 0x80, 2 }, body)).ToArray();

    private static byte[] MemoBomb(int entries)
    {
        var pickle = new PickleWriter().Op('}');
        for (int i = 0; i < entries; i++) pickle.Op('r').Raw(BitConverter.GetBytes(i));
        return pickle.ToArray();
    }

    private static byte[] LongKeyPickle(int keyLength)
        => new PickleWriter().Proto().Op('}').Op('(').Unicode(new string('k', keyLength)).Raw((byte)'K', 1).Op('u').Op('.').ToArray();

    private static byte[] JsonZeros(int length)
    {
        byte[] json = new byte[length];
        byte[] head = Encoding.ASCII.GetBytes("{\"layers\":[0");
        head.CopyTo(json, 0);
        int i = head.Length;
        for (; i + 2 < length - 2; i += 2)
        {
            json[i] = (byte)',';
            json[i + 1] = (byte)'0';
        }
        for (; i < length - 2; i++) json[i] = (byte)' ';
        json[length - 2] = (byte)']';
        json[length - 1] = (byte)'}';
        return json;
    }

    private static byte[] Repeat(byte value, long length)
    {
        byte[] bytes = new byte[length];
        Array.Fill(bytes, value);
        return bytes;
    }

    private static byte[] Concat(byte[] a, byte[] b)
    {
        byte[] result = new byte[a.Length + b.Length];
        a.CopyTo(result, 0);
        b.CopyTo(result, a.Length);
        return result;
    }
}
