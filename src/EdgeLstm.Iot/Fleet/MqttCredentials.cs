using System;
using System.IO;

namespace EdgeLstm.Iot.Fleet;

/// <summary>
/// A broker user name and password. They come from a file or from the environment, never from the command line
/// (where <c>ps</c> and shell history would show them), and <see cref="ToString"/> never shows the password.
/// </summary>
public sealed class MqttCredentials
{
    /// <summary>The environment variable holding the user name.</summary>
    public const string UserNameVariable = "EDGELSTM_MQTT_USERNAME";

    /// <summary>The environment variable holding the password.</summary>
    public const string PasswordVariable = "EDGELSTM_MQTT_PASSWORD";

    /// <summary>Credentials files are read only up to this size: one user name and one password.</summary>
    public const int MaxFileBytes = 4096;

    private MqttCredentials(string userName, string password, string origin)
    {
        UserName = userName;
        Password = password;
        Origin = origin;
    }

    /// <summary>The user name.</summary>
    public string UserName { get; }

    /// <summary>The password (may be empty).</summary>
    public string Password { get; }

    /// <summary>Where they came from (a file name or the variables' names), for messages.</summary>
    public string Origin { get; }

    /// <summary>
    /// The credentials from <paramref name="file"/> (first line the user name, second line the password) when given,
    /// else from <see cref="UserNameVariable"/> and <see cref="PasswordVariable"/>; null when neither is set.
    /// </summary>
    /// <param name="file">A credentials file, or null.</param>
    /// <param name="environment">Reads an environment variable (tests pass their own).</param>
    /// <exception cref="ArgumentException">The file is missing, too large or has no user name.</exception>
    public static MqttCredentials? Load(string? file, Func<string, string?>? environment = null)
    {
        if (file is not null)
        {
            return FromFile(file);
        }

        environment ??= Environment.GetEnvironmentVariable;
        string? user = environment(UserNameVariable);
        string? password = environment(PasswordVariable);
        if (string.IsNullOrEmpty(user))
        {
            return string.IsNullOrEmpty(password)
                ? null
                : throw new ArgumentException($"{PasswordVariable} is set but {UserNameVariable} is not; set both, or neither.");
        }

        return new MqttCredentials(user, password ?? string.Empty, $"{UserNameVariable}/{PasswordVariable}");
    }

    private static MqttCredentials FromFile(string file)
    {
        var info = new FileInfo(file);
        if (!info.Exists)
        {
            throw new ArgumentException($"{file}: the MQTT credentials file does not exist (expected the user name on line 1 and the password on line 2).");
        }

        if (info.Length > MaxFileBytes)
        {
            throw new ArgumentException($"{file}: {info.Length} bytes; an MQTT credentials file holds a user name and a password (at most {MaxFileBytes} bytes).");
        }

        string[] lines = File.ReadAllText(file).Split('\n');
        string user = lines[0].TrimEnd('\r');
        string password = lines.Length > 1 ? lines[1].TrimEnd('\r') : string.Empty;
        if (user.Length == 0)
        {
            throw new ArgumentException($"{file}: line 1 must be the MQTT user name and line 2 the password; line 1 is empty.");
        }

        return new MqttCredentials(user, password, file);
    }

    /// <summary>The user name and where it came from; never the password.</summary>
    public override string ToString() => $"user '{UserName}' (from {Origin})";
}
