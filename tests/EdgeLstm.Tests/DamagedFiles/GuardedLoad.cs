using System;
using EdgeLstm.Import;
using EdgeLstm.Model;
using EdgeLstm.Reference;

namespace EdgeLstm.Tests.DamagedFiles;

/// <summary>
/// Loads mutated bytes on a worker with a time limit, and runs any model that loads for a few steps.
/// </summary>
internal static class GuardedLoad
{
    /// <summary>What happened to one file.</summary>
    /// <param name="Loaded">The importer returned a model (and it ran).</param>
    /// <param name="Problem">Null when everything behaved (a <see cref="ModelFormatException"/> naming the file, or a
    /// model that runs); otherwise what went wrong.</param>
    /// <param name="Refusal">The <see cref="ModelFormatException"/> message when the file was refused.</param>
    public sealed record Outcome(bool Loaded, string? Problem, string? Refusal = null);

    /// <summary>
    /// How long one load may take before it counts as a hang. Only a guard against hangs: a mutated file loads in
    /// milliseconds, but the first loads also JIT-compile the importers, and on two cores shared with other test
    /// classes and builds a thread can wait seconds for a core (a tighter limit turns a busy machine into "hangs").
    /// A real hang costs this much per hang, and the sweep stops after a few.
    /// </summary>
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    private static readonly object Gate = new();
    private static DedicatedWorker _worker = new();

    public static Outcome Check(byte[] content, string name, double[] probeRows)
    {
        lock (Gate)
        {
            if (!_worker.TryRun(() => LoadAndRun(content, name, probeRows), Limit, out Outcome? outcome))
            {
                _worker = new DedicatedWorker(); // the old one is stuck in the hung load
                return new Outcome(false, $"hang: no result after {Limit.TotalSeconds} s");
            }
            return outcome!;
        }
    }

    private static Outcome LoadAndRun(byte[] content, string name, double[] probeRows)
    {
        NetworkModel model;
        try
        {
            model = ModelImporter.Load(content, name);
        }
        catch (ModelFormatException e)
        {
            return new Outcome(false, e.File == name ? null : $"ModelFormatException names file '{e.File}' instead of '{name}': {e.Message}", e.Message);
        }
        catch (Exception e)
        {
            return new Outcome(false, $"{e.GetType().FullName} from ModelImporter.Load: {e.Message}\n{e.StackTrace}");
        }

        // A flipped weight is still a valid file; what loads must also run.
        try
        {
            var network = new ReferenceNetwork(model);
            int steps = probeRows.Length / Math.Max(1, network.InputSize);
            if (steps * network.InputSize != probeRows.Length)
            {
                // The mutation changed the input size; probe with zeros of the new width.
                probeRows = new double[2 * network.InputSize];
                steps = 2;
            }
            network.Run(probeRows, new double[steps * network.OutputSize], steps);
            return new Outcome(true, null);
        }
        catch (Exception e)
        {
            return new Outcome(true, $"loaded, but ReferenceNetwork failed with {e.GetType().FullName}: {e.Message}\n{e.StackTrace}");
        }
    }
}
