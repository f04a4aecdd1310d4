namespace EdgeLstm.Generator.Emit;

/// <summary>The three code paths every kernel is emitted in; the JIT (or Native AOT) keeps exactly one.</summary>
internal enum SimdPath
{
    /// <summary>ARM64 NEON: one load of 4 inputs, multiply-add by selected lane (no broadcasts).</summary>
    AdvSimd,

    /// <summary>Any other 128-bit SIMD (x64 SSE/AVX/FMA): broadcast each input, fused multiply-add where available.</summary>
    Vector128,

    /// <summary>No SIMD hardware (or DOTNET_EnableHWIntrinsic=0): plain float loops over the same packed layout.</summary>
    Scalar,
}
