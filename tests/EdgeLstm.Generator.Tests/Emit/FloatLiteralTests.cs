using System;
using System.Globalization;
using EdgeLstm.Generator.Emit;
using Xunit;

namespace EdgeLstm.Generator.Tests.Emit;

public sealed class FloatLiteralTests
{
    [Theory]
    [InlineData(0f, "0f")]
    [InlineData(-0f, "-0f")]
    [InlineData(0.25f, "0.25f")]
    [InlineData(-1.5f, "-1.5f")]
    [InlineData(float.NaN, "float.NaN")]
    [InlineData(float.PositiveInfinity, "float.PositiveInfinity")]
    public void FormatsSpecialAndSimpleValues(float value, string expected) => Assert.Equal(expected, FloatLiteral.Format(value));

    [Fact]
    public void EveryLiteralParsesBackToTheSameBits()
    {
        var random = new Random(5);
        for (int i = 0; i < 100_000; i++)
        {
            float value = BitConverter.Int32BitsToSingle(random.Next() ^ (random.Next(2) << 31));
            if (!float.IsFinite(value)) continue;
            string literal = FloatLiteral.Format(value);
            Assert.EndsWith("f", literal);
            float parsed = float.Parse(literal.TrimEnd('f'), NumberStyles.Float, CultureInfo.InvariantCulture);
            Assert.Equal(BitConverter.SingleToInt32Bits(value), BitConverter.SingleToInt32Bits(parsed));
        }
        Assert.Equal("1E-45f", FloatLiteral.Format(float.Epsilon));
        Assert.Equal("3.4028235E+38f", FloatLiteral.Format(float.MaxValue));
    }
}
