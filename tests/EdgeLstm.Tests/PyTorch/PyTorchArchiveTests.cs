using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using EdgeLstm.Import.PyTorch;
using EdgeLstm.Import.SafeTensors;
using EdgeLstm.Model;
using EdgeLstm.Tests.SafeTensors;
using Xunit;

namespace EdgeLstm.Tests.PyTorch;

/// <summary>The zip container, the storages behind the tensors, and damaged archives.</summary>
public sealed class PyTorchArchiveTests
{
    private const string SmallCase = "rnn_relu_i3_h12";

    private static byte[] SmallArchive() => StateDictTestData.ReadCase(SmallCase, "model.pt");

    private static string Refused(byte[] content)
        => Assert.ThrowsAny<ModelFormatException>(() => PyTorchImporter.Import(content, "bad.pt")).Message;

    /// <summary>The offset of the central directory header of <paramref name="name"/>.</summary>
    private static int DirectoryEntry(byte[] archive, string name)
    {
        byte[] signature = { 0x50, 0x4B, 0x01, 0x02 };
        for (int i = 0; i + 46 < archive.Length; i++)
        {
            if (archive.AsSpan(i, 4).SequenceEqual(signature) &&
                Encoding.ASCII.GetString(archive, i + 46, BitConverter.ToUInt16(archive, i + 28)) == name)
            {
                return i;
            }
        }
        throw new InvalidOperationException($"no directory entry {name}");
    }

    [Fact]
    public void ViewsSharedStoragesAndOffsetsAreGathered()
    {
        NetworkModel model = PyTorchImporter.Import(StateDictTestData.ReadFixture("views.pt"), "views.pt");
        JsonElement expected = StateDictTestData.ReadFixtureJson("views_expected.json");
        DirectionWeights weights = ((RecurrentLayer)model.Layers[0]).Directions[0];

        Assert.Equal(StateDictTestData.Floats(expected.GetProperty("rnn.weight_ih_l0").GetProperty("values")), weights.InputWeights.AsArray());
        Assert.Equal(StateDictTestData.Floats(expected.GetProperty("rnn.weight_hh_l0").GetProperty("values")), weights.RecurrentWeights.AsArray());
        Assert.Equal(StateDictTestData.Floats(expected.GetProperty("rnn.bias_ih_l0").GetProperty("values")), weights.InputBias.AsArray());
        Assert.Equal(StateDictTestData.Floats(expected.GetProperty("rnn.bias_hh_l0").GetProperty("values")), weights.RecurrentBias.AsArray());
    }

    [Theory]
    [InlineData("f16")]
    [InlineData("bf16")]
    [InlineData("f64")]
    public void HalfBFloatAndDoubleStoragesWidenLikeSafeTensors(string dtype)
    {
        JsonElement expected = StateDictTestData.ReadFixtureJson("dtype_expected.json").GetProperty(dtype);
        MetadataEntry[] metadata = expected.GetProperty("__metadata__").EnumerateObject().Select(p => new MetadataEntry(p.Name, p.Value.GetString()!)).ToArray();

        NetworkModel fromPt = PyTorchImporter.Import(StateDictTestData.ReadFixture($"tiny_lstm_{dtype}.pt"), "tiny.pt", metadata);

        DtypeExpectations.AssertTinyLstm(fromPt, expected);
        NetworkModel fromSafeTensors = SafeTensorsImporter.Import(StateDictTestData.ReadFixture($"tiny_lstm_{dtype}.safetensors"), "tiny.safetensors");
        Assert.Equal(fromSafeTensors.Layers, fromPt.Layers);
        Assert.Equal(fromSafeTensors.Normalization, fromPt.Normalization);
    }

    [Fact]
    public void EntryWhoseLengthRunsPastTheEndIsRefused()
    {
        byte[] archive = SmallArchive();
        int entry = DirectoryEntry(archive, "model/data/1");
        BitConverter.GetBytes(0x7FFFFFF0).CopyTo(archive, entry + 20);
        BitConverter.GetBytes(0x7FFFFFF0).CopyTo(archive, entry + 24);

        string message = Refused(archive);

        Assert.Contains("zip entry 'model/data/1'", message);
        Assert.Contains("run past", message);
    }

