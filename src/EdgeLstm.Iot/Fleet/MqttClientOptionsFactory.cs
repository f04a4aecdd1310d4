using System;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using MQTTnet;
using MQTTnet.Protocol;

namespace EdgeLstm.Iot.Fleet;

/// <summary>
/// Builds MQTTnet client options from <see cref="MqttConnectionSettings"/>: MQTT 3.1.1 (what every broker and the
/// cloud IoT hubs speak), TLS verified against the system's store or the given CA, an optional last will. Keeps the
/// reason the last TLS handshake failed, so the caller can say why instead of "the remote certificate was rejected".
/// </summary>
public sealed class MqttClientOptionsFactory
{
    private readonly MqttConnectionSettings _settings;
    private readonly X509Certificate2Collection? _trusted;
    private readonly X509Certificate2Collection? _clientCertificates;

    /// <summary>Loads the CA and client certificate files named in <paramref name="settings"/>.</summary>
    /// <exception cref="ArgumentException">A certificate file cannot be read.</exception>
    public MqttClientOptionsFactory(MqttConnectionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings.Validated();
        if (settings.CaFile is { } ca)
        {
            _trusted = [];
            try
            {
                _trusted.ImportFromPemFile(ca);
            }
            catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or System.IO.IOException)
            {
                throw new ArgumentException($"{ca}: cannot read the CA certificates ({ex.Message}); expected PEM ('-----BEGIN CERTIFICATE-----').", ex);
            }

            if (_trusted.Count == 0)
            {
                throw new ArgumentException($"{ca}: no certificate in the CA file; expected PEM ('-----BEGIN CERTIFICATE-----').");
            }
        }

        if (settings.ClientCertificateFile is { } certificate)
        {
            try
            {
                _clientCertificates = [X509Certificate2.CreateFromPemFile(certificate, settings.ClientKeyFile)];
            }
            catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or System.IO.IOException or ArgumentException)
            {
                throw new ArgumentException($"{certificate}: cannot load the client certificate and its key ({ex.Message}).", ex);
            }
        }
    }

    /// <summary>The settings the options are built from.</summary>
    public MqttConnectionSettings Settings => _settings;

    /// <summary>Why the broker's certificate was refused in the last handshake, or null.</summary>
    public string? LastTlsFailure { get; private set; }

    /// <summary>Client options for <paramref name="clientId"/>, with a retained last will when <paramref name="willTopic"/> is given.</summary>
    public MqttClientOptions Create(string clientId, string? willTopic = null, string? willPayload = null, TimeSpan? keepAlive = null)
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(_settings.Host, _settings.Port)
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V311)
            .WithClientId(clientId)
            .WithCleanSession(true)
            .WithKeepAlivePeriod(keepAlive ?? TimeSpan.FromSeconds(30))
            .WithTimeout(TimeSpan.FromSeconds(10));
        if (_settings.Credentials is { } credentials)
        {
            builder.WithCredentials(credentials.UserName, credentials.Password);
        }

        if (willTopic is not null)
        {
            builder.WithWillTopic(willTopic)
                .WithWillPayload(Encoding.UTF8.GetBytes(willPayload ?? string.Empty))
                .WithWillRetain(true)
                .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        }

        if (_settings.UseTls)
        {
            builder.WithTlsOptions(tls =>
            {
                tls.UseTls()
                    .WithTargetHost(_settings.Host)
                    // Revocation lists are rarely reachable from a plant network, and a private CA seldom publishes one.
                    .WithRevocationMode(X509RevocationMode.NoCheck)
                    .WithCertificateValidationHandler(Validate);
                if (_clientCertificates is not null)
                {
                    tls.WithClientCertificates(_clientCertificates);
                }
            });
        }

        return builder.Build();
    }

    /// <summary>Turns a failed connection into one line that says what to do.</summary>
    public string Describe(Exception exception)
    {
        if (LastTlsFailure is { } tls)
        {
            return $"TLS: {tls}";
        }

        // MQTTnet wraps socket and protocol errors; the innermost message names the cause (refused, unreachable, bad credentials).
        Exception inner = exception;
        while (inner.InnerException is not null)
        {
            inner = inner.InnerException;
        }

        return inner == exception || inner.Message == exception.Message ? exception.Message : $"{exception.Message} ({inner.Message})";
    }

    private bool Validate(MqttClientCertificateValidationEventArgs args)
    {
        string? problem = CertificateProblem(args.Certificate, args.Chain, args.SslPolicyErrors);
        LastTlsFailure = problem;
        return problem is null;
    }

    private string? CertificateProblem(X509Certificate? certificate, X509Chain? presented, SslPolicyErrors errors)
    {
        if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0)
        {
            return "the broker sent no certificate.";
        }

        if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            return $"the broker's certificate ({certificate.Subject}) is not issued for '{_settings.Host}'; connect with the name in the certificate.";
        }

        if (_trusted is null)
        {
            return errors == SslPolicyErrors.None
                ? null
                : $"the broker's certificate ({certificate.Subject}, issued by {certificate.Issuer}) is not trusted by this machine's CA store" +
                  $"{ChainText(presented)}; for a private CA pass --mqtt-ca FILE.";
        }

        // Trust exactly the given CA(s): build the chain again with them as the only roots.
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_trusted);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (presented is not null)
        {
            foreach (var element in presented.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return chain.Build(leaf)
            ? null
            : $"the broker's certificate ({leaf.Subject}, issued by {leaf.Issuer}) does not chain to the CA in {_settings.CaFile}{ChainText(chain)}.";
    }

    private static string ChainText(X509Chain? chain)
    {
        if (chain is null || chain.ChainStatus.Length == 0)
        {
            return string.Empty;
        }

        var text = new StringBuilder(": ");
        foreach (var status in chain.ChainStatus)
        {
            if (text.Length > 2)
            {
                text.Append("; ");
            }

            text.Append(status.StatusInformation.Trim());
        }

        return text.ToString();
    }
}
