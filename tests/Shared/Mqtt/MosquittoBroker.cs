using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;

namespace EdgeLstm.Testing;

/// <summary>
/// A real Mosquitto broker (Debian's mosquitto, installed by ./build.sh setup) on a free loopback port, with its own
/// config in a temporary folder. Persistence is on and saved on a clean stop, so a persistent subscriber keeps
/// its queued messages across <see cref="Stop"/> and <see cref="Start"/>, as a production broker would.
/// </summary>
/// <remarks>Shared source (tests/Shared/Mqtt), linked into the test projects that need a broker: the fleet suite and
/// the monitor template's package test.</remarks>
public sealed class MosquittoBroker : IDisposable
{
    // A free port is only free when it is looked up: another test's broker or client can take it before mosquitto
    // binds it. The first start then moves to another port; a restart must keep the port its clients know.
    private const int PortAttempts = 5;

    private readonly string _directory;
    private readonly (string Certificate, string Key, string Ca)? _tls;
    private readonly string? _passwordFile;
    private string _config;
    private bool _started;
    private Process? _process;

    /// <param name="directory">An existing folder for the config, persistence file and log (the caller deletes it).</param>
    /// <param name="tls">Server certificate, key and CA (PEM paths) for a TLS listener, or null for plain TCP.</param>
    /// <param name="passwordFile">A mosquitto_passwd file: anonymous clients are then refused.</param>
    public MosquittoBroker(string directory, (string Certificate, string Key, string Ca)? tls = null, string? passwordFile = null)
    {
        _directory = directory;
        _tls = tls;
        _passwordFile = passwordFile;
        _config = WriteConfig(FreePort());
    }

    /// <summary>Writes the config for <paramref name="port"/> and makes it the broker's port.</summary>
    private string WriteConfig(int port)
    {
        Port = port;
        (string Certificate, string Key, string Ca)? tls = _tls;
        string? passwordFile = _passwordFile;
        string directory = _directory;
        var config = new StringBuilder();
        config.AppendLine($"listener {Port} 127.0.0.1");
        config.AppendLine(passwordFile is null ? "allow_anonymous true" : $"allow_anonymous false\npassword_file {passwordFile}");
        config.AppendLine("persistence true");
        config.AppendLine($"persistence_location {directory}/");
        config.AppendLine($"log_dest file {LogPath}");
        config.AppendLine("log_type error");
        config.AppendLine("log_type warning");
        config.AppendLine("log_type notice");
        // Run as root, mosquitto switches to its own user unless told to stay (its files are ours).
        config.AppendLine($"user {Environment.UserName}");
        if (tls is { } t)
        {
            config.AppendLine($"certfile {t.Certificate}");
            config.AppendLine($"keyfile {t.Key}");
            config.AppendLine($"cafile {t.Ca}");
        }

        string path = Path.Combine(directory, $"mosquitto-{Port}.conf");
        File.WriteAllText(path, config.ToString());
        return path;
    }

    public int Port { get; private set; }

    private string LogPath => Path.Combine(_directory, "mosquitto.log");

    public string Uri(bool tls = false) => $"{(tls ? "mqtts" : "mqtt")}://127.0.0.1:{Port}";

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Starts the broker and waits until it listens on <see cref="Port"/>.</summary>
    public MosquittoBroker Start()
    {
        if (IsRunning)
        {
            throw new InvalidOperationException("already running");
        }

        for (int attempt = 1; ; attempt++)
        {
            if (TryStart())
            {
                _started = true;
                return this;
            }

            string log = Log();
            bool portTaken = log.Contains("Address already in use", StringComparison.Ordinal);
            int exitCode = _process!.ExitCode;
            _process.Dispose();
            _process = null;
            if (!portTaken || _started || attempt == PortAttempts)
            {
                throw new InvalidOperationException($"mosquitto exited with {exitCode} (port {Port}): {log}");
            }

            _config = WriteConfig(FreePort());
        }
    }

    /// <summary>Starts mosquitto; true once it listens on <see cref="Port"/>, false when it exited first.</summary>
    private bool TryStart()
    {
        var start = new ProcessStartInfo("mosquitto")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(_config);
        try
        {
            _process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("mosquitto is not installed; run ./build.sh setup (Debian packages mosquitto, mosquitto-clients).", ex);
        }

        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        // The limit only stops a broken set-up from hanging a test; nothing asserts on speed.
        var waited = Stopwatch.StartNew();
        while (!_process.HasExited && !Listens(_process.Id, Port))
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException($"mosquitto did not listen on port {Port} within 60 s: {Log()}");
            }

            Thread.Sleep(50);
        }

        if (_process.HasExited)
        {
            _process.WaitForExit();
            return false;
        }

        return true;
    }

    /// <summary>Stops the broker cleanly (SIGTERM: it saves its persistence file) and waits for it to exit.</summary>
    public void Stop()
    {
        if (_process is null)
        {
            return;
        }

        if (!_process.HasExited)
        {
            Signal(_process.Id, 15);
            if (!_process.WaitForExit(20_000))
            {
                _process.Kill();
                _process.WaitForExit();
            }
        }

        _process.Dispose();
        _process = null;
    }

    public string Log() => File.Exists(LogPath) ? File.ReadAllText(LogPath) : string.Empty;

    public void Dispose() => Stop();

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Signal(int pid, int signal);

    /// <summary>
    /// Whether process <paramref name="pid"/> itself has a listening TCP socket on <paramref name="port"/>: one of its
    /// file descriptors is a socket whose inode /proc/net/tcp lists in state LISTEN (0A) on that local port. Connecting
    /// to the port would not tell: a broker of a parallel test that took the same port would answer too.
    /// </summary>
    private static bool Listens(int pid, int port)
    {
        var sockets = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            foreach (string fd in Directory.EnumerateFiles($"/proc/{pid}/fd"))
            {
                string? target = new FileInfo(fd).LinkTarget;
                if (target is not null && target.StartsWith("socket:[", StringComparison.Ordinal))
                {
                    sockets.Add(target["socket:[".Length..^1]);
                }
            }

            // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
            foreach (string line in File.ReadLines("/proc/net/tcp").Skip(1))
            {
                string[] fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length > 9 && fields[3] == "0A" && sockets.Contains(fields[9])
                    && int.Parse(fields[1].AsSpan(fields[1].IndexOf(':') + 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture) == port)
                {
                    return true;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The process is ending (its /proc entry going away): not listening.
        }

        return false;
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
