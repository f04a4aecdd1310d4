using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text.Json;
using System.Threading;
using EdgeLstm.Import;

namespace EdgeLstm.HostileFiles;

/// <summary>
/// Loads one weight file with <see cref="ReferenceModel.Load(string)"/> and reports what happened as one JSON line.
/// Meant to run in a process of its own, under a heap limit and a time limit set by the caller.
/// </summary>
internal static class LoadProbe
{
    public static int Run(string path, long? maxParameters, bool importOnly)
    {
        long peakManaged = 0;
        using var sampler = new Timer(_ => UpdatePeak(ref peakManaged), null, 0, 2);
        long before = GC.GetTotalAllocatedBytes();
        var stopwatch = Stopwatch.StartNew();
        string outcome, type = string.Empty, message = string.Empty, inner = string.Empty;
        try
        {
            ImportOptions options = maxParameters is { } max ? ImportOptions.None with { MaxParameters = max } : ImportOptions.None;
            if (importOnly)
            {
                Model.NetworkModel model = ModelImporter.Load(path, options);
                message = $"{model.InputSize} inputs, {model.OutputSize} outputs, {model.ParameterCount} parameters";
            }
            else
            {
                ReferenceModel model = ReferenceModel.Load(path, options);
                message = $"{model.InputSize} inputs, {model.OutputSize} outputs";
            }
            outcome = "loaded";
        }
        catch (ModelFormatException e)
        {
            outcome = "refused";
            type = e.GetType().FullName!;
            message = e.Message;
            for (Exception? cause = e.InnerException; cause is not null; cause = cause.InnerException) inner += cause.GetType().FullName + " ";
        }
        catch (Exception e)
        {
            outcome = "crashed";
            type = e.GetType().FullName!;
            message = e.ToString();
        }
        stopwatch.Stop();
        UpdatePeak(ref peakManaged);

        using var output = new Utf8JsonWriter(Console.OpenStandardOutput());
        output.WriteStartObject();
        output.WriteString("file", Path.GetFileName(path));
        output.WriteString("outcome", outcome);
        output.WriteString("exception", type);
        output.WriteString("inner", inner.Trim());
        output.WriteNumber("messageLength", message.Length);
        output.WriteString("message", message.Length <= 600 ? message : message.Substring(0, 600) + "…");
        output.WriteNumber("seconds", Math.Round(stopwatch.Elapsed.TotalSeconds, 3));
        // The process's whole CPU time (runtime start and JIT included): the work the file cost, which the machine's
        // load does not stretch the way it stretches wall-clock time.
        output.WriteNumber("cpuSeconds", Math.Round(Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds, 3));
        output.WriteNumber("peakManagedMiB", Math.Round(peakManaged / 1048576.0, 1));
        output.WriteNumber("allocatedMiB", Math.Round((GC.GetTotalAllocatedBytes() - before) / 1048576.0, 1));
        output.WriteNumber("peakRssMiB", Math.Round(PeakResidentBytes() / 1048576.0, 1));
        output.WriteEndObject();
        output.Flush();
        Console.WriteLine();
        return 0;
    }

    /// <summary>Loads <paramref name="path"/> with <see cref="ReferenceModel.Load(string)"/>: "loaded", "refused" (ModelFormatException) or "crashed", and the message.</summary>
    public static (string Outcome, string Message) Outcome(string path)
    {
        try
        {
            ReferenceModel model = ReferenceModel.Load(path);
            return ("loaded", $"{model.InputSize} inputs, {model.OutputSize} outputs");
        }
        catch (ModelFormatException e)
        {
            return ("refused", e.Message);
        }
        catch (Exception e)
        {
            return ("crashed", e.ToString());
        }
    }

    private static void UpdatePeak(ref long peak)
    {
        long now = GC.GetTotalMemory(forceFullCollection: false);
        long seen;
        while (now > (seen = Interlocked.Read(ref peak)) && Interlocked.CompareExchange(ref peak, now, seen) != seen)
        {
        }
    }

    /// <summary>VmHWM: the most resident memory the process has had, from /proc (0 where there is none).</summary>
    private static long PeakResidentBytes()
    {
        try
        {
            foreach (string line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    string[] parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    return long.Parse(parts[1], CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
        }
        return 0;
    }
}
