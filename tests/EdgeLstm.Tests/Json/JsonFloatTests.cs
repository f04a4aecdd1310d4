using System;
using System.Globalization;
using EdgeLstm.Import.Json;
using Xunit;

namespace EdgeLstm.Tests.Json;

public sealed class JsonFloatTests
{
    [Fact]
    public void RandomBitPatternsRoundTripBitExactly()
    {
        var random = new Random(12345);
        for (int i = 0; i < 300_000; i++)
        {
            AssertRoundTrips(TestModels.AnyFinite(random));
        }
    }

    [Fact]
    public void EverySubnormalExponentAndBoundaryRoundTrips()
    {
        // All subnormals with a single set bit, their neighbours, and every power of two.
        for (int bit = 0; bit < 23; bit++)
        {
            int bits = 1 << bit;
            AssertRoundTrips(BitConverter.Int32BitsToSingle(bits));
            AssertRoundTrips(BitConverter.Int32BitsToSingle(bits + 1));
            AssertRoundTrips(BitConverter.Int32BitsToSingle(bits - 1));
            AssertRoundTrips(-BitConverter.Int32BitsToSingle(bits));
        }
        for (int exponent = 1; exponent < 255; exponent++)
        {
            int bits = exponent << 23;
            AssertRoundTrips(BitConverter.Int32BitsToSingle(bits));
            AssertRoundTrips(BitConverter.Int32BitsToSingle(bits - 1));
            AssertRoundTrips(BitConverter.Int32BitsToSingle(bits | 0x7FFFFF));
        }
        AssertRoundTrips(0f);
        AssertRoundTrips(-0f);
        AssertRoundTrips(float.MaxValue);
        AssertRoundTrips(float.MinValue);
        AssertRoundTrips(float.Epsilon);
    }

    [Theory]
    [InlineData(0.1f, "0.1")]
    [InlineData(1f, "1")]
    [InlineData(-0f, "-0")]
    [InlineData(0.3333333f, "0.3333333")]
    [InlineData(float.Epsilon, "1E-45")]
    [InlineData(float.MaxValue, "3.4028235E+38")]
    public void FormatIsTheShortestRoundTripText(float value, string expected)
        => Assert.Equal(expected, JsonFloat.Format(value));

    [Fact]
    public void ParseRoundsTheDecimalTextOnceStraightToFloat()
    {
        // 1 + 2^-24 is the midpoint between 1 and the next float. This text lies just above it, so the correct
        // float is 1 + 2^-23; going through double first lands exactly on the midpoint and ties down to 1.
        const string text = "1.00000005960464478";
        Assert.Equal(1f, (float)double.Parse(text, CultureInfo.InvariantCulture));

        Assert.True(JsonFloat.TryParse(text, out float value));
        Assert.Equal(BitConverter.Int32BitsToSingle(0x3F800001), value);
    }

    [Theory]
    [InlineData("3.5e38")]
    [InlineData("-1e39")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("abc")]
    public void ParseRefusesWhatIsNotAFiniteFloat(string text) => Assert.False(JsonFloat.TryParse(text, out _));

    [Fact]
    public void FormatRefusesNonFiniteValues()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => JsonFloat.Format(float.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => JsonFloat.Format(float.NegativeInfinity));
    }

    private static void AssertRoundTrips(float value)
    {
        string text = JsonFloat.Format(value);
        // The text must also be a JSON number the strict reader accepts.
        JsonValue parsed = JsonReader.Parse(text, "float.json");
        Assert.Equal(JsonKind.Number, parsed.Kind);
        if (!JsonFloat.TryParse(parsed.NumberText!, out float back) ||
            BitConverter.SingleToInt32Bits(back) != BitConverter.SingleToInt32Bits(value))
        {
            Assert.Fail($"0x{BitConverter.SingleToInt32Bits(value):X8} was written as '{text}' and read back as 0x{BitConverter.SingleToInt32Bits(back):X8}.");
        }
    }
}
