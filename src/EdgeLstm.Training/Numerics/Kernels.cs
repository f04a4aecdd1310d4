using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace EdgeLstm.Training.Numerics;

/// <summary>
/// The two loops training spends its time in. Both use <see cref="Vector128{T}"/> of two doubles and a fixed
/// summation order, so that x64 (SSE2), ARM64 (AdvSimd) and the scalar fallback add in the same order and a seed gives
/// the same weights on the desktop and on the board (up to the platform's exp and tanh).
/// </summary>
internal static class Kernels
{
    /// <summary>Σ a[i]·b[i] over a's length (b at least as long).</summary>
    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        b = b.Slice(0, a.Length);
        ref double pa = ref MemoryMarshal.GetReference(a);
        ref double pb = ref MemoryMarshal.GetReference(b);
        var sum = Vector128<double>.Zero;
        int i = 0;
        for (; i <= a.Length - 2; i += 2)
        {
            sum += Vector128.LoadUnsafe(ref pa, (nuint)i) * Vector128.LoadUnsafe(ref pb, (nuint)i);
        }
        double result = sum.GetElement(0) + sum.GetElement(1);
        if (i < a.Length)
        {
            result += Unsafe.Add(ref pa, i) * Unsafe.Add(ref pb, i);
        }
        return result;
    }

    /// <summary>y[i] += alpha · x[i] over x's length (y at least as long).</summary>
    public static void Axpy(double alpha, ReadOnlySpan<double> x, Span<double> y)
    {
        y = y.Slice(0, x.Length);
        ref double px = ref MemoryMarshal.GetReference(x);
        ref double py = ref MemoryMarshal.GetReference(y);
        var a = Vector128.Create(alpha);
        int i = 0;
        for (; i <= x.Length - 2; i += 2)
        {
            (Vector128.LoadUnsafe(ref py, (nuint)i) + a * Vector128.LoadUnsafe(ref px, (nuint)i)).StoreUnsafe(ref py, (nuint)i);
        }
        if (i < x.Length)
        {
            Unsafe.Add(ref py, i) += alpha * Unsafe.Add(ref px, i);
        }
    }

    /// <summary>The logistic function as the reference implementation computes it.</summary>
    public static double Sigmoid(double x) => 1.0 / (1.0 + Math.Exp(-x));
}
