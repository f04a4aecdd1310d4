using System;
using System.Globalization;

namespace EdgeLstm.Iot.Fleet;

/// <summary>
/// Where the broker is and how to talk to it: <c>mqtt://host[:1883]</c> or <c>mqtts://host[:8883]</c>, the CA to trust
/// for TLS (the system's trust store when none is given), credentials and a client certificate. TLS certificates are
/// always verified: chain and host name. <see cref="ToString"/> is safe to print (no password).
/// </summary>
public sealed record MqttConnectionSettings
{
    /// <summary>The default port of <c>mqtt://</c>.</summary>
    public const int DefaultPort = 1883;

    /// <summary>The default port of <c>mqtts://</c>.</summary>
    public const int DefaultTlsPort = 8883;

    /// <summary>The broker's host name or address.</summary>
    public required string Host { get; init; }

    /// <summary>The broker's TCP port.</summary>
    public required int Port { get; init; }

    /// <summary>Whether the connection is TLS (<c>mqtts://</c>).</summary>
    public bool UseTls { get; init; }

    /// <summary>A PEM file of CA certificates to trust instead of the system's store (a private CA, a self-signed broker).</summary>
    public string? CaFile { get; init; }

    /// <summary>A PEM client certificate, for brokers that authenticate devices by certificate.</summary>
    public string? ClientCertificateFile { get; init; }

    /// <summary>The client certificate's PEM private key (when not in <see cref="ClientCertificateFile"/>).</summary>
    public string? ClientKeyFile { get; init; }

    /// <summary>User name and password, or null.</summary>
    public MqttCredentials? Credentials { get; init; }

    /// <summary>Parses a broker URI; the TLS and credential settings are added with <c>with</c>.</summary>
    /// <exception cref="ArgumentException">Not an <c>mqtt://</c> or <c>mqtts://</c> URI, or it carries credentials or a path.</exception>
    public static MqttConnectionSettings Parse(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        const string Expected = "expected mqtt://HOST[:PORT] or mqtts://HOST[:PORT]";
        if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed))
        {
            throw new ArgumentException($"'{uri}' is not a broker URI; {Expected}.");
        }

        bool tls = parsed.Scheme switch
        {
            "mqtt" => false,
            "mqtts" => true,
            _ => throw new ArgumentException($"'{uri}': unknown scheme '{parsed.Scheme}'; {Expected}."),
        };

        if (parsed.UserInfo.Length > 0)
        {
            // Do not echo the URI: it holds the secret.
            throw new ArgumentException(
                $"the broker URI carries credentials; a command line is visible to every user of the machine. Put the user name and password " +
                $"in a file (--mqtt-credentials FILE: user on line 1, password on line 2) or in {MqttCredentials.UserNameVariable} and {MqttCredentials.PasswordVariable}.");
        }

        if (parsed.AbsolutePath is not ("" or "/") || parsed.Query.Length > 0 || parsed.Fragment.Length > 0)
        {
            throw new ArgumentException($"'{uri}': a broker URI has no path, query or fragment; {Expected}.");
        }

        if (parsed.Host.Length == 0)
        {
            throw new ArgumentException($"'{uri}': no host; {Expected}.");
        }

        int port = parsed.IsDefaultPort || parsed.Port < 0 ? (tls ? DefaultTlsPort : DefaultPort) : parsed.Port;
        return new MqttConnectionSettings { Host = parsed.IdnHost, Port = port, UseTls = tls };
    }

    /// <summary>
    /// The settings a device's command line describes: the broker URI plus the optional CA, credentials and client
    /// certificate files, checked as a whole (<see cref="Parse"/>, then <see cref="MqttCredentials.Load"/>, then
    /// <see cref="Validated"/>). One call for an app's option parsing, so every app that takes <c>--mqtt</c> accepts
    /// and refuses the same things with the same messages.
    /// </summary>
    /// <param name="uri"><c>mqtt://HOST[:PORT]</c> or <c>mqtts://HOST[:PORT]</c>, without credentials.</param>
    /// <param name="caFile">A PEM CA to trust instead of the system's store (mqtts only), or null.</param>
    /// <param name="credentialsFile">User name on line 1, password on line 2; null reads <see cref="MqttCredentials.UserNameVariable"/> and <see cref="MqttCredentials.PasswordVariable"/>.</param>
    /// <param name="clientCertificateFile">A PEM client certificate (mqtts only), or null.</param>
    /// <param name="clientKeyFile">Its PEM private key when not in the certificate file, or null.</param>
    /// <param name="environment">Reads an environment variable (tests pass their own); null for the process's.</param>
    /// <exception cref="ArgumentException">
    /// A bad URI, a TLS file with <c>mqtt://</c>, a key without its certificate, a missing or malformed file. The
    /// message says which and never contains a password.
    /// </exception>
    public static MqttConnectionSettings FromOptions(string uri, string? caFile = null, string? credentialsFile = null,
        string? clientCertificateFile = null, string? clientKeyFile = null, Func<string, string?>? environment = null)
        => (Parse(uri) with
        {
            CaFile = caFile,
            ClientCertificateFile = clientCertificateFile,
            ClientKeyFile = clientKeyFile,
            Credentials = MqttCredentials.Load(credentialsFile, environment),
        }).Validated();

    /// <summary>Checks that the TLS options fit the scheme and that the files exist.</summary>
    /// <exception cref="ArgumentException">A TLS file is given for <c>mqtt://</c>, or a file does not exist.</exception>
    public MqttConnectionSettings Validated()
    {
        if (!UseTls && (CaFile ?? ClientCertificateFile ?? ClientKeyFile) is not null)
        {
            throw new ArgumentException($"{this}: a CA file or client certificate needs TLS; use mqtts://.");
        }

        if (ClientKeyFile is not null && ClientCertificateFile is null)
        {
            throw new ArgumentException("a client key needs its certificate (--mqtt-cert FILE).");
        }

        foreach (var (file, what) in new[] { (CaFile, "CA file"), (ClientCertificateFile, "client certificate"), (ClientKeyFile, "client key") })
        {
            if (file is not null && !System.IO.File.Exists(file))
            {
                throw new ArgumentException($"{file}: the MQTT {what} does not exist.");
            }
        }

        return this;
    }

    /// <summary>The URI, plus the trusted CA and the user name when set; never the password.</summary>
    public override string ToString()
    {
        string text = string.Create(CultureInfo.InvariantCulture, $"{(UseTls ? "mqtts" : "mqtt")}://{Host}:{Port}");
        if (CaFile is not null)
        {
            text += $" (trusting CA {CaFile})";
        }

        if (Credentials is not null)
        {
            text += $" as {Credentials}";
        }

        return text;
    }
}