    [Fact]
    public void LocalHeaderOffsetPastTheEndIsRefused()
    {
        byte[] archive = SmallArchive();
        BitConverter.GetBytes(0x7FFFFFF0).CopyTo(archive, DirectoryEntry(archive, "model/data.pkl") + 42);

        Assert.Contains("no local file header", Refused(archive));
    }

    [Fact]
    public void DamagedStorageFailsItsCrc()
    {
        byte[] archive = SmallArchive();
        int entry = DirectoryEntry(archive, "model/data/1");
        int local = BitConverter.ToInt32(archive, entry + 42);
        int data = local + 30 + BitConverter.ToUInt16(archive, local + 26) + BitConverter.ToUInt16(archive, local + 28);
        archive[data + 5] ^= 0x40;

        Assert.Contains("CRC-32", Refused(archive));
    }

    [Fact]
    public void Zip64IsRefusedClearly()
    {
        byte[] archive = SmallArchive();
        int end = archive.Length - 22;
        Assert.Equal(0x06054b50u, BitConverter.ToUInt32(archive, end));
        archive[end + 10] = 0xFF;
        archive[end + 11] = 0xFF;

        Assert.Contains("zip64", Refused(archive));
    }

    [Theory]
    [InlineData("little", true)]
    [InlineData("big", false)]
    public void ByteOrderEntryMustBeLittle(string order, bool accepted)
    {
        var entries = TorchArchiveBuilder.Entries(SmallArchive());
        entries.Add(("model/byteorder", Encoding.ASCII.GetBytes(order)));
        byte[] archive = TorchArchiveBuilder.Build(entries);

        if (accepted) Assert.Equal(PyTorchImporter.Import(SmallArchive(), "a.pt").Layers, PyTorchImporter.Import(archive, "a.pt").Layers);
        else Assert.Contains("byte order is 'big'", Refused(archive));
    }

    [Fact]
    public void MissingStorageIsNamed()
    {
        byte[] archive = TorchArchiveBuilder.Build(TorchArchiveBuilder.Entries(SmallArchive()).Where(e => e.Name != "model/data/2"));

        Assert.Contains("'data/2' is not in the archive", Refused(archive));
    }

    [Fact]
    public void ArchiveWithoutPickleIsRefused()
    {
        Assert.Contains("no <folder>/data.pkl", Refused(TorchArchiveBuilder.Build(new[] { ("a/version", new byte[] { 0x33 }) })));
    }

    [Fact]
    public void TorchScriptArchiveGetsAHint()
    {
        Assert.Contains("TorchScript", Refused(TorchArchiveBuilder.Build(new[] { ("m/constants.pkl", new byte[] { 0x2E }) })));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void TruncationsAreFormatErrors(string caseName)
    {
        byte[] content = StateDictTestData.ReadCase(caseName, "model.pt");
        int step = Math.Max(1, content.Length / 1500);
        for (int length = 0; length < content.Length; length += length < 2048 ? 1 : step)
        {
            byte[] truncated = content.AsSpan(0, length).ToArray();
            Assert.ThrowsAny<ModelFormatException>(() => PyTorchImporter.Import(truncated, "cut.pt"));
        }
    }

    /// <summary>
    /// Every byte of the pickle, flipped three ways, in an archive with a correct CRC, so that the unpickler itself sees
    /// the damage: the import may succeed (a flipped 'cpu' is harmless) but may only ever fail with a format error.
    /// </summary>
    [Fact]
    public void CorruptedPicklesOnlyEverFailAsFormatErrors()
    {
        List<(string Name, byte[] Data)> entries = TorchArchiveBuilder.Entries(SmallArchive());
        int index = entries.FindIndex(e => e.Name == "model/data.pkl");
        byte[] pickle = entries[index].Data;
        int refused = 0;
        foreach (byte flip in new byte[] { 0x01, 0x80, 0xFF })
        {
            for (int position = 0; position < pickle.Length; position++)
            {
                byte[] damaged = (byte[])pickle.Clone();
                damaged[position] ^= flip;
                entries[index] = ("model/data.pkl", damaged);
                try
                {
                    PyTorchImporter.Import(TorchArchiveBuilder.Build(entries), "flipped.pt");
                }
                catch (ModelFormatException)
                {
                    refused++;
                }
            }
        }
        Assert.True(refused > pickle.Length, $"only {refused} of {3 * pickle.Length} corruptions were noticed");
    }

    public static TheoryData<string> Cases => StateDictTestData.PyTorchCases();
}
