using System;
using System.Collections.Generic;
using System.Runtime.Intrinsics;
using EdgeLstm.Numerics;
using Xunit;

namespace EdgeLstm.Tests.Numerics;

/// <summary>
/// Checks every activation, vector and scalar form, against double precision on a dense grid, on a sweep through
/// every magnitude of the float range, and at the special values.
/// </summary>
public sealed class VectorMathTests
{
    private const double Tolerance = 1e-6;

    public static IEnumerable<object[]> Functions() => new[]
    {
        new object[] { "sigmoid" }, new object[] { "tanh" }, new object[] { "relu" }, new object[] { "hardsigmoid" },
        new object[] { "leakyrelu" }, new object[] { "affine" }, new object[] { "scaledtanh" }, new object[] { "softsign" },
    };

    [Theory]
    [MemberData(nameof(Functions))]
    public void DenseGridWithinTolerance(string name) => CheckAll(name, DenseGrid());

    [Theory]
    [MemberData(nameof(Functions))]
    public void WholeFloatRangeWithinTolerance(string name) => CheckAll(name, BitPatternSweep());

    [Theory]
    [MemberData(nameof(Functions))]
    public void SpecialValues(string name) => CheckAll(name, Specials);

    [Fact]
    public void SaturatesExactly()
    {
        foreach (float x in new[] { 20f, 100f, 1e10f, float.MaxValue, float.PositiveInfinity })
        {
            Assert.Equal(1f, VectorMath.Sigmoid(x));
            Assert.Equal(1f, VectorMath.Sigmoid(Vector128.Create(x)).GetElement(0));
            Assert.Equal(1f, VectorMath.Tanh(x));
            Assert.Equal(-1f, VectorMath.Tanh(-x));
            Assert.Equal(1f, VectorMath.Tanh(Vector128.Create(x)).GetElement(0));
            Assert.Equal(-1f, VectorMath.Tanh(Vector128.Create(-x)).GetElement(0));
            Assert.Equal(1f, VectorMath.Softsign(Vector128.Create(x * 1e30f)).GetElement(0));
            Assert.Equal(-1f, VectorMath.Softsign(-x * 1e30f));
        }
        Assert.Equal(0f, VectorMath.Sigmoid(float.NegativeInfinity));
        Assert.Equal(0f, VectorMath.Sigmoid(Vector128.Create(float.NegativeInfinity)).GetElement(0));
    }

    [Fact]
    public void TanhIsOddIncludingNegativeZero()
    {
        Assert.True(float.IsNegative(VectorMath.Tanh(-0f)));
        Assert.True(float.IsNegative(VectorMath.Tanh(Vector128.Create(-0f)).GetElement(0)));
        for (float x = 0.001f; x < 10f; x *= 1.1f)
        {
            Assert.Equal(-VectorMath.Tanh(x), VectorMath.Tanh(-x));
            Assert.Equal(-VectorMath.Tanh(Vector128.Create(x)).GetElement(0), VectorMath.Tanh(Vector128.Create(-x)).GetElement(0));
        }
    }

    [Fact]
    public void WideFormsGiveTheFourLaneFloatsInEveryLane()
    {
        // The 8- and 16-lane overloads (256-bit kernels, multi-stream kernels) must be the same algorithm lane for lane:
        // a hidden unit gets the same float whichever width carried it.
        var values = new List<float>(DenseGrid());
        values.AddRange(Specials);
        for (float x = 7.9f; x < 16.1f; x += 0.0001f) values.Add(x); // both saturation thresholds, both signs
        for (float x = -16.1f; x < -7.9f; x += 0.0001f) values.Add(x);
        var functions = new (string Name, Func<Vector128<float>, Vector128<float>> Four, Func<Vector256<float>, Vector256<float>> Eight, Func<Vector512<float>, Vector512<float>> Sixteen)[]
        {
            ("sigmoid", VectorMath.Sigmoid, VectorMath.Sigmoid, VectorMath.Sigmoid),
            ("tanh", VectorMath.Tanh, VectorMath.Tanh, VectorMath.Tanh),
            ("scaledtanh", x => VectorMath.ScaledTanh(x, 1.7f, 0.6f), x => VectorMath.ScaledTanh(x, 1.7f, 0.6f), x => VectorMath.ScaledTanh(x, 1.7f, 0.6f)),
            ("softsign", VectorMath.Softsign, VectorMath.Softsign, VectorMath.Softsign),
        };
        foreach (var f in functions)
        {
            for (int i = 0; i < values.Count; i++)
            {
                float x = values[i], y = values[(i * 7 + 3) % values.Count];
                float four = f.Four(Vector128.Create(x)).GetElement(0);
                Vector256<float> eight = f.Eight(Vector256.Create(y, x, y, y, y, y, y, x));
                Vector512<float> sixteen = f.Sixteen(Vector512.Create(y, y, y, y, y, x, y, y, y, y, y, y, y, y, y, x));
                foreach (float wide in new[] { eight.GetElement(1), eight.GetElement(7), sixteen.GetElement(5), sixteen.GetElement(15) })
                {
                    Assert.True(BitConverter.SingleToInt32Bits(four) == BitConverter.SingleToInt32Bits(wide) || (float.IsNaN(four) && float.IsNaN(wide)),
                        $"{f.Name}({x:R}): 4 lanes {four:R}, wide {wide:R}");
                }
            }
        }
    }

