using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;

namespace EdgeLstm.Fleet.Tests.Support;

/// <summary>A MachineMonitor process: the real device program, run from its own build output.</summary>
public sealed class Device : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();

    private Device(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_error) _error.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>MachineMonitor's apphost in its build output (the test project builds it: see the csproj).</summary>
    public static string Executable
    {
        get
        {
            // tests/EdgeLstm.Fleet.Tests/bin/<Configuration>/net10.0/ -> firmware-samples/MachineMonitor/bin/<Configuration>/net10.0/
            var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/'));
            string configuration = testOutput.Parent!.Name;
            string root = testOutput.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
            string path = Path.Combine(root, "firmware-samples", "MachineMonitor", "bin", configuration, "net10.0", "MachineMonitor");
            return File.Exists(path) ? path : throw new FileNotFoundException($"MachineMonitor is not built at {path}", path);
        }
    }

    public int Id => _process.Id;

    public string Output { get { lock (_output) return _output.ToString(); } }

    public string Error { get { lock (_error) return _error.ToString(); } }

    /// <summary>Starts MachineMonitor on a simulated machine reporting to <paramref name="brokerUri"/>.</summary>
    public static Device Start(string brokerUri, string deviceId, string eventsFile, int samples = 4000, double rate = 0,
        IEnumerable<string>? extra = null, IReadOnlyDictionary<string, string>? environment = null, double drainSeconds = 30)
        => Launch(
            ["--source", "sim", "--samples", Invariant(samples), "--rate", Invariant(rate), .. Reporting(brokerUri, deviceId, eventsFile, drainSeconds), .. extra ?? []],
            environment, feedsStandardInput: false);

    /// <summary>
    /// Starts MachineMonitor on CSV lines the test writes to its standard input (<see cref="Feed"/>, <see cref="EndOfInput"/>):
    /// the test decides when each sample exists, so "an event while the broker is down" needs no race against a clock.
    /// </summary>
    public static Device StartOnStandardInput(string brokerUri, string deviceId, string eventsFile, string channel, int calibrationSamples)
        => Launch(
            ["--source", "csv", "--input", "-", "--channel", channel, "--calibration-samples", Invariant(calibrationSamples), .. Reporting(brokerUri, deviceId, eventsFile, drainSeconds: 30)],
            environment: null, feedsStandardInput: true);

    /// <summary>
    /// The simulated machine's series as CSV lines (header first): MachineMonitor writes every sample it reads to
    /// <paramref name="scoresFile"/> in NAB's results layout (timestamp,value,anomaly_score).
    /// </summary>
    public static string[] SimulatedSeries(string scoresFile, int samples = 4000)
    {
        using var device = Launch(["--source", "sim", "--samples", Invariant(samples), "--scores", scoresFile], environment: null, feedsStandardInput: false);
        if (device.WaitForExit() != 0)
        {
            throw new InvalidOperationException($"MachineMonitor could not write the simulated series:\n{device}");
        }

        return File.ReadAllLines(scoresFile);
    }

    private static string[] Reporting(string brokerUri, string deviceId, string eventsFile, double drainSeconds)
        => ["--events", eventsFile, "--mqtt", brokerUri, "--device-id", deviceId, "--mqtt-drain", Invariant(drainSeconds)];

    private static string Invariant(double value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static Device Launch(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment, bool feedsStandardInput)
    {
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = feedsStandardInput,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var pair in environment ?? new Dictionary<string, string>())
        {
            start.Environment[pair.Key] = pair.Value;
        }

        return new Device(Process.Start(start)!);
    }

    /// <summary>Writes lines to the monitor's standard input and flushes them (a device started on standard input).</summary>
    public void Feed(IEnumerable<string> lines)
    {
        var input = _process.StandardInput;
        foreach (string line in lines)
        {
            input.Write(line);
            input.Write('\n');
        }

        input.Flush();
    }

    /// <summary>Closes the monitor's standard input: the stream ends, as a replayed file does.</summary>
    public void EndOfInput() => _process.StandardInput.Close();

    /// <summary>Waits for a normal exit (a limit against hangs only) and returns the exit code.</summary>
    public int WaitForExit()
    {
        if (!_process.WaitForExit(120_000))
        {
            _process.Kill();
            throw new TimeoutException($"MachineMonitor did not finish; stderr:\n{Error}");
        }

        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>SIGTERM, as systemd stops the service: the monitor ends its loop, drains and exits normally.</summary>
    public void Terminate()
    {
        if (Signal(_process.Id, 15) != 0 && !_process.HasExited)
        {
            throw new InvalidOperationException($"SIGTERM to MachineMonitor ({_process.Id}) failed with errno {Marshal.GetLastPInvokeError()}");
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Signal(int pid, int signal);

    /// <summary>SIGKILL: no finally blocks, no flush, no last health, no offline status (the will says it).</summary>
    public void KillNine()
    {
        _process.Kill();
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    public override string ToString() => $"stdout:\n{Output}\nstderr:\n{Error}";
}
