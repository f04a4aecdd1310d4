using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace EdgeLstm.Numerics;

/// <summary>
/// The activation functions generated models call, for four lanes at a time (<see cref="Vector128{T}"/>) and for one
/// value (<see cref="float"/>). Both forms run the same algorithm, so the scalar fallback (no SIMD hardware) and the
/// vector paths agree to the last bit or two.
/// </summary>
/// <remarks>
/// <para>Accuracy: absolute error at most 1e-6 against double precision over the whole float range, exact saturation
/// (sigmoid 0/1, tanh and softsign ±1), NaN in gives NaN out. <see cref="Vector128.Min{T}"/> and
/// <see cref="Vector128.Max{T}"/> propagate NaN since .NET 9, so the clamps below need no extra NaN select.</para>
/// <para>Sigmoid and tanh use no exponential: tanh is a rational function and sigmoid is tanh of x / 2, so that the activations of a recurrent step, which lie on its critical path,
/// cost one division each. The latency from x to the result is what a small layer's step waits for, twice per step:
/// x², x⁴, x⁸ and one multiply-add before the division (x itself is folded into the numerator's coefficients, which
/// are multiplied by x beside the powers), then one select.</para>
/// <para>Exp (softmax) uses Cody–Waite range reduction x = n ln2 + r, |r| ≤ ln2/2, Cephes' minimax polynomial for e^r
/// (about 1 ulp) and builds 2^n from exponent bits.</para>
/// </remarks>
public static class VectorMath
{
    private const float Log2E = 1.44269504088896341f;

    // ln 2 split so that n * Ln2Hi is exact for |n| ≤ 2^9 (Ln2Hi has 9 significant bits).
    private const float Ln2Hi = 0.693359375f;
    private const float Ln2Lo = -2.12194440e-4f;

    private const float P0 = 1.9875691500e-4f, P1 = 1.3981999507e-3f, P2 = 8.3334519073e-3f;
    private const float P3 = 4.1665795894e-2f, P4 = 1.6666665459e-1f, P5 = 5.0000001201e-1f;

    // Full-range exp: below ExpUnderflow the result rounds to 0; above ExpOverflow it is +infinity.
    private const float ExpUnderflow = -103.972f, ExpOverflow = 88.7228394f;

    // tanh: Eigen's generic_fast_tanh_float coefficients (numerator odd, denominator even, in powers of x).
    private const float A1 = 4.89352455891786e-03f, A3 = 6.37261928875436e-04f, A5 = 1.48572235717979e-05f;
    private const float A7 = 5.12229709037114e-08f, A9 = -8.60467152213735e-11f, A11 = 2.00018790482477e-13f;
    private const float A13 = -2.76076847742355e-16f;
    private const float B0 = 4.89352518554385e-03f, B2 = 2.26843463243900e-03f, B4 = 1.18534705686654e-04f;
    private const float B6 = 1.19825839466702e-06f;

    // The rational function is fitted on [-TanhClamp, TanhClamp]; from there on tanh x is ±1 within 2.3e-7 (1 - tanh
    // 7.9988 = 2.25e-7), and the result is set to exactly ±1. The input is not clamped: outside the range the rational
    // function's value (even inf / inf) is replaced by that select, which compares x itself and so runs beside the
    // polynomial instead of in front of it.
    private const float TanhClamp = 7.99881172180175781f;

    // vpternlogd's truth table for (a & ~b) | c, bit 4a + 2b + c: a = the quotient, b = saturated, c = (1 if saturated) | sign.
    private const byte TanhSaturation = 0b1011_1010;

    // |x| beyond which softsign is ±1 in float; clamping there keeps inf / inf from producing NaN.
    private const float SoftsignSaturation = 1e30f;

