namespace EdgeLstm.Generator.Emit;

/// <summary>The code paths every recurrent kernel is emitted in; the JIT (or Native AOT) keeps exactly one.</summary>
internal enum SimdPath
{
    /// <summary>ARM64 NEON: one load of 4 inputs, multiply-add by selected lane (no broadcasts).</summary>
    AdvSimd,

    /// <summary>
    /// x64 with AVX-512 (chosen at JIT time), for the Step and Recur kernels of looped recurrent layers
    /// (<see cref="WideKernelEmitter.Applies"/>): one gate of 16 units per register, from a 64-byte aligned
    /// copy of the weights laid out for it (<see cref="WideLayout"/>), activations and cell update on 16 lanes.
    /// Unrolled (small) kernels and dense layers take the Vector256 form there; Run's input projection has its own
    /// 512-bit forms (<see cref="ProjectionEmitter"/>; from the same aligned copy where the layer has this form:
    /// <see cref="WideProjectionEmitter"/>).
    /// </summary>
    Vector512,

    /// <summary>
    /// x64 with 256-bit vectors (AVX2, chosen at JIT time): the column products run on pairs of 4-lane gate vectors
    /// that lie next to each other in the weight stream, with two sets of accumulators (even and odd columns) so that
    /// there are enough independent multiply-add chains; the cell update stays on 4 lanes.
    /// </summary>
    Vector256,

    /// <summary>Any other 128-bit SIMD (x64 SSE/AVX/FMA): broadcast each input, fused multiply-add where available.</summary>
    Vector128,

    /// <summary>No SIMD hardware (or DOTNET_EnableHWIntrinsic=0): plain float loops over the same packed layout.</summary>
    Scalar,
}
