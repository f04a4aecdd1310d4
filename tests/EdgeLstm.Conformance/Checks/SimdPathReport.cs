using System.IO;
using System.Runtime;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace EdgeLstm.Conformance.Checks;

/// <summary>
/// Says which of the generated recurrent kernels' paths this process runs, by the same tests the generated dispatch uses
/// (AdvSimd.Arm64, else Vector512, else Vector256, else Vector128, else scalar), and how the code was compiled.
/// </summary>
public static class SimdPathReport
{
    /// <summary>
    /// The kernel path the generated recurrent code takes here: AdvSimd, Vector512 (x64 with AVX-512), Vector256 (x64
    /// with AVX2), Vector128 or Scalar.
    /// </summary>
    public static string ActivePath
        => AdvSimd.Arm64.IsSupported ? "AdvSimd"
            : Vector512.IsHardwareAccelerated ? "Vector512"
            : Vector256.IsHardwareAccelerated ? "Vector256"
            : Vector128.IsHardwareAccelerated ? "Vector128"
            : "Scalar";

    /// <summary>Writes the runtime, the SIMD capabilities and the active path.</summary>
    public static void Write(TextWriter log)
    {
        // Not RuntimeFeature.IsDynamicCodeCompiled: PublishAot makes the JIT build report false too (it simulates AOT).
        // The JIT has compiled this very method by now; a Native AOT process has no JIT and reports zero methods.
        string compilation = JitInfo.GetCompiledMethodCount() > 0 ? "JIT" : "Native AOT";
        log.WriteLine($"runtime: {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.ProcessArchitecture}, {compilation}");
        log.WriteLine(
            $"simd: AdvSimd.Arm64.IsSupported={AdvSimd.Arm64.IsSupported} Vector128.IsHardwareAccelerated={Vector128.IsHardwareAccelerated} " +
            $"Avx2.IsSupported={Avx2.IsSupported} Fma.IsSupported={Fma.IsSupported} Vector512.IsHardwareAccelerated={Vector512.IsHardwareAccelerated}");
        log.WriteLine($"kernel path: {ActivePath}");
        if (ActivePath == "Vector512")
        {
            log.WriteLine("  (512-bit for recurrent layers of more than 2,048 weights; smaller ones, dense layers and Run's input projection: Vector256)");
        }
    }
}