    /// <summary>e^x, relative error about 2 ulp; 0 below -103.97, +∞ above 88.72, NaN for NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Exp(Vector128<float> x)
    {
        Vector128<float> clamped = Vector128.Min(Vector128.Max(x, Vector128.Create(ExpUnderflow)), Vector128.Create(ExpOverflow));
        Vector128<float> n = Vector128.Round(clamped * Vector128.Create(Log2E));
        Vector128<float> p = ExpReduced(clamped, n);

        // n reaches [-150, 128]: split 2^n into two normal factors so that results near the ends
        // (subnormal or close to float.MaxValue) are still formed correctly.
        Vector128<int> ni = Vector128.ConvertToInt32(n);
        Vector128<int> half = Vector128.ShiftRightArithmetic(ni, 1);
        Vector128<float> result = p * PowerOfTwo(half) * PowerOfTwo(ni - half);

        result = Vector128.ConditionalSelect(Vector128.GreaterThan(x, Vector128.Create(ExpOverflow)), Vector128.Create(float.PositiveInfinity), result);
        return Vector128.ConditionalSelect(Vector128.LessThan(x, Vector128.Create(ExpUnderflow)), Vector128<float>.Zero, result);
    }

    /// <summary>e^x for one value; the same algorithm as the vector overload.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Exp(float x)
    {
        if (x > ExpOverflow) return float.PositiveInfinity;
        if (x < ExpUnderflow) return 0f;
        float n = MathF.Round(x * Log2E);
        float p = ExpReduced(x, n);
        int ni = (int)n;
        int half = ni >> 1;
        return p * PowerOfTwo(half) * PowerOfTwo(ni - half);
    }

    /// <summary>
    /// 1 / (1 + e^-x), computed as 0.5 + 0.5 tanh(x / 2): exactly 0 or 1 at the ends, NaN for NaN, absolute error half
    /// that of <see cref="Tanh(Vector128{float})"/>. One division and no exponential. (A rational function of x with
    /// tanh's coefficients scaled by powers of two would save the multiplication by 0.5 in front, but its 11 more
    /// constants crowd the registers of a kernel that evaluates both functions: the JIT spilled them.)
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Sigmoid(Vector128<float> x)
    {
        Vector128<float> half = Vector128.Create(0.5f);
        return Vector128.MultiplyAddEstimate(Tanh(x * half), half, half);
    }

    /// <summary>1 / (1 + e^-x) for one value; the same algorithm as the vector overload.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sigmoid(float x) => Tanh(x * 0.5f) * 0.5f + 0.5f;

    /// <summary>
    /// tanh x as the odd rational function x P(x²) / Q(x²) (degrees 13 / 6, Eigen's float coefficients), and exactly ±1
    /// from |x| ≥ <c>TanhClamp</c> on. Exactly odd; absolute error below 3e-7 against double precision; NaN in gives NaN
    /// out (the saturation compare is false for it). x's sign bit is set on the result (which has it already, except
    /// for x = -0, where terms with negative coefficients are +0 and the sum is +0).
    /// </summary>
    /// <remarks>
    /// The result is select(saturated, 1, t) | sign(x). With AVX-512 it is computed as (t &amp; ~saturated) |
    /// ((saturated ? 1 : 0) | sign(x)), the same bits, where everything but t depends on x alone and is ready before the
    /// division ends: one <c>vpternlogd</c> follows the division instead of a blend and an or.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Tanh(Vector128<float> x)
    {
        Vector128<float> t = OddRational(x, A1, A3, A5, A7, A9, A11, A13, B0, B2, B4, B6);
        Vector128<float> saturated = Vector128.GreaterThanOrEqual(Vector128.Abs(x), Vector128.Create(TanhClamp));
        return Saturate(t, saturated, x);
    }

