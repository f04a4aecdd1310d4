using System.Globalization;
using System.Threading;

namespace EdgeLstm.Import;

/// <summary>
/// Counts what one import spends against its <see cref="ImportBudget"/> and observes the caller's cancellation. Every
/// importer charges as it builds: bytes before they are extracted, objects as they are created, so that the budget
/// stops a hostile file before the memory is taken, not after. One meter per import; not thread-safe.
/// </summary>
/// <remarks>
/// Hot loops (pickle opcodes, JSON values, protobuf fields) locate a charge by a prefix and an offset, and the location
/// text is only built when a budget runs out.
/// Shared source: compiled into the runtime (net10.0) and the generator (netstandard2.0).
/// </remarks>
internal sealed class ImportMeter
{
    private long _extracted, _elements, _unusedStorage, _objects, _numbers, _rank;

    public ImportMeter(ImportBudget budget, string file, CancellationToken cancellationToken)
    {
        Budget = budget;
        File = file;
        CancellationToken = cancellationToken;
    }

    /// <summary>A meter with the default model size limit and no cancellation, for the importers' own public entry points.</summary>
    public static ImportMeter For(long fileBytes, string file) => new(ImportBudget.For(fileBytes), file, CancellationToken.None);

    public ImportBudget Budget { get; }

    /// <summary>The file's name, as every message starts with it.</summary>
    public string File { get; }

    public CancellationToken CancellationToken { get; }

    /// <summary>Throws <see cref="System.OperationCanceledException"/> when the caller gave up (an IDE cancels a stale run as the user types).</summary>
    public void ThrowIfCancellationRequested() => CancellationToken.ThrowIfCancellationRequested();

    /// <summary>Bytes about to be taken out of a zip entry, inflated or stored.</summary>
    public void ChargeExtracted(long bytes, string location)
        => Charge(ref _extracted, bytes, Budget.MaxExtractedBytes, "bytes extracted from zip entries (inflated or stored, all entries together; an entry read twice counts twice)", "2·A + 1 MiB", location, -1);

    /// <summary>Tensor elements about to be decoded.</summary>
    public void ChargeTensorElements(long count, string location)
        => Charge(ref _elements, count, Budget.MaxTensorElements, "tensor elements", "A/2 + 65,536", location, -1);

    /// <summary>Storage bytes that no tensor views.</summary>
    public void ChargeUnusedStorage(long bytes, string location)
        => Charge(ref _unusedStorage, bytes, Budget.MaxUnusedStorageBytes, "storage bytes that no tensor views", "A/8", location, -1);

    /// <summary>
    /// Objects built from the file's structure at <paramref name="offset"/> after <paramref name="location"/>
    /// ("archive/data.pkl offset 12"; an offset below zero leaves the location as it is). <paramref name="what"/> names
    /// the kind of object ("pickle objects, memo entries and marks").
    /// </summary>
    public void ChargeObjects(long count, string what, string location, long offset = -1)
        => Charge(ref _objects, count, Budget.MaxObjects, what, "16,384 + A/256", location, offset);

    /// <summary>Numbers decoded outside tensor data ("JSON numbers"), located as in <see cref="ChargeObjects"/>.</summary>
    public void ChargeNumbers(long count, string what, string location, long offset = -1)
        => Charge(ref _numbers, count, Budget.MaxNumbers, what, "16,384 + A/4", location, offset);

    /// <summary>Axes of a value the ONNX graph mapper tracks.</summary>
    public void ChargeRank(long axes, string location)
        => Charge(ref _rank, axes, Budget.MaxTotalRank, "axes of the values the ONNX graph mapper tracks, added up", "16,384 + A/64", location, -1);

    /// <summary>Refuses a string from the file longer than <see cref="ImportBudget.MaxTextBytes"/> before it is decoded.</summary>
    public void CheckText(long bytes, string what, string location, long offset = -1)
    {
        if (bytes > ImportBudget.MaxTextBytes)
        {
            throw TextTooLong($"{what} of {ImportBudget.Format(bytes)} bytes", location, offset);
        }
    }

    /// <summary>The refusal of a string from the file longer than <see cref="ImportBudget.MaxTextBytes"/>.</summary>
    public ModelFormatException TextTooLong(string what, string location, long offset = -1)
        => new(File, Locate(location, offset),
            $"{what} is longer than the {ImportBudget.Format(ImportBudget.MaxTextBytes)} bytes the import budget allows for one string, far more than any name, key or value of a weight file needs.");

    private void Charge(ref long spent, long amount, long limit, string what, string formula, string location, long offset)
    {
        if (amount > limit - spent)
        {
            throw new ModelFormatException(File, Locate(location, offset),
                $"needs more {what} than the import budget allows: more than {ImportBudget.Format(limit)} ({formula}, where {Budget.DescribeAllowance()}). " +
                "The budgets keep a hostile file from exhausting memory or time; if this file is legitimate, raise the model size limit they derive from: " +
                "<EdgeLstmMaxParameters> in the project file, or ImportOptions.MaxParameters from code.");
        }
        if (CancellationToken.IsCancellationRequested)
        {
            CancellationToken.ThrowIfCancellationRequested();
        }
        spent += amount;
    }

    private static string Locate(string location, long offset)
    {
        if (offset < 0) return location;
        string at = "offset " + offset.ToString(CultureInfo.InvariantCulture);
        return location.Length == 0 ? at : location + " " + at;
    }
}
