using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace EdgeLstm.Tests.Hostile;

/// <summary>
/// Loads one weight file with ReferenceModel.Load in a child process (EdgeLstm.HostileFiles' probe) under a managed
/// heap limit (DOTNET_GCHeapHardLimit) and a wall-clock limit, so that a file which exhausts memory or hangs fails the
/// test instead of the test process. The probe reports its CPU time, which is what a time budget should be checked
/// against: the wall-clock limit only stops hangs, since on two shared cores a child can wait long for a core.
/// </summary>
internal static class LoadProbeProcess
{
    /// <summary>What the probe reported.</summary>
    /// <param name="Seconds">Wall-clock time of the load itself.</param>
    /// <param name="CpuSeconds">CPU time of the whole probe process, runtime start included.</param>
    public sealed record Result(string Outcome, string Exception, string Inner, int MessageLength, string Message, double Seconds, double CpuSeconds, double PeakManagedMiB, double PeakRssMiB)
    {
        public override string ToString()
            => $"{Outcome} {Exception} (inner: {Inner}) in {Seconds:F2} s ({CpuSeconds:F2} s CPU for the whole probe), peak heap {PeakManagedMiB:F0} MiB, peak RSS {PeakRssMiB:F0} MiB, message of {MessageLength} characters: {Message}";
    }

    /// <param name="timeLimit">Wall-clock limit: the probe is killed after it (a hang).</param>
    public static Result Load(string path, long heapLimitBytes, TimeSpan timeLimit, params string[] options)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "EdgeLstm.HostileFiles.dll"));
        info.ArgumentList.Add("load");
        info.ArgumentList.Add(path);
        foreach (string option in options) info.ArgumentList.Add(option);
        info.Environment["DOTNET_GCHeapHardLimit"] = "0x" + heapLimitBytes.ToString("x", CultureInfo.InvariantCulture);
        info.Environment["DOTNET_gcServer"] = "0";

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeLimit))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException($"loading {Path.GetFileName(path)} took more than {timeLimit.TotalSeconds} s (heap limit {heapLimitBytes:N0} bytes).");
        }
        process.WaitForExit();
        string output = stdout.Result;
        string? line = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault(l => l.TrimStart().StartsWith('{'));
        if (line is null)
        {
            throw new InvalidOperationException($"the probe for {Path.GetFileName(path)} exited with {process.ExitCode} and no report:\n{output}\n{stderr.Result}");
        }
        using JsonDocument report = JsonDocument.Parse(line);
        JsonElement r = report.RootElement;
        return new Result(
            r.GetProperty("outcome").GetString()!,
            r.GetProperty("exception").GetString()!,
            r.GetProperty("inner").GetString()!,
            r.GetProperty("messageLength").GetInt32(),
            r.GetProperty("message").GetString()!,
            r.GetProperty("seconds").GetDouble(),
            r.GetProperty("cpuSeconds").GetDouble(),
            r.GetProperty("peakManagedMiB").GetDouble(),
            r.GetProperty("peakRssMiB").GetDouble());
    }
}