    // select(saturated, 1, t) | sign(x). With AVX-512 as one vpternlogd on t and two values computed from x alone
    // (ready before the division ends): the JIT turns the portable form into vblendvps + vpternlogd, 4 cycles after
    // the division instead of 1, and vblendvps (a VEX instruction) cannot reach registers 16-31, which made the JIT
    // spill the quotient in kernels that keep many constants live. Same bits either way.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Saturate(Vector128<float> t, Vector128<float> saturated, Vector128<float> x)
    {
        Vector128<float> sign = x & Vector128.Create(-0f);
        if (Avx512F.VL.IsSupported)
        {
            return Avx512F.VL.TernaryLogic(t, saturated, (saturated & Vector128<float>.One) | sign, TanhSaturation);
        }
        return Vector128.ConditionalSelect(saturated, Vector128<float>.One, t) | sign;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Saturate(Vector256<float> t, Vector256<float> saturated, Vector256<float> x)
    {
        Vector256<float> sign = x & Vector256.Create(-0f);
        if (Avx512F.VL.IsSupported)
        {
            return Avx512F.VL.TernaryLogic(t, saturated, (saturated & Vector256<float>.One) | sign, TanhSaturation);
        }
        return Vector256.ConditionalSelect(saturated, Vector256<float>.One, t) | sign;
    }

    /// <summary>tanh x for one value; the same algorithm as the vector overload.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Tanh(float x)
        => MathF.CopySign(MathF.Abs(x) >= TanhClamp ? 1f : OddRational(x, A1, A3, A5, A7, A9, A11, A13, B0, B2, B4, B6), x);

    /// <summary>
    /// x (a1 + a3 z + ... + a13 z⁶) / (b0 + b2 z + b4 z² + b6 z³) with z = x², in Estrin's scheme. x is folded into
    /// the numerator's coefficients (a_k x, computed beside z), so the numerator is ready one multiply-add after z⁴
    /// (= x⁸): four steps from x to the division instead of seven with a clamp in front and x multiplied in after.
    /// Odd: every a_k x changes sign with x, z does not.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> OddRational(Vector128<float> x, float a1, float a3, float a5, float a7, float a9, float a11, float a13,
        float b0, float b2, float b4, float b6)
    {
        Vector128<float> z = x * x;
        Vector128<float> z2 = z * z;
        Vector128<float> z4 = z2 * z2;
        Vector128<float> low = Vector128.MultiplyAddEstimate(
            Vector128.MultiplyAddEstimate(Vector128.Create(a7) * x, z, Vector128.Create(a5) * x), z2,
            Vector128.MultiplyAddEstimate(Vector128.Create(a3) * x, z, Vector128.Create(a1) * x));
        Vector128<float> high = Vector128.MultiplyAddEstimate(Vector128.Create(a13) * x, z2,
            Vector128.MultiplyAddEstimate(Vector128.Create(a11) * x, z, Vector128.Create(a9) * x));
        Vector128<float> p = Vector128.MultiplyAddEstimate(high, z4, low);
        Vector128<float> q = Vector128.MultiplyAddEstimate(
            Vector128.MultiplyAddEstimate(Vector128.Create(b6), z, Vector128.Create(b4)), z2,
            Vector128.MultiplyAddEstimate(Vector128.Create(b2), z, Vector128.Create(b0)));
        return p / q;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float OddRational(float x, float a1, float a3, float a5, float a7, float a9, float a11, float a13,
        float b0, float b2, float b4, float b6)
    {
        float z = x * x;
        float z2 = z * z;
        float z4 = z2 * z2;
        float low = (a7 * x * z + a5 * x) * z2 + (a3 * x * z + a1 * x);
        float high = a13 * x * z2 + (a11 * x * z + a9 * x);
        float p = high * z4 + low;
        float q = (b6 * z + b4) * z2 + (b2 * z + b0);
        return p / q;
    }

    /// <summary>max(x, 0); NaN stays NaN, -0 becomes +0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Relu(Vector128<float> x)
        => Vector128.ConditionalSelect(Vector128.LessThanOrEqual(x, Vector128<float>.Zero), Vector128<float>.Zero, x); // NaN compares false: kept

    /// <summary>max(x, 0) for one value; NaN stays NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Relu(float x) => x > 0f ? x : (float.IsNaN(x) ? x : 0f);

    /// <summary>max(0, min(1, alpha x + beta)).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> HardSigmoid(Vector128<float> x, float alpha, float beta)
        => Vector128.Min(Vector128.Max(Vector128.MultiplyAddEstimate(x, Vector128.Create(alpha), Vector128.Create(beta)), Vector128<float>.Zero), Vector128<float>.One);

    /// <summary>max(0, min(1, alpha x + beta)) for one value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float HardSigmoid(float x, float alpha, float beta) => MathF.Min(MathF.Max(alpha * x + beta, 0f), 1f);

    /// <summary>x if x ≥ 0, else alpha x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> LeakyRelu(Vector128<float> x, float alpha)
        => Vector128.ConditionalSelect(Vector128.LessThan(x, Vector128<float>.Zero), x * Vector128.Create(alpha), x);

    /// <summary>x if x ≥ 0, else alpha x, for one value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float LeakyRelu(float x, float alpha) => x < 0f ? alpha * x : x;

    /// <summary>alpha x + beta.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Affine(Vector128<float> x, float alpha, float beta)
        => Vector128.MultiplyAddEstimate(x, Vector128.Create(alpha), Vector128.Create(beta));

    /// <summary>alpha x + beta for one value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Affine(float x, float alpha, float beta) => alpha * x + beta;

    /// <summary>alpha tanh(beta x).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> ScaledTanh(Vector128<float> x, float alpha, float beta)
        => Vector128.Create(alpha) * Tanh(x * Vector128.Create(beta));

    /// <summary>alpha tanh(beta x) for one value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ScaledTanh(float x, float alpha, float beta) => alpha * Tanh(beta * x);

    /// <summary>x / (1 + |x|); ±1 for ±∞ (the quotient alone would be ∞/∞ = NaN there).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Softsign(Vector128<float> x)
    {
        Vector128<float> bounded = Vector128.Min(Vector128.Max(x, Vector128.Create(-SoftsignSaturation)), Vector128.Create(SoftsignSaturation));
        return bounded / (Vector128<float>.One + Vector128.Abs(bounded));
    }

    /// <summary>x / (1 + |x|) for one value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Softsign(float x)
    {
        float bounded = MathF.Min(MathF.Max(x, -SoftsignSaturation), SoftsignSaturation);
        return bounded / (1f + MathF.Abs(bounded));
    }

    /// <summary>Bounds x to [-bound, bound] (ONNX <c>clip</c>); NaN stays NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Clip(Vector128<float> x, float bound)
        => Vector128.Min(Vector128.Max(x, Vector128.Create(-bound)), Vector128.Create(bound));

    /// <summary>Bounds x to [-bound, bound] for one value; NaN stays NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Clip(float x, float bound) => MathF.Min(MathF.Max(x, -bound), bound);

    // ---- Eight lanes (x64 with AVX2): the multi-stream kernels keep 8 streams in one vector. Same algorithms as above,
    // lane for lane, so a stream gets the same floats whichever width carried it. ----

    /// <summary>Eight lanes of <see cref="Sigmoid(Vector128{float})"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Sigmoid(Vector256<float> x)
    {
        Vector256<float> half = Vector256.Create(0.5f);
        return Vector256.MultiplyAddEstimate(Tanh(x * half), half, half);
    }

    /// <summary>Eight lanes of <see cref="Tanh(Vector128{float})"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Tanh(Vector256<float> x)
    {
        Vector256<float> t = OddRational(x, A1, A3, A5, A7, A9, A11, A13, B0, B2, B4, B6);
        Vector256<float> saturated = Vector256.GreaterThanOrEqual(Vector256.Abs(x), Vector256.Create(TanhClamp));
        return Saturate(t, saturated, x);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> OddRational(Vector256<float> x, float a1, float a3, float a5, float a7, float a9, float a11, float a13,
        float b0, float b2, float b4, float b6)
    {
        Vector256<float> z = x * x;
        Vector256<float> z2 = z * z;
        Vector256<float> z4 = z2 * z2;
        Vector256<float> low = Vector256.MultiplyAddEstimate(
            Vector256.MultiplyAddEstimate(Vector256.Create(a7) * x, z, Vector256.Create(a5) * x), z2,
            Vector256.MultiplyAddEstimate(Vector256.Create(a3) * x, z, Vector256.Create(a1) * x));
        Vector256<float> high = Vector256.MultiplyAddEstimate(Vector256.Create(a13) * x, z2,
            Vector256.MultiplyAddEstimate(Vector256.Create(a11) * x, z, Vector256.Create(a9) * x));
        Vector256<float> p = Vector256.MultiplyAddEstimate(high, z4, low);
        Vector256<float> q = Vector256.MultiplyAddEstimate(
            Vector256.MultiplyAddEstimate(Vector256.Create(b6), z, Vector256.Create(b4)), z2,
            Vector256.MultiplyAddEstimate(Vector256.Create(b2), z, Vector256.Create(b0)));
        return p / q;
    }

    /// <summary>Eight lanes of <see cref="Relu(Vector128{float})"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Relu(Vector256<float> x)
        => Vector256.ConditionalSelect(Vector256.LessThanOrEqual(x, Vector256<float>.Zero), Vector256<float>.Zero, x);

    /// <summary>Eight lanes of <see cref="HardSigmoid(Vector128{float}, float, float)"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> HardSigmoid(Vector256<float> x, float alpha, float beta)
        => Vector256.Min(Vector256.Max(Vector256.MultiplyAddEstimate(x, Vector256.Create(alpha), Vector256.Create(beta)), Vector256<float>.Zero), Vector256<float>.One);

    /// <summary>Eight lanes of <see cref="LeakyRelu(Vector128{float}, float)"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> LeakyRelu(Vector256<float> x, float alpha)
        => Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256<float>.Zero), x * Vector256.Create(alpha), x);

