namespace EdgeLstm.Generator.Emit;

/// <summary>
/// Every type the generated code names, spelled from <c>global::</c> as the .NET Regex generator spells them: the
/// generated file sits among the user's types and usings, where a type of the user's called <c>VectorMath</c> or
/// <c>Unsafe</c> would otherwise be found first.
/// </summary>
internal static class GlobalNames
{
    public const string Vector128 = "global::System.Runtime.Intrinsics.Vector128";
    public const string Vector128OfFloat = "global::System.Runtime.Intrinsics.Vector128<float>";
    public const string Vector256 = "global::System.Runtime.Intrinsics.Vector256";
    public const string Vector256OfFloat = "global::System.Runtime.Intrinsics.Vector256<float>";
    public const string Vector512 = "global::System.Runtime.Intrinsics.Vector512";
    public const string Vector512OfFloat = "global::System.Runtime.Intrinsics.Vector512<float>";
    public const string AdvSimdArm64 = "global::System.Runtime.Intrinsics.Arm.AdvSimd.Arm64";
    public const string Unsafe = "global::System.Runtime.CompilerServices.Unsafe";
    public const string MemoryMarshal = "global::System.Runtime.InteropServices.MemoryMarshal";
    public const string ReadOnlySpanOfFloat = "global::System.ReadOnlySpan<float>";
    public const string SpanOfFloat = "global::System.Span<float>";
    public const string ArrayPoolOfFloat = "global::System.Buffers.ArrayPool<float>";
    public const string MathFType = "global::System.MathF";
    public const string BitConverterType = "global::System.BitConverter";
    public const string ArgumentExceptionType = "global::System.ArgumentException";
    public const string InvalidOperationExceptionType = "global::System.InvalidOperationException";
    public const string VectorMath = "global::EdgeLstm.Numerics.VectorMath";
    public const string IRecurrentModel = "global::EdgeLstm.IRecurrentModel";
    public const string IStreamingModel = "global::EdgeLstm.IStreamingModel";
    public const string IMultiStreamModel = "global::EdgeLstm.IMultiStreamModel";

    public const string AggressiveInlining =
        "[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]";
    public const string NoInlining =
        "[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]";
    public const string InlineArray = "global::System.Runtime.CompilerServices.InlineArray";
    public const string DoesNotReturn = "[global::System.Diagnostics.CodeAnalysis.DoesNotReturn]";
    public const string DebuggerNonUserCode = "[global::System.Diagnostics.DebuggerNonUserCode]";
    public const string ExcludeFromCodeCoverage = "[global::System.Diagnostics.CodeAnalysis.ExcludeFromCodeCoverage]";

    /// <summary><c>[GeneratedCode("EdgeLstm.Generator", "x.y.z.w")]</c>, the generator's own assembly name and version.</summary>
    public static string GeneratedCode { get; } =
        $"[global::System.CodeDom.Compiler.GeneratedCode(\"{typeof(GlobalNames).Assembly.GetName().Name}\", \"{typeof(GlobalNames).Assembly.GetName().Version}\")]";
}
