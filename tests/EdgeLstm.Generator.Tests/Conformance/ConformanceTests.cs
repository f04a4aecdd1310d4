using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using EdgeLstm.Conformance;
using EdgeLstm.Conformance.Checks;
using EdgeLstm.Conformance.Golden;
using EdgeLstm.Conformance.Models;
using EdgeLstm.Generator.Tests.Pipeline;
using EdgeLstm.Testing;
using Xunit;

namespace EdgeLstm.Generator.Tests.Conformance;

/// <summary>
/// Every golden case and every file of the PyTorch export corpus (tests/exports), baked by the generator into
/// tests/EdgeLstm.Conformance, against the PyTorch / ONNX Runtime outputs: in this process (the SIMD path the JIT picks here) and in a child process with hardware intrinsics
/// switched off (the scalar fallback). The Native AOT builds run the same app in tests/EdgeLstm.Conformance/aot-check.sh.
/// </summary>
public sealed class ConformanceTests
{
    [Fact]
    public void EveryGoldenCaseMatchesOnTheSimdPathUnderTheJit()
    {
        Assert.True(Vector128.IsHardwareAccelerated, "this test checks a SIMD path; the machine has none");
        var log = new StringWriter();

        int failures = ConformanceSuite.Run(log);

        string output = log.ToString();
        Assert.True(failures == 0, output);
        string expected = AdvSimd.Arm64.IsSupported ? "AdvSimd"
            : Vector512.IsHardwareAccelerated ? "Vector512"
            : Vector256.IsHardwareAccelerated ? "Vector256"
            : "Vector128";
        Assert.Contains($"kernel path: {expected}", output);
        GoldenCaseFolders.AssertEveryCasePassed(output);
        ExportCorpusFolders.AssertEveryExportPassed(output);
    }

    [Fact]
    public void EveryGoldenCaseMatchesOnTheScalarPathWithHardwareIntrinsicsOff()
    {
        // The app's own build output next to this assembly (the project reference copies it with its runtimeconfig).
        string app = Path.Combine(AppContext.BaseDirectory, "EdgeLstm.Conformance.dll");
        Assert.True(File.Exists(app), $"{app} is missing");

        ProcessRunner.Result result = ProcessRunner.Run("dotnet", new[] { app }, AppContext.BaseDirectory,
            TimeSpan.FromMinutes(5), environment: new Dictionary<string, string> { ["DOTNET_EnableHWIntrinsic"] = "0" });

        Assert.True(result.ExitCode == 0, $"exit code {result.ExitCode}:\n{result.Output}");
        Assert.Contains("kernel path: Scalar", result.Output);
        GoldenCaseFolders.AssertEveryCasePassed(result.Output);
        ExportCorpusFolders.AssertEveryExportPassed(result.Output);
    }

    [Fact]
    public void EveryGoldenCaseMatchesOnThe128BitPathWithAvx2Off()
    {
        // On x64 the JIT picks the 256-bit kernels where AVX2 exists; this child process runs the 128-bit ones
        // (those a Native AOT build for the default x64 target compiles), multi-stream forms included.
        if (!Vector256.IsHardwareAccelerated)
        {
            return; // no 256-bit path here: the in-process test above already ran the 128-bit one
        }
        string app = Path.Combine(AppContext.BaseDirectory, "EdgeLstm.Conformance.dll");
        Assert.True(File.Exists(app), $"{app} is missing");

        ProcessRunner.Result result = ProcessRunner.Run("dotnet", new[] { app }, AppContext.BaseDirectory,
            TimeSpan.FromMinutes(5), environment: new Dictionary<string, string> { ["DOTNET_EnableAVX2"] = "0" });

        Assert.True(result.ExitCode == 0, $"exit code {result.ExitCode}:\n{result.Output}");
        Assert.Contains("kernel path: Vector128", result.Output);
        GoldenCaseFolders.AssertEveryCasePassed(result.Output);
    }

    [Fact]
    public void EveryGoldenCaseMatchesOnThe256BitPathWithAvx512Off()
    {
        // Where AVX-512 exists the larger single-stream kernels take their 512-bit form and the multi-stream forms
        // their 16-lane kernels (16 streams per vector, or two hidden units of 8 streams); this child process runs the
        // 256-bit and 8-lane ones, which every AVX2 machine without AVX-512 takes. .NET 10 switches AVX-512 off with
        // DOTNET_EnableAVX512 (DOTNET_EnableAVX512F=0 is ignored: Vector512 stays accelerated, as the report shows).
        if (!Vector512.IsHardwareAccelerated)
        {
            return; // no 512-bit path here: the in-process test above already ran the 256-bit one
        }
        string app = Path.Combine(AppContext.BaseDirectory, "EdgeLstm.Conformance.dll");
        Assert.True(File.Exists(app), $"{app} is missing");

        ProcessRunner.Result result = ProcessRunner.Run("dotnet", new[] { app }, AppContext.BaseDirectory,
            TimeSpan.FromMinutes(5), environment: new Dictionary<string, string> { ["DOTNET_EnableAVX512"] = "0" });

        Assert.True(result.ExitCode == 0, $"exit code {result.ExitCode}:\n{result.Output}");
        Assert.Contains("kernel path: Vector256", result.Output);
        GoldenCaseFolders.AssertEveryCasePassed(result.Output);
    }

    [Theory]
    [InlineData(2e-5f)]
    [InlineData(float.NaN)]
    public void AModelThatMissesItsGoldenOutputFailsAndUncheckedFormatsAreReported(float perturbation)
    {
        // The pass criterion itself, on a correct model and a golden output moved by just over the tolerance (or NaN).
        GoldenCase golden = GoldenCases.Load().Single(c => c.Name == "rnn_tanh_i2_h8_dense2");
        float[] moved = (float[])golden.Output.Clone();
        moved[moved.Length / 2] += perturbation;
        var log = new StringWriter();
        var run = new ConformanceRun(new[] { golden with { Output = moved } }, log);

        run.Streaming<RnnTanhI2H8Dense2Onnx>("rnn_tanh_i2_h8_dense2", "onnx", () => 0f);
        Assert.Equal((1, 2), (run.Passed, run.Failed)); // SelfTest passes; Step and Run miss the moved value
        Assert.Contains("FAIL rnn_tanh_i2_h8_dense2/onnx Step max|err|=", log.ToString());
        Assert.Contains("FAIL rnn_tanh_i2_h8_dense2/onnx Run max|err|=", log.ToString());

        run.ReportUnchecked(); // safetensors and pt of the case were never checked
        Assert.Equal(4, run.Failed);
        Assert.Contains("FAIL rnn_tanh_i2_h8_dense2/pt coverage:", log.ToString());
    }
}
