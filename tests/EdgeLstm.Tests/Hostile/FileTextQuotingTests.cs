using System;
using System.Text;
using EdgeLstm.Import.SafeTensors;
using Xunit;

namespace EdgeLstm.Tests.Hostile;

/// <summary>Text from a file reaches a message shortened and with its control characters escaped.</summary>
public sealed class FileTextQuotingTests
{
    private static string Refusal(string tensorName)
    {
        byte[] json = Encoding.UTF8.GetBytes("{\"" + tensorName + "\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}");
        byte[] file = new byte[8 + json.Length + 4];
        BitConverter.TryWriteBytes(file.AsSpan(0, 8), (ulong)json.Length);
        json.CopyTo(file, 8);
        return Assert.ThrowsAny<ModelFormatException>(() => SafeTensorsImporter.Import(file, "m.safetensors")).Message;
    }

    [Fact]
    public void ALongNameIsCutAfter120CharactersWithItsLength()
    {
        string message = Refusal(new string('x', 5_000));

        Assert.StartsWith("m.safetensors: tensor '" + new string('x', 120) + "…' (5,000 characters): unexpected tensor", message);
    }

    [Fact]
    public void AShortNameIsQuotedWhole()
        => Assert.StartsWith("m.safetensors: tensor 'encoder.extra': unexpected tensor", Refusal("encoder.extra"));

    [Fact]
    public void ANameCannotForgeALineOfTheBuildLog()
    {
        // JSON's \n escape puts a real newline into the name.
        string message = Refusal("x\\nerror CS0001: forged");

        Assert.DoesNotContain("\n", message);
        Assert.StartsWith("m.safetensors: tensor 'x\\u000aerror CS0001: forged': unexpected tensor", message);
    }
}