    /// <summary>Eight lanes of <see cref="Affine(Vector128{float}, float, float)"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Affine(Vector256<float> x, float alpha, float beta)
        => Vector256.MultiplyAddEstimate(x, Vector256.Create(alpha), Vector256.Create(beta));

    /// <summary>Eight lanes of <see cref="ScaledTanh(Vector128{float}, float, float)"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> ScaledTanh(Vector256<float> x, float alpha, float beta)
        => Vector256.Create(alpha) * Tanh(x * Vector256.Create(beta));

    /// <summary>Eight lanes of <see cref="Softsign(Vector128{float})"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Softsign(Vector256<float> x)
    {
        Vector256<float> bounded = Vector256.Min(Vector256.Max(x, Vector256.Create(-SoftsignSaturation)), Vector256.Create(SoftsignSaturation));
        return bounded / (Vector256<float>.One + Vector256.Abs(bounded));
    }

    /// <summary>Eight lanes of <see cref="Clip(Vector128{float}, float)"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Clip(Vector256<float> x, float bound)
        => Vector256.Min(Vector256.Max(x, Vector256.Create(-bound)), Vector256.Create(bound));

    // ---- Sixteen lanes (x64 with AVX-512): the multi-stream kernels keep two to four hidden units of every stream in
    // one vector. Same algorithms, lane for lane. ----

