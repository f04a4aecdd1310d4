using System;
using System.Diagnostics;
using System.IO;
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
    private readonly string _directory;
    private readonly string _config;
    private Process? _process;

    /// <param name="directory">An existing folder for the config, persistence file and log (the caller deletes it).</param>
    /// <param name="tls">Server certificate, key and CA (PEM paths) for a TLS listener, or null for plain TCP.</param>
    /// <param name="passwordFile">A mosquitto_passwd file: anonymous clients are then refused.</param>
    public MosquittoBroker(string directory, (string Certificate, string Key, string Ca)? tls = null, string? passwordFile = null)
    {
        _directory = directory;
        Port = FreePort();
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

        _config = Path.Combine(directory, $"mosquitto-{Port}.conf");
        File.WriteAllText(_config, config.ToString());
    }

    public int Port { get; }

    private string LogPath => Path.Combine(_directory, "mosquitto.log");

    public string Uri(bool tls = false) => $"{(tls ? "mqtts" : "mqtt")}://127.0.0.1:{Port}";

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Starts the broker and waits until it accepts connections.</summary>
    public MosquittoBroker Start()
    {
        if (IsRunning)
        {
            throw new InvalidOperationException("already running");
        }

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
        while (!_process.HasExited && !Accepts())
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(20))
            {
                throw new TimeoutException($"mosquitto did not listen on port {Port} within 20 s: {Log()}");
            }

            Thread.Sleep(50);
        }

        if (_process.HasExited)
        {
            throw new InvalidOperationException($"mosquitto exited with {_process.ExitCode}: {Log()}");
        }

        return this;
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

    private bool Accepts()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
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