    [Fact]
    public void ExpMatchesDoubleInRelativeTerms()
    {
        foreach (float x in DenseGrid())
        {
            AssertRelative(Math.Exp(x), VectorMath.Exp(x), x);
            AssertRelative(Math.Exp(x), VectorMath.Exp(Vector128.Create(x)).GetElement(0), x);
        }
        for (float x = -87f; x < 88.7f; x += 0.0137f)
        {
            AssertRelative(Math.Exp(x), VectorMath.Exp(x), x);
            AssertRelative(Math.Exp(x), VectorMath.Exp(Vector128.Create(x)).GetElement(0), x);
        }
    }

    [Fact]
    public void ExpHandlesTheEnds()
    {
        foreach (Func<float, float> exp in new Func<float, float>[] { VectorMath.Exp, x => VectorMath.Exp(Vector128.Create(x)).GetElement(0) })
        {
            Assert.Equal(float.PositiveInfinity, exp(89f));
            Assert.Equal(float.PositiveInfinity, exp(float.PositiveInfinity));
            Assert.Equal(0f, exp(-105f));
            Assert.Equal(0f, exp(float.NegativeInfinity));
            Assert.True(float.IsNaN(exp(float.NaN)));
            Assert.Equal(1f, exp(0f));
            Assert.Equal(1f, exp(-0f));
            Assert.True(float.IsFinite(exp(88.72f)) && exp(88.72f) > 3.3e38f);
            float subnormal = exp(-100f);
            Assert.InRange(subnormal, 3.6e-44f * 0.9f, 3.8e-44f * 1.1f);
        }
    }

    private static void AssertRelative(double expected, float actual, float x)
    {
        double relative = Math.Abs(actual - expected) / expected;
        Assert.True(relative < 4e-7, $"exp({x:R}) = {actual:R}, expected {expected:R} (relative error {relative:E2})");
    }

    private static readonly float[] Specials =
    {
        0f, -0f, float.Epsilon, -float.Epsilon, 1e-40f, -1e-40f, 1.17549435e-38f, -1.17549435e-38f,
        float.MaxValue, float.MinValue, float.PositiveInfinity, float.NegativeInfinity, float.NaN,
        1e-7f, -1e-7f, 44f, -44f, 87.5f, -87.5f, 88.8f, -88.8f, 104f, -104f,
    };

    private static IEnumerable<float> DenseGrid()
    {
        for (int i = -20000; i <= 20000; i++)
        {
            yield return i * 1e-3f;
        }
    }

    // Steps through the 32-bit patterns with a stride co-prime to 2^32, so every exponent of both signs is visited.
    private static IEnumerable<float> BitPatternSweep()
    {
        for (long bits = 0; bits < (1L << 32); bits += 4099)
        {
            yield return BitConverter.Int32BitsToSingle(unchecked((int)bits));
        }
    }

    private static void CheckAll(string name, IEnumerable<float> values)
    {
        (Func<double, double> expected, Func<float, float> scalar, Func<Vector128<float>, Vector128<float>> vector) = Select(name);
        foreach (float x in values)
        {
            double want = expected(x);
            Check(name, "scalar", x, want, scalar(x));
            // Put x in every lane position once, alongside unrelated values, to catch lane mix-ups.
            Vector128<float> v = vector(Vector128.Create(x, 0.5f, -3f, x));
            Check(name, "vector", x, want, v.GetElement(0));
            Check(name, "vector", x, want, v.GetElement(3));
            Check(name, "vector", 0.5f, expected(0.5), v.GetElement(1));
            Check(name, "vector", -3f, expected(-3.0), v.GetElement(2));
        }
    }

    private static void Check(string name, string form, float x, double want, float actual)
    {
        if (double.IsNaN(want))
        {
            Assert.True(float.IsNaN(actual), $"{form} {name}({x:R}) = {actual:R}, expected NaN");
            return;
        }
        bool ok = double.IsInfinity(want) ? actual == want : Math.Abs(actual - want) <= Tolerance * Math.Max(1.0, Math.Abs(want));
        Assert.True(ok, $"{form} {name}({x:R}) = {actual:R}, expected {want:R}");
    }

    private static (Func<double, double>, Func<float, float>, Func<Vector128<float>, Vector128<float>>) Select(string name) => name switch
    {
        "sigmoid" => (x => 1.0 / (1.0 + Math.Exp(-x)), VectorMath.Sigmoid, VectorMath.Sigmoid),
        "tanh" => (Math.Tanh, VectorMath.Tanh, VectorMath.Tanh),
        "relu" => (x => x > 0 ? x : double.IsNaN(x) ? x : 0, VectorMath.Relu, VectorMath.Relu),
        "hardsigmoid" => (x => Math.Max(0, Math.Min(1, 0.2 * x + 0.5)), x => VectorMath.HardSigmoid(x, 0.2f, 0.5f), x => VectorMath.HardSigmoid(x, 0.2f, 0.5f)),
        "leakyrelu" => (x => x >= 0 ? x : 0.01 * x, x => VectorMath.LeakyRelu(x, 0.01f), x => VectorMath.LeakyRelu(x, 0.01f)),
        "affine" => (x => 0.5 * x + 0.25, x => VectorMath.Affine(x, 0.5f, 0.25f), x => VectorMath.Affine(x, 0.5f, 0.25f)),
        "scaledtanh" => (x => 1.7 * Math.Tanh(0.6 * x), x => VectorMath.ScaledTanh(x, 1.7f, 0.6f), x => VectorMath.ScaledTanh(x, 1.7f, 0.6f)),
        // Softsign saturates to ±1 at ±∞ (the plain quotient would be ∞/∞).
        "softsign" => (x => double.IsInfinity(x) ? Math.Sign(x) : x / (1.0 + Math.Abs(x)), VectorMath.Softsign, VectorMath.Softsign),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };
}