    /// <summary>Sixteen lanes of <see cref="Sigmoid(Vector128{float})"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Sigmoid(Vector512<float> x)
    {
        Vector512<float> half = Vector512.Create(0.5f);
        return Vector512.MultiplyAddEstimate(Tanh(x * half), half, half);
    }

    /// <summary>Sixteen lanes of <see cref="Tanh(Vector128{float})"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Tanh(Vector512<float> x)
    {
        Vector512<float> t = OddRational(x, A1, A3, A5, A7, A9, A11, A13, B0, B2, B4, B6);
        Vector512<float> saturated = Vector512.GreaterThanOrEqual(Vector512.Abs(x), Vector512.Create(TanhClamp));
        return Vector512.ConditionalSelect(saturated, Vector512<float>.One, t) | (x & Vector512.Create(-0f));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> OddRational(Vector512<float> x, float a1, float a3, float a5, float a7, float a9, float a11, float a13,
        float b0, float b2, float b4, float b6)
    {
        Vector512<float> z = x * x;
        Vector512<float> z2 = z * z;
        Vector512<float> z4 = z2 * z2;
        Vector512<float> low = Vector512.MultiplyAddEstimate(
            Vector512.MultiplyAddEstimate(Vector512.Create(a7) * x, z, Vector512.Create(a5) * x), z2,
            Vector512.MultiplyAddEstimate(Vector512.Create(a3) * x, z, Vector512.Create(a1) * x));
        Vector512<float> high = Vector512.MultiplyAddEstimate(Vector512.Create(a13) * x, z2,
            Vector512.MultiplyAddEstimate(Vector512.Create(a11) * x, z, Vector512.Create(a9) * x));
        Vector512<float> p = Vector512.MultiplyAddEstimate(high, z4, low);
        Vector512<float> q = Vector512.MultiplyAddEstimate(
            Vector512.MultiplyAddEstimate(Vector512.Create(b6), z, Vector512.Create(b4)), z2,
            Vector512.MultiplyAddEstimate(Vector512.Create(b2), z, Vector512.Create(b0)));
        return p / q;
    }

    /// <summary>Sixteen lanes of <see cref="Relu(Vector128{float})"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Relu(Vector512<float> x)
        => Vector512.ConditionalSelect(Vector512.LessThanOrEqual(x, Vector512<float>.Zero), Vector512<float>.Zero, x);

    /// <summary>Sixteen lanes of <see cref="HardSigmoid(Vector128{float}, float, float)"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> HardSigmoid(Vector512<float> x, float alpha, float beta)
        => Vector512.Min(Vector512.Max(Vector512.MultiplyAddEstimate(x, Vector512.Create(alpha), Vector512.Create(beta)), Vector512<float>.Zero), Vector512<float>.One);

    /// <summary>Sixteen lanes of <see cref="LeakyRelu(Vector128{float}, float)"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> LeakyRelu(Vector512<float> x, float alpha)
        => Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512<float>.Zero), x * Vector512.Create(alpha), x);

    /// <summary>Sixteen lanes of <see cref="Affine(Vector128{float}, float, float)"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Affine(Vector512<float> x, float alpha, float beta)
        => Vector512.MultiplyAddEstimate(x, Vector512.Create(alpha), Vector512.Create(beta));

    /// <summary>Sixteen lanes of <see cref="ScaledTanh(Vector128{float}, float, float)"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> ScaledTanh(Vector512<float> x, float alpha, float beta)
        => Vector512.Create(alpha) * Tanh(x * Vector512.Create(beta));

    /// <summary>Sixteen lanes of <see cref="Softsign(Vector128{float})"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Softsign(Vector512<float> x)
    {
        Vector512<float> bounded = Vector512.Min(Vector512.Max(x, Vector512.Create(-SoftsignSaturation)), Vector512.Create(SoftsignSaturation));
        return bounded / (Vector512<float>.One + Vector512.Abs(bounded));
    }

    /// <summary>Sixteen lanes of <see cref="Clip(Vector128{float}, float)"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Clip(Vector512<float> x, float bound)
        => Vector512.Min(Vector512.Max(x, Vector512.Create(-bound)), Vector512.Create(bound));

    // e^r for r = x - n ln2 (|r| ≤ ln2/2): Cephes expf's polynomial, 1 + r + r² P(r).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> ExpReduced(Vector128<float> x, Vector128<float> n)
    {
        Vector128<float> r = Vector128.MultiplyAddEstimate(n, Vector128.Create(-Ln2Hi), x);
        r = Vector128.MultiplyAddEstimate(n, Vector128.Create(-Ln2Lo), r);
        Vector128<float> p = Vector128.MultiplyAddEstimate(Vector128.Create(P0), r, Vector128.Create(P1));
        p = Vector128.MultiplyAddEstimate(p, r, Vector128.Create(P2));
        p = Vector128.MultiplyAddEstimate(p, r, Vector128.Create(P3));
        p = Vector128.MultiplyAddEstimate(p, r, Vector128.Create(P4));
        p = Vector128.MultiplyAddEstimate(p, r, Vector128.Create(P5));
        return Vector128.MultiplyAddEstimate(p, r * r, r) + Vector128<float>.One;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float ExpReduced(float x, float n)
    {
        float r = x - n * Ln2Hi;
        r -= n * Ln2Lo;
        float p = P0 * r + P1;
        p = p * r + P2;
        p = p * r + P3;
        p = p * r + P4;
        p = p * r + P5;
        return p * (r * r) + r + 1f;
    }

    // 2^n for n in [-126, 127], straight into the exponent field.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> PowerOfTwo(Vector128<int> n)
        => Vector128.ShiftLeft(n + Vector128.Create(127), 23).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float PowerOfTwo(int n) => BitConverter.Int32BitsToSingle((n + 127) << 23);
}
