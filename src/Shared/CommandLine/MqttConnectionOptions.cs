using System;
using System.CommandLine;
using EdgeLstm.Iot.Fleet;

namespace EdgeLstm.CommandLine;

/// <summary>
/// The broker options both apps take (<c>--mqtt URI</c>, <c>--mqtt-ca</c>, <c>--mqtt-credentials</c>,
/// <c>--mqtt-cert</c>, <c>--mqtt-key</c>). Secrets never appear here: a credentials file or the
/// <c>EDGELSTM_MQTT_USERNAME</c>/<c>EDGELSTM_MQTT_PASSWORD</c> variables carry them.
/// </summary>
/// <remarks>Shared source, linked into the edgelstm tool and the MachineMonitor firmware.</remarks>
internal sealed class MqttConnectionOptions
{
    public MqttConnectionOptions(string uriDescription, bool required = false)
    {
        Uri = new Option<string>("--mqtt") { Description = uriDescription, HelpName = "URI", Required = required };
    }

    public Option<string> Uri { get; }

    public Option<string> CaFile { get; } = new("--mqtt-ca")
    {
        Description = "Trust the broker's certificate if it chains to this PEM CA (a private CA or a self-signed broker); otherwise the system's CA store. Certificates are always verified.",
        HelpName = "FILE",
    };

    public Option<string> CredentialsFile { get; } = new("--mqtt-credentials")
    {
        Description = $"A file with the broker user name on line 1 and the password on line 2 (default: {MqttCredentials.UserNameVariable} and {MqttCredentials.PasswordVariable} from the environment).",
        HelpName = "FILE",
    };

    public Option<string> CertificateFile { get; } = new("--mqtt-cert") { Description = "A PEM client certificate (with its key, or see --mqtt-key) for brokers that authenticate devices by certificate.", HelpName = "FILE" };

    public Option<string> KeyFile { get; } = new("--mqtt-key") { Description = "The PEM private key of --mqtt-cert.", HelpName = "FILE" };

    public void AddTo(Command command)
    {
        command.Options.Add(Uri);
        command.Options.Add(CaFile);
        command.Options.Add(CredentialsFile);
        command.Options.Add(CertificateFile);
        command.Options.Add(KeyFile);
    }

    /// <summary>The connection settings, or null without --mqtt.</summary>
    /// <exception cref="ArgumentException">A bad URI, a missing file, credentials where they do not belong.</exception>
    public MqttConnectionSettings? Read(ParseResult parse)
    {
        if (parse.GetValue(Uri) is not { } uri)
        {
            foreach (var option in new[] { CaFile, CredentialsFile, CertificateFile, KeyFile })
            {
                if (parse.GetValue(option) is not null)
                {
                    throw new ArgumentException($"{option.Name} needs --mqtt URI.");
                }
            }

            return null;
        }

        return MqttConnectionSettings.FromOptions(uri, parse.GetValue(CaFile), parse.GetValue(CredentialsFile), parse.GetValue(CertificateFile), parse.GetValue(KeyFile));
    }
}
