using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using EdgeLstm.Fleet.Tests.Support;
using EdgeLstm.Iot.Fleet;
using EdgeLstm.Testing;
using Xunit;

namespace EdgeLstm.Fleet.Tests;

/// <summary>TLS against a broker whose certificate a CA made in the test signed; password authentication; secrets kept out of output.</summary>
[Trait("Category", "Broker")]
public sealed class TlsAndCredentialsTests : IDisposable
{
    // Samples for a device that the test stops with SIGTERM once it has seen what it waits for (at 1,000 per second:
    // far longer than any test waits).
    private const int LongRun = 10_000_000;

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private MosquittoBroker StartTlsBroker(out string caFile)
    {
        using var ca = TestCertificates.CreateCa(_directory, "plant", out caFile);
        var (certificate, key) = TestCertificates.CreateServer(_directory, ca);
        return new MosquittoBroker(_directory.Path, (certificate, key, caFile)).Start();
    }

    [Fact]
    public void DeviceTrustingTheBrokersCaDeliversOverTls()
    {
        using var broker = StartTlsBroker(out string caFile);
        using var collector = new EventCollector(MqttConnectionSettings.Parse(broker.Uri(tls: true)) with { CaFile = caFile });
        string log = _directory.File("tls.jsonl");
        using var device = Device.Start(broker.Uri(tls: true), "tls-board", log, extra: ["--mqtt-ca", caFile]);
        Assert.True(device.WaitForExit() == 0, device.ToString());
        Assert.Contains("is acknowledged by the broker", device.Error);
        Poll.TryUntil(() => collector.Ids.Count >= EventLogFile.Lines(log).Count);
        Delivery.AssertEveryLoggedEventArrived(collector, log, "tls-board");
    }

    [Fact]
    public void AWrongCaIsRefusedWithAClearMessage()
    {
        using var broker = StartTlsBroker(out _);
        using var other = TestCertificates.CreateCa(_directory, "elsewhere", out string wrongCa);

        var (exit, _, error) = EdgeLstmTool.Run("fleet", "--mqtt", broker.Uri(tls: true), "--mqtt-ca", wrongCa, "--once");
        Assert.Equal(2, exit);
        Assert.Contains($"cannot connect to {broker.Uri(tls: true)}", error);
        Assert.Contains($"TLS: the broker's certificate (CN=127.0.0.1, issued by CN=plant test CA) does not chain to the CA in {wrongCa}", error);

        // Without --mqtt-ca the system store decides, and a private CA is not in it.
        (exit, _, error) = EdgeLstmTool.Run("fleet", "--mqtt", broker.Uri(tls: true), "--once");
        Assert.Equal(2, exit);
        Assert.Contains("is not trusted by this machine's CA store", error);
        Assert.Contains("--mqtt-ca FILE", error);

        // A device with the wrong CA keeps monitoring and keeps its events for later. It runs until it has said why it
        // cannot connect and logged an event, then stops as systemd stops it: a device that ran through a short stream
        // first would end before its first connect attempt had failed on a loaded machine (seen: no refusal printed).
        string log = _directory.File("wrong-ca.jsonl");
        using var device = Device.Start(broker.Uri(tls: true), "wrong-ca", log, samples: LongRun, rate: 1000, extra: ["--mqtt-ca", wrongCa], drainSeconds: 0.5);
        Poll.Until(() => device.Error.Contains("does not chain to the CA in", StringComparison.Ordinal) && EventLogFile.Lines(log).Count >= 1,
            "the device to report the wrong CA and log an event");
        device.Terminate();
        Assert.True(device.WaitForExit() == 0, device.ToString());
        Assert.Contains($"{EventLogFile.Lines(log).Count} event(s) still queued", device.Error);
    }

    [Fact]
    public void PasswordFromAFileAuthenticatesAndIsNeverPrinted()
    {
        const string Secret = "s3cret-Pa55";
        string passwords = _directory.File("passwords");
        var passwd = Process.Start("mosquitto_passwd", ["-c", "-b", passwords, "board", Secret])!;
        Assert.True(passwd.WaitForExit(30_000) && passwd.ExitCode == 0, "mosquitto_passwd failed");
        using var broker = new MosquittoBroker(_directory.Path, passwordFile: passwords).Start();
        File.WriteAllText(_directory.File("board.credentials"), $"board\n{Secret}\n");
        File.WriteAllText(_directory.File("wrong.credentials"), "board\nnot-the-password\n");

        using var collector = new EventCollector(MqttConnectionSettings.Parse(broker.Uri()) with { Credentials = MqttCredentials.Load(_directory.File("board.credentials")) });
        string log = _directory.File("auth.jsonl");
        using (var device = Device.Start(broker.Uri(), "auth-board", log, extra: ["--mqtt-credentials", _directory.File("board.credentials")]))
        {
            Assert.True(device.WaitForExit() == 0, device.ToString());
            Assert.DoesNotContain(Secret, device.Output + device.Error);
        }

        Poll.TryUntil(() => collector.Ids.Count >= EventLogFile.Lines(log).Count);
        Delivery.AssertEveryLoggedEventArrived(collector, log, "auth-board");

        // From the environment too; a wrong password is refused by the broker, and said so.
        var environment = new Dictionary<string, string> { [MqttCredentials.UserNameVariable] = "board", [MqttCredentials.PasswordVariable] = "wrong-" + Secret };
        using (var device = Device.Start(broker.Uri(), "env-board", _directory.File("env.jsonl"), samples: LongRun, rate: 1000, environment: environment, drainSeconds: 0.5))
        {
            Poll.Until(() => device.Error.Contains("mqtt: cannot connect", StringComparison.Ordinal), "the device to report the refused password");
            device.Terminate();
            Assert.True(device.WaitForExit() == 0, device.ToString());
            Assert.Contains("as user 'board'", device.Error);
            Assert.DoesNotContain(Secret, device.Output + device.Error);
        }

        // Credentials in the URI are refused before anything starts, without echoing them.
        using (var device = Device.Start($"mqtt://board:{Secret}@127.0.0.1:{broker.Port}", "uri-board", _directory.File("uri.jsonl")))
        {
            Assert.Equal(2, device.WaitForExit());
            Assert.Contains("the broker URI carries credentials", device.Error);
            Assert.DoesNotContain(Secret, device.Output + device.Error);
        }
    }
}
