using System;
using System.Collections.Generic;
using System.Text;
using EdgeLstm.Import.SafeTensors;
using Xunit;

namespace EdgeLstm.Tests.SafeTensors;

/// <summary>The container: header length, JSON header, dtypes, offsets, and damaged files.</summary>
public sealed class SafeTensorsFileTests
{
    private static byte[] File(string header, int dataBytes)
    {
        byte[] json = Encoding.UTF8.GetBytes(header);
        var bytes = new List<byte>(BitConverter.GetBytes((ulong)json.Length));
        bytes.AddRange(json);
        bytes.AddRange(new byte[dataBytes]);
        return bytes.ToArray();
    }

    private static string Refused(byte[] content)
        => Assert.ThrowsAny<ModelFormatException>(() => SafeTensorsImporter.Import(content, "bad.safetensors")).Message;

    [Theory]
    [InlineData("{\"rnn.weight_hh_l0\":{\"dtype\":\"I64\",\"shape\":[1,1],\"data_offsets\":[0,8]}}", "I64")]
    [InlineData("{\"rnn.weight_hh_l0\":{\"dtype\":\"F32\",\"shape\":[1,1],\"data_offsets\":[0,80]}}", "data_offsets")]
    [InlineData("{\"rnn.weight_hh_l0\":{\"dtype\":\"F32\",\"shape\":[2,1],\"data_offsets\":[0,4]}}", "does not fill")]
    [InlineData("{\"rnn.weight_hh_l0\":{\"dtype\":\"F32\",\"shape\":[1,1],\"data_offsets\":[8,4]}}", "data_offsets")]
    [InlineData("{\"rnn.weight_hh_l0\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}", "shape")]
    [InlineData("{\"rnn.weight_hh_l0\":{\"dtype\":\"F32\",\"shape\":[1.5],\"data_offsets\":[0,4]}}", "shape")]
    [InlineData("{\"rnn.weight_hh_l0\":{\"dtype\":\"F32\",\"shape\":[4294967296,4294967296],\"data_offsets\":[0,16]}}", "shape")]
    [InlineData("{\"rnn.weight_hh_l0\":{\"shape\":[1],\"data_offsets\":[0,4]}}", "dtype")]
    [InlineData("{\"rnn.weight_hh_l0\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0]}}", "data_offsets")]
    [InlineData("{\"__metadata__\":{\"cell\":4}}", "__metadata__")]
    [InlineData("[1,2]", "object")]
    public void MalformedHeadersAreRefusedWithTheirReason(string header, string mentioned)
    {
        string message = Refused(File(header, 16));

        Assert.StartsWith("bad.safetensors", message);
        Assert.Contains(mentioned, message);
    }

    [Fact]
    public void HeaderLengthPastTheEndIsRefused()
    {
        byte[] content = File("{}", 0);
        content[0] = 200;

        Assert.Contains("header length 200", Refused(content));
    }

    [Fact]
    public void Float64BeyondFloat32RangeIsRefusedByTensor()
    {
        var bytes = new List<byte>();
        byte[] json = Encoding.UTF8.GetBytes("{\"rnn.weight_ih_l0\":{\"dtype\":\"F64\",\"shape\":[1,1],\"data_offsets\":[0,8]},\"rnn.weight_hh_l0\":{\"dtype\":\"F64\",\"shape\":[1,1],\"data_offsets\":[8,16]}}");
        bytes.AddRange(BitConverter.GetBytes((ulong)json.Length));
        bytes.AddRange(json);
        bytes.AddRange(BitConverter.GetBytes(1e300));
        bytes.AddRange(BitConverter.GetBytes(0.5));

        Assert.Contains("float32's range", Refused(bytes.ToArray()));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void EveryTruncationIsAFormatError(string caseName)
    {
        byte[] content = StateDictTestData.ReadCase(caseName, "model.safetensors");
        int step = Math.Max(1, content.Length / 2000);
        for (int length = 0; length < content.Length; length += length < 1024 ? 1 : step)
        {
            byte[] truncated = content.AsSpan(0, length).ToArray();
            Assert.ThrowsAny<ModelFormatException>(() => SafeTensorsImporter.Import(truncated, "cut.safetensors"));
        }
    }

    public static TheoryData<string> Cases => StateDictTestData.PyTorchCases();
}
