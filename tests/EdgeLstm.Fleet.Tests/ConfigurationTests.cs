using System;
using System.Collections.Generic;
using System.IO;
using EdgeLstm.Fleet.Tests.Support;
using EdgeLstm.Iot.Fleet;
using Xunit;

namespace EdgeLstm.Fleet.Tests;

/// <summary>Broker URIs, credentials and device ids: what is accepted, and what is refused with which message.</summary>
public sealed class ConfigurationTests
{
    [Theory]
    [InlineData("mqtt://broker", "broker", 1883, false)]
    [InlineData("mqtts://broker.plant.lan", "broker.plant.lan", 8883, true)]
    [InlineData("mqtt://10.0.0.5:1884/", "10.0.0.5", 1884, false)]
    public void BrokerUrisParse(string uri, string host, int port, bool tls)
    {
        var settings = MqttConnectionSettings.Parse(uri);
        Assert.Equal((host, port, tls), (settings.Host, settings.Port, settings.UseTls));
    }

    [Theory]
    [InlineData("http://broker", "unknown scheme 'http'")]
    [InlineData("broker:1883", "unknown scheme")]
    [InlineData("mqtt://broker/edgelstm", "no path")]
    [InlineData("not a uri", "is not a broker URI")]
    public void BadUrisAreRefused(string uri, string message)
        => Assert.Contains(message, Assert.Throws<ArgumentException>(() => MqttConnectionSettings.Parse(uri)).Message);

    [Fact]
    public void CredentialsInTheUriAreRefusedWithoutEchoingThem()
    {
        var error = Assert.Throws<ArgumentException>(() => MqttConnectionSettings.Parse("mqtt://board:hunter2@broker"));
        Assert.Contains("--mqtt-credentials FILE", error.Message);
        Assert.DoesNotContain("hunter2", error.Message);
    }

    [Fact]
    public void CredentialsComeFromAFileOrTheEnvironmentAndNeverPrintThePassword()
    {
        using var directory = new TempDirectory();
        File.WriteAllText(directory.File("c"), "board\r\nhunter2\r\n");
        var fromFile = MqttCredentials.Load(directory.File("c"))!;
        Assert.Equal(("board", "hunter2"), (fromFile.UserName, fromFile.Password));

        var environment = new Dictionary<string, string> { [MqttCredentials.UserNameVariable] = "env-board", [MqttCredentials.PasswordVariable] = "hunter3" };
        var fromEnvironment = MqttCredentials.Load(null, name => environment.GetValueOrDefault(name))!;
        Assert.Equal(("env-board", "hunter3"), (fromEnvironment.UserName, fromEnvironment.Password));
        Assert.Null(MqttCredentials.Load(null, _ => null));

        var settings = MqttConnectionSettings.Parse("mqtt://broker") with { Credentials = fromFile };
        Assert.DoesNotContain("hunter2", settings.ToString());
        Assert.Contains("board", settings.ToString());
        Assert.Contains("line 1 must be the MQTT user name", Assert.Throws<ArgumentException>(() => MqttCredentials.Load(WriteFile(directory, "\nsecret"))).Message);
        Assert.Contains("set both, or neither", Assert.Throws<ArgumentException>(() => MqttCredentials.Load(null, n => n == MqttCredentials.PasswordVariable ? "x" : null)).Message);
    }

    [Fact]
    public void TlsFilesNeedTlsAndMustExist()
    {
        Assert.Contains("needs TLS; use mqtts://", Assert.Throws<ArgumentException>(() => (MqttConnectionSettings.Parse("mqtt://broker") with { CaFile = "ca.pem" }).Validated()).Message);
        Assert.Contains("/nonexistent/ca.pem: the MQTT CA file does not exist", Assert.Throws<ArgumentException>(() => (MqttConnectionSettings.Parse("mqtts://broker") with { CaFile = "/nonexistent/ca.pem" }).Validated()).Message);
    }

    [Fact]
    public void FromOptionsReadsWhatADevicesCommandLineGivesAndChecksItAsAWhole()
    {
        using var directory = new TempDirectory();
        File.WriteAllText(directory.File("ca.pem"), "not read here");
        var environment = new Dictionary<string, string> { [MqttCredentials.UserNameVariable] = "board", [MqttCredentials.PasswordVariable] = "hunter2" };

        var settings = MqttConnectionSettings.FromOptions("mqtts://plant-broker:9883", caFile: directory.File("ca.pem"), environment: name => environment.GetValueOrDefault(name));

        Assert.Equal(("plant-broker", 9883, true, directory.File("ca.pem")), (settings.Host, settings.Port, settings.UseTls, settings.CaFile));
        Assert.Equal("board", settings.Credentials!.UserName);
        Assert.Contains("not a broker URI", Assert.Throws<ArgumentException>(() => MqttConnectionSettings.FromOptions("plant broker", environment: _ => null)).Message);
        Assert.Contains("needs TLS; use mqtts://", Assert.Throws<ArgumentException>(() => MqttConnectionSettings.FromOptions("mqtt://broker", caFile: directory.File("ca.pem"), environment: _ => null)).Message);
        Assert.Contains("needs its certificate", Assert.Throws<ArgumentException>(() => MqttConnectionSettings.FromOptions("mqtts://broker", clientKeyFile: directory.File("ca.pem"), environment: _ => null)).Message);
        Assert.Contains("credentials file does not exist", Assert.Throws<ArgumentException>(() => MqttConnectionSettings.FromOptions("mqtt://broker", credentialsFile: directory.File("none"))).Message);
    }

    [Theory]
    [InlineData("press-07")]
    [InlineData("line3.cell_2")]
    [InlineData("a")]
    public void ValidDeviceIds(string id) => Assert.Null(FleetTopics.DeviceIdProblem(id));

    [Theory]
    [InlineData("", "is empty")]
    [InlineData("a/b", "contains '/'")]
    [InlineData("+", "contains '+'")]
    [InlineData("#", "contains '#'")]
    [InlineData("$SYS", "contains '$'")]
    [InlineData("a b", "contains U+0020")]
    [InlineData("a\u001b[2Jb", "contains U+001B")]
    public void InvalidDeviceIdsSayWhy(string id, string message)
    {
        Assert.Contains(message, FleetTopics.DeviceIdProblem(id));
        Assert.Throws<ArgumentException>(() => FleetTopics.Events(id));
    }

    [Fact]
    public void OverlongDeviceIdsAreRefused() => Assert.Contains("at most 64", FleetTopics.DeviceIdProblem(new string('a', 65)));

    [Fact]
    public void TopicsParseBackToDeviceAndKind()
    {
        Assert.Equal(FleetTopicKind.Health, FleetTopics.Parse(FleetTopics.Health("press-07"), out string id));
        Assert.Equal("press-07", id);
        Assert.Equal(FleetTopicKind.None, FleetTopics.Parse("edgelstm//events", out _));
    }

    private static string WriteFile(TempDirectory directory, string text)
    {
        string path = directory.File(Guid.NewGuid().ToString("N"));
        File.WriteAllText(path, text);
        return path;
    }
}
