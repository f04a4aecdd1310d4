using System;

namespace EdgeLstm.Import;

/// <summary>
/// A test seam: makes <see cref="ModelImporter.Load(byte[], string, ImportOptions)"/> fail from inside its guard as a
/// bug in an importer would (a NullReference or IndexOutOfRange exception), so that tests can show such a failure
/// reaching the user as a bug (ELSTM008, exit code 3) and not as "your file is invalid". Per thread, so a test that
/// sets it cannot disturb tests running in parallel; nothing outside tests sets it.
/// </summary>
/// <remarks>Shared source: compiled into the runtime (net10.0) and the generator (netstandard2.0).</remarks>
internal static class ImporterFaultInjection
{
    [ThreadStatic]
    private static Func<ModelFileFormat, Exception?>? t_fault;

    /// <summary>Until the result is disposed, every import on this thread throws what <paramref name="fault"/> returns (null: no fault).</summary>
    public static IDisposable Inject(Func<ModelFileFormat, Exception?> fault)
    {
        Func<ModelFileFormat, Exception?>? previous = t_fault;
        t_fault = fault ?? throw new ArgumentNullException(nameof(fault));
        return new Restore(previous);
    }

    /// <summary>Called by the importer inside its guard, after the format is known.</summary>
    internal static void RaiseIfInjected(ModelFileFormat format)
    {
        if (t_fault?.Invoke(format) is { } fault)
        {
            throw fault;
        }
    }

    private sealed class Restore : IDisposable
    {
        private readonly Func<ModelFileFormat, Exception?>? _previous;

        public Restore(Func<ModelFileFormat, Exception?>? previous) => _previous = previous;

        public void Dispose() => t_fault = _previous;
    }
}
