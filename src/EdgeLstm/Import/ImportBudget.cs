using System;
using System.Globalization;

namespace EdgeLstm.Import;

/// <summary>
/// What one import may cost. A weight file is untrusted input that the compiler reads on every build, so each
/// importer counts what it builds from the file and stops with a <see cref="ModelFormatException"/> naming the budget
/// as soon as one runs out: a small file cannot cost gigabytes or hours.
/// </summary>
/// <remarks>
/// <para>Every budget derives from the <see cref="AllowanceBytes"/> A = max(file size, 4 bytes × <see cref="MaxParameters"/>):
/// the larger of the file and the float32 weights of the largest model allowed. A legitimate file never needs more than
/// its own size or its model's size in any of them; a file built to exhaust memory (a zip or pickle bomb, a graph whose
/// cost grows with the square of its size) runs into one long before memory does. With every budget spent at once an
/// import holds at most about 8·A of managed memory (measured and tested: see README, "Hostile weight files"), and
/// every loop consumes file bytes or budgeted items, so time grows linearly with A.</para>
/// <para>A legitimate file that needs more (a large model stored in a highly compressed .pt, say) gets through with a
/// higher <see cref="MaxParameters"/>: <c>&lt;EdgeLstmMaxParameters&gt;</c> in the project file for the generator,
/// <see cref="ImportOptions.MaxParameters"/> from code.</para>
/// Shared source: compiled into the runtime (net10.0) and the generator (netstandard2.0).
/// </remarks>
public sealed class ImportBudget
{
    /// <summary>The default model size limit (the generator's <c>EdgeLstmMaxParameters</c>).</summary>
    public const long DefaultMaxParameters = 4_000_000;

    /// <summary>Longest single string taken from a file (a name, key, dtype, op type or metadata value), in bytes.</summary>
    public const int MaxTextBytes = 1 << 20;

    // A floor for the count budgets, so that a tiny model limit still leaves room for a file's fixed structure.
    private const long CountFloor = 16_384;

    private ImportBudget(long fileBytes, long maxParameters)
    {
        FileBytes = fileBytes;
        MaxParameters = maxParameters;
        AllowanceBytes = Math.Max(fileBytes, SaturatingMultiply(4, maxParameters));
        long a = AllowanceBytes;
        MaxExtractedBytes = SaturatingAdd(SaturatingMultiply(2, a), 1 << 20);
        MaxTensorElements = SaturatingAdd(a / 2, 65_536);
        MaxUnusedStorageBytes = a / 8;
        MaxObjects = CountFloor + a / 256;
        MaxNumbers = CountFloor + a / 4;
        MaxTotalRank = CountFloor + a / 64;
    }

    /// <summary>The budget for a file of <paramref name="fileBytes"/> bytes under a model size limit of <paramref name="maxParameters"/>.</summary>
    public static ImportBudget For(long fileBytes, long maxParameters = DefaultMaxParameters)
    {
        if (fileBytes < 0) throw new ArgumentOutOfRangeException(nameof(fileBytes), fileBytes, "must not be negative.");
        if (maxParameters <= 0) throw new ArgumentOutOfRangeException(nameof(maxParameters), maxParameters, "must be positive.");
        return new ImportBudget(fileBytes, maxParameters);
    }

    /// <summary>The model size limit the budgets are sized for.</summary>
    public long MaxParameters { get; }

    /// <summary>The size of the file being imported.</summary>
    public long FileBytes { get; }

    /// <summary>A = max(<see cref="FileBytes"/>, 4 × <see cref="MaxParameters"/>): the unit every other budget is measured in.</summary>
    public long AllowanceBytes { get; }

    /// <summary>
    /// .pt: bytes taken out of zip entries, inflated or stored, all entries together and counted again each time an
    /// entry is read: 2·A + 1 MiB (float64 storages of a model at the limit are 2·A).
    /// </summary>
    public long MaxExtractedBytes { get; }

    /// <summary>Tensor elements decoded, all tensors together (a broadcast stride cannot multiply them): A/2 + 65,536.</summary>
    public long MaxTensorElements { get; }

    /// <summary>.pt: storage bytes that no tensor views, all storages together: A/8. They are refused before anything is inflated.</summary>
    public long MaxUnusedStorageBytes { get; }

    /// <summary>
    /// Objects built from the file's structure: pickle objects, memo entries and marks; JSON objects, arrays and strings;
    /// ONNX nodes, attributes, tensors, graph inputs and outputs, and the values the graph mapper tracks: 16,384 + A/256.
    /// </summary>
    public long MaxObjects { get; }

    /// <summary>Numbers decoded outside tensor data: JSON numbers, ONNX integer and float lists and dims: 16,384 + A/4.</summary>
    public long MaxNumbers { get; }

    /// <summary>ONNX: axes of all the values the graph mapper tracks, added up: 16,384 + A/64.</summary>
    public long MaxTotalRank { get; }

    /// <summary>The allowance and what it derives from, as a budget message states it.</summary>
    internal string DescribeAllowance()
        => $"A = {Format(AllowanceBytes)} bytes, the larger of the file ({Format(FileBytes)} bytes) and 4 bytes × {Format(MaxParameters)} parameters";

    internal static string Format(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static long SaturatingMultiply(long factor, long value) => value > long.MaxValue / factor ? long.MaxValue : factor * value;

    private static long SaturatingAdd(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;
}
